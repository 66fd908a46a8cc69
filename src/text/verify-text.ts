import Table from 'cli-table3';
import type { VerifyOutcome, VerifyResult } from '../engines/verify.js';
import type { VerifyWindow } from '../engines/verify-window.js';
import { engineLabel } from './engine-label.js';
import { formatAmount, formatClock, formatCount, formatDuration } from './format.js';
import type { Paint } from './paint.js';

const PLAIN_STYLE = { head: [], border: [], compact: true };

/** The window in words: what was compared. */
export function windowText(window: VerifyWindow): string {
  if (window.mode === 'all' || window.cutoffMs === null) return 'every record (the generator is stopped: the pipeline has had the chance to drain)';
  return `records with an event time up to ${new Date(window.cutoffMs).toISOString()} (now minus one batch interval of ${window.intervalSeconds} s plus a ${window.marginSeconds} s margin; newer ones may not be loaded yet)`;
}

/** Per store: records, distinct eventIds and the sum on each side. */
export function verifyStoreTableText(result: VerifyResult, paint: Paint): string {
  const table = new Table({
    head: ['store', `${engineLabel('kafka', paint)} distinct`, 'sum', `${engineLabel('warehouse', paint)} rows`, 'distinct', 'sum', ''],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: PLAIN_STYLE,
  });
  for (const s of result.stores) {
    table.push([
      s.storeid,
      paint('kafka', formatCount(s.kafka.distinct)),
      paint('kafka', formatAmount(s.kafka.total)),
      paint('warehouse', formatCount(s.warehouse.records)),
      paint('warehouse', formatCount(s.warehouse.distinct)),
      paint('warehouse', formatAmount(s.warehouse.total)),
      s.agree ? paint('healthy', 'agree') : paint('error', 'differ'),
    ]);
  }
  const t = result.totals;
  table.push(['all', formatCount(t.kafka.distinct), formatAmount(t.kafka.total), formatCount(t.warehouse.records), formatCount(t.warehouse.distinct), formatAmount(t.warehouse.total), '']);
  return table.toString();
}

function listLine(label: string, count: number, sample: string[], exact: boolean): string {
  const n = `${exact ? '' : 'at least '}${count}`;
  return count === 0 ? `${label}: 0` : `${label}: ${n} — ${sample.join(', ')}${count > sample.length ? ', …' : ''}`;
}

function verdictLine(r: VerifyResult, paint: Paint): string {
  return r.agree
    ? paint('healthy', `The warehouse holds exactly the valid records of the topic: ${formatCount(r.totals.kafka.distinct)} records, ${formatAmount(r.totals.kafka.total)}, nothing lost, nothing duplicated.`)
    : paint('error', `The warehouse and the topic differ: ${r.lost.count} lost, ${r.duplicated.count} duplicated, ${r.extra.count} extra, ${r.changed.count} changed.`);
}

/** The reconciliation's verdict in one short line, for a short terminal. */
export function verifyShortLine(outcome: VerifyOutcome, paint: Paint): string {
  if (!outcome.ok) return paint('starting', 'Not checked record by record (slowdata-tour verify checks it).');
  return outcome.agree
    ? paint('healthy', `verify: nothing lost, nothing duplicated (${formatCount(outcome.totals.kafka.distinct)} records, ${formatAmount(outcome.totals.kafka.total)}).`)
    : paint('error', `verify: ${outcome.lost.count} lost, ${outcome.duplicated.count} duplicated, ${outcome.extra.count} extra, ${outcome.changed.count} changed.`);
}

/** The reconciliation in a few lines, for a screen that shows other things too: verdict, window, what differs. */
export function verifySummaryLines(outcome: VerifyOutcome, paint: Paint): string[] {
  if (!outcome.ok) return [paint('starting', `Not checked record by record: ${outcome.error}.`), paint('muted', 'slowdata-tour verify checks it whenever you like.')];
  const window = outcome.window;
  const compared = window.mode === 'all' || window.cutoffMs === null ? 'every record' : `every record up to ${formatClock(window.cutoffMs)} UTC (one batch interval and ${window.marginSeconds} s back)`;
  const lines = [verdictLine(outcome, paint), paint('muted', `Checked record by record (slowdata-tour verify): ${compared}.`)];
  if (!outcome.agree) {
    lines.push(listLine('lost', outcome.lost.count, outcome.lost.sample.slice(0, 3), outcome.exact));
    lines.push(listLine('duplicated', outcome.duplicated.count, outcome.duplicated.sample.slice(0, 3).map((d) => `${d.eventId} ×${d.times}`), outcome.exact));
  }
  return lines;
}

/** The whole reconciliation for people: verdict, method, window, per store, and each kind of difference. */
export function verifyText(outcome: VerifyOutcome, paint: Paint): string {
  if (!outcome.ok) return [paint('error', `verify could not compare: ${outcome.error}`), `Window: ${windowText(outcome.window)}`].join('\n');
  const r = outcome;
  return [
    verdictLine(r, paint),
    `Compared: ${windowText(r.window)}.`,
    `Method: ${r.method}.`,
    verifyStoreTableText(r, paint),
    listLine('lost (valid on Kafka, not in the warehouse)', r.lost.count, r.lost.sample, r.exact),
    listLine('duplicated (more than once in the warehouse)', r.duplicated.count, r.duplicated.sample.map((d) => `${d.eventId} ×${d.times}`), r.exact),
    listLine('extra (in the warehouse, not valid on Kafka)', r.extra.count, r.extra.sample, r.exact),
    listLine('changed (different store or amount)', r.changed.count, r.changed.sample.map((c) => `${c.eventId} (kafka ${c.kafka}, warehouse ${c.warehouse})`), r.exact),
    paint('muted', `Buckets differing: ${r.buckets.differing} of ${r.buckets.total}${r.exact ? '' : ` (the first ${r.buckets.listed} listed)`}. Took: Kafka ${formatDuration(r.queryMs.kafka)}, warehouse ${formatDuration(r.queryMs.warehouse)}, listing ${formatDuration(r.queryMs.listing)}.`),
  ].join('\n');
}
