import type { EnvironmentStatus, ServiceName, ServiceState } from '../runtime/types.js';
import { SERVICE_NAMES } from '../runtime/types.js';
import type { ProgressBoard } from './progress-board.js';

/** Each service's state as the tour shows it; a service not listed is absent. */
export type ServiceStates = Partial<Record<ServiceName, ServiceState>>;

const FROM_PROGRESS: Record<'starting' | 'ready' | 'stopped' | 'failed', ServiceState> = {
  starting: 'starting',
  ready: 'running',
  stopped: 'stopped',
  failed: 'unhealthy',
};

/**
 * Each service's state for the architecture panel. While a step runs, its own progress reports
 * are the freshest word on the services it touches; otherwise the runtime's polled status is.
 */
export function serviceStates(status: EnvironmentStatus | undefined, board: ProgressBoard, preferProgress = false): ServiceStates {
  const states: ServiceStates = {};
  for (const name of SERVICE_NAMES) {
    const polled = status?.services.find((s) => s.name === name)?.state;
    const reported = board.services.find((s) => s.name === name)?.state;
    const fromProgress = reported ? FROM_PROGRESS[reported] : undefined;
    const usePolled = polled !== undefined && polled !== 'absent' && !(preferProgress && fromProgress);
    states[name] = usePolled ? polled : (fromProgress ?? polled ?? 'absent');
  }
  return states;
}
