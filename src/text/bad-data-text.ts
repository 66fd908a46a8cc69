import type { Comparison, RejectedCounts } from '../engines/types.js';
import type { BadDataReport } from '../tour/outcomes.js';
import { formatCount } from './format.js';
import { fitWidth } from './fit-text.js';
import type { Paint } from './paint.js';
import { rejectedText } from './rejected-text.js';

const reasonOf = (reason: string) => reason.split(':')[0]!.trim();

/** What the step wrote to the topic, then what the pipeline set aside and why, line by line. */
export function badDataLines(report: BadDataReport, paint: Paint, columns: number): string[] {
  const lines = [paint('strong', `Written to the topic transactions (${report.written.length} records):`)];
  for (const record of report.written) lines.push(fitWidth(`  ${record.label} ${paint('muted', `(${record.where})`)}`, columns));
  if (report.setAside.length > 0) {
    lines.push(paint('strong', 'The pipeline set these lines aside, with its reasons (newest first):'));
    for (const reject of report.setAside) lines.push(fitWidth(`  ${reasonOf(reject.reason)}  ${paint('muted', reject.line === '' ? '(an empty line)' : reject.line)}`, columns));
  }
  if (report.pipelineLate) lines.push(paint('starting', report.pipelineLate));
  return lines;
}

/** The same in one line, for a short terminal. */
export function badDataSummaryLines(report: BadDataReport, paint: Paint): string[] {
  const reasons = new Map<string, number>();
  for (const reject of report.setAside) reasons.set(reasonOf(reject.reason), (reasons.get(reasonOf(reject.reason)) ?? 0) + 1);
  const setAside = report.setAside.length > 0 ? `; the pipeline set aside ${[...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ')}` : '';
  const lines = [`Wrote ${report.written.length} bad records${setAside}.`];
  if (report.pipelineLate) lines.push(paint('starting', report.pipelineLate));
  return lines;
}

function sameCounts(a: RejectedCounts, b: RejectedCounts): boolean {
  if (a.total !== b.total) return false;
  const reasons = new Set([...Object.keys(a.byReason), ...Object.keys(b.byReason)]);
  return [...reasons].every((reason) => (a.byReason[reason] ?? 0) === (b.byReason[reason] ?? 0));
}

const reasonsText = (rejected: RejectedCounts) =>
  Object.entries(rejected.byReason)
    .map(([reason, n]) => `${reason} ${formatCount(n)}`)
    .join(', ');

/**
 * What each engine set aside by the validity rule: one line when they agree, each engine's counts
 * when they do not (yet); the second line says what it means.
 */
export function setAsideLines(comparison: Comparison, paint: Paint): string[] {
  const { warehouse, kafka } = comparison.engines;
  if (warehouse.ok && kafka.ok && warehouse.rejected && kafka.rejected && sameCounts(warehouse.rejected, kafka.rejected)) {
    if (kafka.rejected.total === 0) return [paint('muted', 'Set aside by the validity rule: nothing on either engine.')];
    return [
      `Set aside by both engines, the same ${formatCount(kafka.rejected.total)} lines: ${reasonsText(kafka.rejected)}.`,
      paint('muted', "Both apply the pipeline's validity rule: no record's content can break SQL on Kafka."),
    ];
  }
  const counts = rejectedText(comparison, paint);
  if (!warehouse.ok || !kafka.ok) return [counts];
  return [counts, paint('muted', 'The counts differ so far: lines reach the warehouse only with its next batch.')];
}
