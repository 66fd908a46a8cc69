import type { EnvironmentStatus, ServiceState } from '../runtime/types.js';
import { SERVICE_NAMES } from '../runtime/types.js';
import type { ServiceStates } from '../app/text/architecture-text.js';
import type { ProgressBoard } from './progress-board.js';

const FROM_PROGRESS: Record<'starting' | 'ready' | 'stopped' | 'failed', ServiceState> = {
  starting: 'starting',
  ready: 'running',
  stopped: 'stopped',
  failed: 'unhealthy',
};

/**
 * Each service's state for the architecture panel: the runtime's status where it knows the
 * service, the progress of the step still running where it does not yet (during `up`).
 */
export function serviceStates(status: EnvironmentStatus | undefined, board: ProgressBoard): ServiceStates {
  const states: ServiceStates = {};
  for (const name of SERVICE_NAMES) {
    const known = status?.services.find((s) => s.name === name)?.state;
    const progress = board.services.find((s) => s.name === name)?.state;
    states[name] = known && known !== 'absent' ? known : progress ? FROM_PROGRESS[progress] : (known ?? 'absent');
  }
  return states;
}
