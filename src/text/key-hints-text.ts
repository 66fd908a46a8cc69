import type { Phase } from '../tour/tour-state.js';
import type { Paint } from './paint.js';

export interface KeyHintsInput {
  phase: Phase;
  stepNumber: number;
  /** The step Enter goes to next; undefined at the last step. */
  next?: { number: number; title: string; removesEnvironment: boolean };
  /** In the offer phase: the step the last tour would go on with. */
  resume?: { number: number; title: string };
  /** The step has a command to copy. */
  canCopy: boolean;
  /** The failed step can go on with the local runtime. */
  localRuntime?: boolean;
}

/** The keys that work now; `short` keeps only the words a narrow or short terminal has room for. */
export function keyHintsText(input: KeyHintsInput, paint: Paint, short = false): string {
  const key = (name: string, what: string) => `${paint('strong', name)} ${what}`;
  const quit = key('q', input.next?.removesEnvironment && !short ? 'quit, leaving the environment running' : 'quit');
  const help = key('?', 'keys');
  const copy = input.canCopy ? [key('c', short ? 'copy' : 'copy command')] : [];
  switch (input.phase) {
    case 'offer':
      return [key('Enter', `continue at step ${input.resume?.number ?? 1}`), key('s', 'start over'), quit].join(' · ');
    case 'ready':
      return [key('Enter', `run step ${input.stepNumber}`), help, quit].join(' · ');
    case 'running':
      return [paint('muted', 'working…'), quit].join(' · ');
    case 'done':
    case 'failed': {
      const enter = input.next ? key('Enter', short ? `→ step ${input.next.number}` : `→ step ${input.next.number}: ${input.next.title}`) : key('Enter', 'finish');
      const local = input.localRuntime ? [key('l', short ? 'local runtime' : 'go on with the local runtime')] : [];
      return [...local, enter, key('r', 'rerun'), ...copy, help, quit].join(' · ');
    }
  }
}

/** The `?` list: every key and what it does. */
export function keyListLines(keys: ReadonlyArray<{ key: string; what: string }>, paint: Paint): string[] {
  const width = Math.max(...keys.map((k) => k.key.length));
  return [paint('strong', 'Keys'), ...keys.map(({ key, what }) => `  ${paint('strong', key.padEnd(width))}  ${what}`)];
}
