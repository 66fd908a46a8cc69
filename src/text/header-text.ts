import type { Phase } from '../tour/tour-state.js';
import type { Paint } from './paint.js';

export interface StepHeading {
  number: number;
  total: number;
  title: string;
  phase: Phase;
  live: boolean;
}

const PHASE_WORDS: Record<Phase, { text: string; role: 'muted' | 'starting' | 'healthy' | 'error' }> = {
  offer: { text: 'welcome back', role: 'muted' },
  ready: { text: 'not run yet', role: 'muted' },
  running: { text: '… running', role: 'starting' },
  done: { text: '✓ done', role: 'healthy' },
  failed: { text: '✗ failed', role: 'error' },
};

export function stepTitleText(heading: Pick<StepHeading, 'number' | 'total' | 'title'>, paint: Paint): string {
  return paint('strong', `Step ${heading.number} of ${heading.total} · ${heading.title}`);
}

export function stepHeaderText(heading: StepHeading, paint: Paint): string {
  const phase = PHASE_WORDS[heading.phase];
  const live = heading.live && heading.phase === 'done' ? paint('muted', ' · live, refreshing') : '';
  return `${stepTitleText(heading, paint)}  ${paint(phase.role, phase.text)}${live}`;
}
