import { UserError } from '../common/errors.js';
import type { Step } from './step-schema.js';

/** The steps a run goes through: all, one (--step N), or from N onward (--from N). */
export function selectSteps(steps: readonly Step[], choice: { step?: number; from?: number }): Step[] {
  const wanted = choice.step ?? choice.from;
  if (wanted === undefined) return [...steps];
  if (!steps.some((s) => s.number === wanted)) {
    throw new UserError(`There is no step ${wanted}; the steps are 1 to ${steps.length}.`, { tryThis: 'slowdata-tour --list' });
  }
  return choice.step !== undefined ? steps.filter((s) => s.number === wanted) : steps.filter((s) => s.number >= wanted);
}
