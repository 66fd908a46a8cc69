/**
 * What each colour means, the same on every screen: the warehouse is always blue and
 * Kafka always magenta; green is healthy, yellow is on its way, red is stopped or failed.
 */
export type Role =
  | 'warehouse'
  | 'kafka'
  | 'healthy'
  | 'starting'
  | 'stopped'
  | 'absent'
  | 'error'
  | 'muted'
  | 'strong';

const SGR: Record<Role, [open: number, close: number]> = {
  warehouse: [34, 39],
  kafka: [35, 39],
  healthy: [32, 39],
  starting: [33, 39],
  stopped: [31, 39],
  absent: [90, 39],
  error: [31, 39],
  muted: [90, 39],
  strong: [1, 22],
};

export type Paint = (role: Role, text: string) => string;

/** A painter that colours text by role, or leaves it plain (NO_COLOR, --no-color, piped output). */
export function createPaint(enabled: boolean): Paint {
  if (!enabled) return (_role, text) => text;
  return (role, text) => {
    const [open, close] = SGR[role];
    return `\u001B[${open}m${text}\u001B[${close}m`;
  };
}

export const plainPaint: Paint = createPaint(false);
