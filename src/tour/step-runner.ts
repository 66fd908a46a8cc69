import { isUserError, messageOf } from '../common/errors.js';
import { FAILURE_LOG_LINES, type ProgressListener } from '../runtime/types.js';
import { ACTIONS } from './actions/index.js';
import { StepError, type StepAction } from './actions/step-action.js';
import type { TourContext } from './context.js';
import { unmetNeed } from './needs.js';
import type { StepFailure, StepResult } from './outcomes.js';
import type { Step } from './step-schema.js';

export interface StepRunner {
  /** Checks the step's needs, runs its action, and never throws: a failure comes back in words. */
  run(step: Step, report: ProgressListener): Promise<StepResult>;
  /** Waits, at most `ms`, for a step still running to finish (after the user quit). */
  settle(ms: number): Promise<void>;
}

async function describeFailure(error: unknown, action: StepAction, context: TourContext): Promise<StepFailure> {
  if (context.signal.aborted) return { message: 'Stopped before it finished.', logTail: [] };
  let failure: StepFailure;
  if (error instanceof StepError) {
    failure = { message: error.message, tryThis: error.details.tryThis, service: error.details.service ?? action.suspect, logTail: [] };
  } else if (isUserError(error)) {
    failure = { message: error.message, tryThis: error.tryThis, logTail: error.logTail, service: error.logTail.length > 0 ? undefined : action.suspect, ...(error.alternative ? { alternative: error.alternative } : {}) };
  } else {
    failure = { message: messageOf(error), service: action.suspect, logTail: [] };
  }
  if (failure.logTail.length === 0 && failure.service) {
    failure.logTail = await context.runtime.logs(failure.service, FAILURE_LOG_LINES).catch(() => []);
  }
  return failure;
}

export function createStepRunner(context: TourContext, allSteps: readonly Step[]): StepRunner {
  let inFlight: Promise<unknown> = Promise.resolve();

  async function run(step: Step, report: ProgressListener): Promise<StepResult> {
    const action = ACTIONS[step.action];
    const blocked = await unmetNeed(step, allSteps, context.runtime);
    if (blocked) return { ok: false, failure: blocked };
    const cannot = action.requires ? context.runtime.cannot?.[action.requires] : undefined;
    if (cannot) return { ok: true, outcome: { kind: 'skipped', reason: cannot } };
    try {
      return { ok: true, outcome: await action.run(context, report) };
    } catch (error) {
      return { ok: false, failure: await describeFailure(error, action, context) };
    }
  }

  return {
    run(step, report) {
      const result = run(step, report);
      inFlight = result;
      return result;
    },
    async settle(ms) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });
      await Promise.race([inFlight.then(() => undefined), deadline]);
      clearTimeout(timer);
    },
  };
}
