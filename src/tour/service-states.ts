import type { EnvironmentStatus, ServiceState } from '../runtime/types.js';
import { SERVICE_NAMES } from '../runtime/types.js';
import type { ServiceStates } from '../text/architecture-text.js';
import type { ProgressBoard } from './progress-board.js';

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
