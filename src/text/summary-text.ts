import type { TourSummary } from '../tour/tour-journal.js';
import { engineLabel } from './engine-label.js';
import { formatCount, formatDelta, formatLag } from './format.js';
import type { Paint } from './paint.js';

/** Step numbers as ranges: 1–3, 5, 7–8. */
export function stepRanges(numbers: readonly number[]): string {
  const ranges: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  const close = () => {
    if (start === undefined || previous === undefined) return;
    ranges.push(start === previous ? String(start) : `${start}–${previous}`);
  };
  for (const n of numbers) {
    if (previous !== undefined && n === previous + 1) {
      previous = n;
      continue;
    }
    close();
    start = n;
    previous = n;
  }
  close();
  return ranges.join(', ');
}

/** What the tour showed, in a few lines, when it ends or is quit. */
export function summaryLines(summary: TourSummary, total: number, paint: Paint): string[] {
  const steps = summary.stepsDone.length > 0 ? `steps done: ${stepRanges(summary.stepsDone)} of ${total}` : 'no step done';
  const lines = [paint('strong', `This tour: ${steps}`)];
  if (summary.samples === 0) return lines;
  lines.push(`  freshness lag over ${formatCount(summary.samples)} ${summary.samples === 1 ? 'sample' : 'samples'}: ${(['warehouse', 'kafka'] as const)
    .map((engine) => `${engineLabel(engine, paint)} p50 ${formatLag(summary.lag[engine].p50)}, p95 ${formatLag(summary.lag[engine].p95)}`)
    .join(' · ')}`);
  const delta = summary.largestDelta;
  const parts = [
    delta ? `largest difference: ${formatDelta(delta.amount)} (${formatCount(delta.records)} ${Math.abs(delta.records) === 1 ? 'record' : 'records'})` : undefined,
    summary.recordsSeen !== null ? `records seen: ${formatCount(summary.recordsSeen)}` : undefined,
  ].filter((part): part is string => part !== undefined);
  if (parts.length > 0) lines.push(`  ${parts.join(' · ')}`);
  return lines;
}
