import { useCallback } from 'react';
import type { EnvironmentStatus, Runtime } from '../../runtime/types.js';
import { usePolling } from './use-polling.js';

/** How often the architecture panel asks the runtime for each service's state. */
export const STATUS_INTERVAL_MS = 1500;

const keepLatest = (_previous: EnvironmentStatus | undefined, next: EnvironmentStatus) => next;

/** The runtime's status, asked again every `intervalMs` while `isActive`; the last answer is kept on a failed ask. */
export function useEnvironmentStatus(runtime: Runtime, isActive: boolean, intervalMs = STATUS_INTERVAL_MS): EnvironmentStatus | undefined {
  const poll = useCallback(() => runtime.status(), [runtime]);
  return usePolling<EnvironmentStatus, EnvironmentStatus | undefined>({ poll, fold: keepLatest, initial: undefined, intervalMs, isActive });
}
