import type { PipelineReport } from '../engines/pipeline-report.js';
import { formatClock, formatCount, formatLag } from './format.js';
import type { Paint } from './paint.js';

/** How to get a pipeline going again after its data lake went away, in one line. */
export const DATALAKE_WAY_BACK = 'slowdata-tour recover   (rewrites the data lake from Kafka; nothing is loaded twice)';

/**
 * The pipeline's last batch and, when it refuses to load, why and since when. Never silent: a
 * stall is the first line, in the error colour, with the way back.
 */
export function pipelineLines(report: PipelineReport | null | undefined, paint: Paint, now: number): string[] {
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
  return lines;
}
