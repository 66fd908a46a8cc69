import type { EnvironmentStatus } from '../runtime/types.js';
import type { ActionName } from './actions/names.js';

/** What a step may need to be true before it runs (the `needs` field of a step file). */
export const CONDITION_NAMES = ['environment-up'] as const;
export type ConditionName = (typeof CONDITION_NAMES)[number];

interface Condition {
  /** Completes "Step N needs …". */
  description: string;
  /** The action of the step that makes it true. */
  establishedBy: ActionName;
  holds(status: EnvironmentStatus): boolean;
}

export const CONDITIONS: Record<ConditionName, Condition> = {
  'environment-up': {
    description: 'the environment to be up',
    establishedBy: 'start-environment',
    holds: (status) => status.exists && status.endpoints !== undefined,
  },
};
