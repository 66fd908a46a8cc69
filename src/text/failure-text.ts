import type { Comparison } from '../engines/types.js';
import type { ServiceName } from '../runtime/types.js';
import type { LiveSample } from '../tour/live-sample.js';
import type { StepFailure } from '../tour/outcomes.js';
import { engineLabel } from './engine-label.js';
import { fitWidth } from './fit-text.js';
import type { Paint } from './paint.js';

/** A service's last log lines, each cut to the terminal's width so a long line cannot flood the screen. */
export function logTailLines(service: ServiceName | undefined, lines: readonly string[], paint: Paint, columns: number): string[] {
  if (lines.length === 0) return [];
  const title = service ? `Last lines of the ${service} log:` : 'Last log lines:';
  return [paint('muted', title), ...lines.map((line) => paint('muted', fitWidth(`  ${line.replace(/\t/g, ' ')}`, columns - 1)))];
}

export function failureLines(failure: StepFailure, paint: Paint, columns: number): string[] {
  const lines = [paint('error', `✗ ${failure.message}`)];
  if (failure.tryThis) lines.push(`Try this: ${failure.tryThis}`);
  return [...lines, ...logTailLines(failure.service, failure.logTail, paint, columns)];
}

/** For each engine that failed in this sample: its error in words and its service's last log lines. */
export function engineErrorLines(comparison: Comparison, logTails: LiveSample['logTails'], paint: Paint, columns: number): string[] {
  const lines: string[] = [];
  for (const engine of ['warehouse', 'kafka'] as const) {
    const summary = comparison.engines[engine];
    if (summary.ok) continue;
    lines.push(`${engineLabel(engine, paint)} ${paint('error', `✗ ${summary.error ?? 'failed'}`)}`);
    const tail = logTails[engine];
    if (tail) lines.push(...logTailLines(tail.service, tail.lines, paint, columns));
  }
  return lines;
}
