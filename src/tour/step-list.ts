import { ACTIONS } from './actions/index.js';
import { CONDITIONS, type ConditionName } from './conditions.js';
import type { Step } from './step-schema.js';

/** A step as `--list` shows it: what it is, what it runs and what it needs first. */
export interface StepSummary {
  number: number;
  title: string;
  action: string;
  needs: ConditionName[];
  /** The same needs in words ("the environment to be up"). */
  needsInWords: string[];
  /** Its view stays live once done (the services' states, or the comparison of both engines). */
  live: boolean;
}

export function summarizeSteps(steps: readonly Step[]): StepSummary[] {
  return steps.map(({ number, title, action }) => {
    const { needs, showsServices, expects } = ACTIONS[action];
    return {
      number,
      title,
      action,
      needs: [...needs],
      needsInWords: needs.map((need) => CONDITIONS[need].description),
      live: showsServices === true || expects !== undefined,
    };
  });
}
