import type { HandCommand } from '../tour/hand-commands.js';
import type { Paint } from './paint.js';

/** The commands that do what the step did, by hand, each under a few words on what it does. */
export function handCommandLines(commands: readonly HandCommand[], paint: Paint, note?: string): string[] {
  if (commands.length === 0) return [];
  return [
    paint('muted', 'By hand:'),
    ...commands.flatMap(({ what, command }) => [`  ${paint('muted', `# ${what}`)}`, `  ${command}`]),
    ...(note ? [paint('muted', note)] : []),
  ];
}
