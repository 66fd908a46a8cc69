import type { HandCommand } from '../tour/hand-commands.js';
import type { Paint } from './paint.js';

/** The commands that do what the step did, by hand, each under a few words on what it does. */
export function handCommandLines(commands: readonly HandCommand[], paint: Paint): string[] {
  if (commands.length === 0) return [];
  const variables = [...new Set(commands.flatMap((c) => (c.passwordFrom ? [c.passwordFrom] : [])))];
  return [
    paint('muted', 'By hand:'),
    ...commands.flatMap(({ what, command }) => [`  ${paint('muted', `# ${what}`)}`, `  ${command}`]),
    ...variables.map((variable) => paint('muted', `(${variable}: the password "slowdata-tour status" shows)`)),
  ];
}
