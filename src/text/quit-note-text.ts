import type { EnvironmentStatus } from '../runtime/types.js';
import type { Paint } from './paint.js';

const REMOVE = 'slowdata-tour down';

/** What is still running after the tour ends, and how to remove it. */
export function quitNoteLines(status: EnvironmentStatus | Error, paint: Paint): string[] {
  if (status instanceof Error) {
    return [`Could not check what is still running (${status.message}).`, `To remove the environment: ${paint('strong', REMOVE)}`];
  }
  if (!status.exists) return ['Nothing of the tour is left running.'];
  if (status.runtime === 'external') return ['Your platform is as it was: the tour only read it, and leaves nothing running.'];
  const running = status.services.filter((s) => s.state === 'running' || s.state === 'starting').map((s) => s.name);
  const idle = status.services.filter((s) => s.state !== 'running' && s.state !== 'starting').map((s) => s.name);
  return [
    running.length > 0
      ? `Still running (${status.runtime} runtime): ${running.join(', ')}${idle.length > 0 ? `; stopped: ${idle.join(', ')}` : ''}.`
      : `The environment still exists (${status.runtime} runtime), with every service stopped.`,
    `To remove it: ${paint('strong', REMOVE)}   (or pick the tour up again: slowdata-tour --step N)`,
  ];
}
