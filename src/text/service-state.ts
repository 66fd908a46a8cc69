import type { ServiceState } from '../runtime/types.js';
import type { Paint, Role } from './paint.js';

export const STATE_SYMBOL: Record<ServiceState, string> = {
  running: '●',
  starting: '◌',
  stopped: '■',
  unhealthy: '✗',
  absent: '·',
};

export const STATE_ROLE: Record<ServiceState, Role> = {
  running: 'healthy',
  starting: 'starting',
  stopped: 'stopped',
  unhealthy: 'error',
  absent: 'absent',
};

/** A service's name with its state as a symbol and a colour (the symbol alone still says it without colour). */
export function serviceToken(name: string, state: ServiceState, paint: Paint): string {
  return paint(STATE_ROLE[state], `${STATE_SYMBOL[state]} ${name}`);
}

export function stateLegend(paint: Paint): string {
  const states: ServiceState[] = ['running', 'starting', 'stopped', 'unhealthy', 'absent'];
  return states.map((state) => paint(STATE_ROLE[state], `${STATE_SYMBOL[state]} ${state}`)).join('  ');
}
