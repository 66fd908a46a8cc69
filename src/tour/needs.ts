import { messageOf } from '../common/errors.js';
import type { Runtime } from '../runtime/types.js';
import { ACTIONS } from './actions/index.js';
import { CONDITIONS } from './conditions.js';
import type { StepFailure } from './outcomes.js';
import type { Step } from './step-schema.js';

/** Checks a step's `needs`; when one is not true, says which step makes it true. */
export async function unmetNeed(step: Step, allSteps: readonly Step[], runtime: Runtime): Promise<StepFailure | undefined> {
  const needs = ACTIONS[step.action].needs;
  if (needs.length === 0) return undefined;
  let status;
  try {
    status = await runtime.status();
  } catch (error) {
    return { message: `Cannot check whether step ${step.number} can run: ${messageOf(error)}`, logTail: [] };
  }
  for (const need of needs) {
    const condition = CONDITIONS[need];
    if (condition.holds(status)) continue;
    const provider = allSteps.find((candidate) => candidate.action === condition.establishedBy);
    const first = provider ? `Run step ${provider.number} (${provider.title}) first.` : '';
    return {
      message: `Step ${step.number} needs ${condition.description}, and it is not. ${first}`.trim(),
      tryThis: provider ? `slowdata-tour --step ${provider.number}` : undefined,
      logTail: [],
    };
  }
  return undefined;
}
