import type { EngineName } from '../../engines/types.js';
import type { ProgressListener, RuntimeAbility, ServiceName } from '../../runtime/types.js';
import type { ConditionName } from '../conditions.js';
import type { TourContext } from '../context.js';
import type { HandCommand, HandSettings } from '../hand-commands.js';
import type { StepOutcome } from '../outcomes.js';
import type { ActionName } from './names.js';

/**
 * What a step does. Everything the tour needs to know about a step besides its text lives
 * here, beside the code that runs: what must hold first, which services it shows live, and for
 * a step whose outcome is a live comparison, what each engine should do.
 */
export interface StepAction {
  readonly name: ActionName;
  /** Conditions that must hold before the step runs; the step that establishes each is named when one does not. */
  readonly needs: readonly ConditionName[];
  /** The step's one-shot work. A failure throws; the runner turns it into words and log lines. */
  run(context: TourContext, report: ProgressListener): Promise<StepOutcome>;
  /** Whose log to show when `run` fails without naming a service itself. */
  readonly suspect?: ServiceName;
  /** The step's view draws the architecture panel with each service's live state. */
  readonly showsServices?: boolean;
  /** For steps whose outcome is a live comparison: what each engine should do, so a plain run can tell success from failure. */
  readonly expects?: Record<EngineName, 'answers' | 'fails'>;
  /** The commands that do what the step does, by hand; the first is the one the tour copies. */
  byHand(settings: HandSettings): HandCommand[];
  /** What the runtime must be able to do; on one that cannot, the step is skipped with the runtime's reason. */
  readonly requires?: RuntimeAbility;
  /** Running it takes the environment away (the tour warns before it). */
  readonly removesEnvironment?: boolean;
}

/** A step failure in words, naming the service at fault when there is one. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly details: { service?: ServiceName; tryThis?: string } = {},
  ) {
    super(message);
    this.name = 'StepError';
  }
}
