import type { PipelineReport } from '../engines/pipeline-report.js';
import { formatClock, formatCount, formatLag } from './format.js';
import type { Paint } from './paint.js';

/** How to get a pipeline going again after its data lake went away, in one line. */
export const DATALAKE_WAY_BACK = 'slowdata-tour recover   (rewrites the data lake from Kafka; nothing is loaded twice)';

/**
 * The pipeline's last batch and, when it refuses to load, why and since when. Never silent: a
 * stall is the first line, in the error colour, with the way back.
 */
/** When the pipeline runs next, in words: "next batch in 42 s" (it runs every interval after its last run). */
export function nextBatchText(report: PipelineReport | null | undefined, intervalSeconds: number, now: number): string | undefined {
  if (!report?.checkedAt || report.stalled) return undefined;
  const due = report.checkedAt + intervalSeconds * 1000 - now;
  return due > 0 ? `next batch in ${formatLag(due)}` : 'next batch due now';
}

export function pipelineLines(report: PipelineReport | null | undefined, paint: Paint, now: number, intervalSeconds?: number): string[] {
  if (!report) return [];
  const lines: string[] = [];
  if (report.stalled) {
    lines.push(paint('error', `Pipeline stalled since ${formatClock(report.stalled.since)} UTC (${formatLag(now - report.stalled.since)}): ${report.stalled.reason}`));
    if (report.stalled.kind === 'datalake-replaced') lines.push(`  Way back: ${paint('strong', DATALAKE_WAY_BACK)}`);
    else lines.push('  It retries every interval; "slowdata-tour logs pipeline" shows each try.');
  }
  const batch = report.lastBatch;
  const setAside = `${formatCount(report.rejectedTotal)} set aside in all`;
  lines.push(
    batch
      ? paint('muted', `Pipeline's last batch: ${formatClock(batch.at)} UTC (${formatLag(now - batch.at)} ago): ${formatCount(batch.loaded)} loaded, ${formatCount(batch.rejected)} set aside${batch.duplicates > 0 ? `, ${formatCount(batch.duplicates)} already there` : ''}; ${setAside}.`)
      : paint('muted', `Pipeline: no batch with records yet; ${setAside}.`),
  );
  const next = intervalSeconds === undefined ? undefined : nextBatchText(report, intervalSeconds, now);
  if (next) lines[lines.length - 1] = `${lines.at(-1)} ${paint('muted', `· ${next}`)}`;
  return lines;
}
