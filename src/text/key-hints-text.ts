import type { Phase } from '../tour/tour-state.js';
import type { Paint } from './paint.js';

export interface KeyHintsInput {
  phase: Phase;
  stepNumber: number;
  /** The step Enter goes to next; undefined at the last step. */
  next?: { number: number; title: string; removesEnvironment: boolean };
}

export function keyHintsText(input: KeyHintsInput, paint: Paint): string {
  const key = (name: string, what: string) => `${paint('strong', name)} ${what}`;
  const quit = key('q', input.next?.removesEnvironment ? 'quit, leaving the environment running' : 'quit');
  switch (input.phase) {
    case 'ready':
      return [key('Enter', `run step ${input.stepNumber}`), quit].join(' · ');
    case 'running':
      return [paint('muted', 'working…'), quit].join(' · ');
    case 'done':
    case 'failed': {
      const enter = input.next ? key('Enter', `→ step ${input.next.number}: ${input.next.title}`) : key('Enter', 'finish');
      return [enter, key('r', 'rerun this step'), quit].join(' · ');
    }
  }
}
