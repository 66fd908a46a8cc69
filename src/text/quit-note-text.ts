import type { EnvironmentStatus, ServiceState } from '../runtime/types.js';
import type { Paint } from './paint.js';

const REMOVE = 'slowdata-tour down';

/** How each state reads in the note, in the order the groups are listed. */
const GROUPS: ReadonlyArray<{ states: readonly ServiceState[]; words: string }> = [
  { states: ['running'], words: 'running' },
  { states: ['starting'], words: 'still starting' },
  { states: ['unhealthy'], words: 'running but not ready (an interrupted start: "slowdata-tour up" finishes it)' },
  { states: ['stopped', 'absent'], words: 'stopped' },
];

/** What is still running after the tour ends, service by service, and how to remove it. */
export function quitNoteLines(status: EnvironmentStatus | Error, paint: Paint): string[] {
  if (status instanceof Error) {
    return [`Could not check what is still running (${status.message}).`, `To remove the environment: ${paint('strong', REMOVE)}`];
  }
  if (!status.exists) return ['Nothing of the tour is left running.'];
  if (status.runtime === 'external') return ['Your platform is as it was: the tour only read it, and leaves nothing running.'];
  const groups = GROUPS.map((group) => ({ words: group.words, names: status.services.filter((s) => group.states.includes(s.state)).map((s) => s.name) })).filter(
    (group) => group.names.length > 0,
  );
  const [first, ...rest] = groups;
  const restText = rest.map((g) => `; ${g.words}: ${g.names.join(', ')}`).join('');
  const headline =
    first === undefined || (rest.length === 0 && first.words === 'stopped')
      ? `The environment still exists (${status.runtime} runtime), with every service stopped.`
      : first.words === 'running'
        ? `Still running (${status.runtime} runtime): ${first.names.join(', ')}${restText}.`
        : `The environment still exists (${status.runtime} runtime): ${first.words}: ${first.names.join(', ')}${restText}.`;
  return [
    headline,
    `To remove it: ${paint('strong', REMOVE)}   (or pick the tour up again: slowdata-tour --step N)`,
  ];
}
