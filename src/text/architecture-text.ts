import type { ServiceName } from '../runtime/types.js';
import type { ServiceStates } from '../tour/service-states.js';
import { wrapPieces } from './fit-text.js';
import type { Paint } from './paint.js';
import { serviceToken } from './service-state.js';

const LABEL_WIDTH = 13;

/**
 * The two paths from the same topic, each service drawn with its current state:
 *   batch path   ● generator → ● kafka → ● connect → data lake → ● pipeline every 60 s → ● db (warehouse)
 *   direct path  ● generator → ● kafka → ● trino (SQL on Kafka)
 */
export function architectureLines(states: ServiceStates, intervalSeconds: number, paint: Paint, columns: number): string[] {
  const token = (name: ServiceName) => serviceToken(name, states[name] ?? 'absent', paint);
  const note = (text: string) => paint('muted', text);
  const batch = [
    token('generator'),
    token('kafka'),
    token('connect'),
    note('data lake'),
    `${token('pipeline')} ${note(`every ${intervalSeconds} s`)}`,
    `${token('db')} ${paint('warehouse', '(warehouse)')}`,
  ];
  const direct = [token('generator'), token('kafka'), `${token('trino')} ${paint('kafka', '(SQL on Kafka)')}`];
  const indent = ' '.repeat(LABEL_WIDTH);
  const path = (label: string, pieces: string[]) => {
    const [first = '', ...rest] = pieces;
    return wrapPieces([`${label.padEnd(LABEL_WIDTH)}${first}`, ...rest], ' → ', columns, indent);
  };
  return [...path('batch path', batch), ...path('direct path', direct)];
}
