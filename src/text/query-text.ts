import Table from 'cli-table3';
import type { SeedFallback } from '../engines/kafka-seed.js';
import type { EngineAnswer, EngineName } from '../engines/types.js';
import { engineLabel } from './engine-label.js';
import { formatAmount, formatCount, formatDuration, formatLag } from './format.js';
import { fitWidth } from './fit-text.js';
import type { Paint } from './paint.js';

/** One engine's answer to the seed query, as the seed showed it in Superset. */
export function queryTableText(engine: EngineName, result: EngineAnswer, paint: Paint): string {
  const table = new Table({
    head: ['storeid', `sum(amount) · ${engineLabel(engine, paint)}`],
    colAligns: ['left', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const store of result.stores) table.push([store.storeid, paint(engine, formatAmount(store.total))]);
  if (result.stores.length === 0) table.push([{ colSpan: 2, content: paint('muted', 'no rows yet') }]);
  return table.toString();
}

export function querySummaryLine(result: EngineAnswer, at: number): string {
  const newest = result.maxEventTime === null ? 'no records yet' : `the newest ${formatLag(Math.max(0, at - result.maxEventTime))} old`;
  const stores = result.stores.length === 1 ? '1 store' : `${result.stores.length} stores`;
  return `${stores} · ${formatCount(result.count)} records, ${newest} · answered in ${formatDuration(result.queryMs)}`;
}

/** The same in one sentence, for a short terminal. */
export function seedFallbackShortLine(fallback: SeedFallback, paint: Paint): string {
  const offender = fallback.offender;
  const where = offender ? ` on the record at partition ${offender.partition}, offset ${offender.offset} (${offender.field} = ${offender.value})` : ' on a record';
  return paint('starting', `The seed's query, as written, failed on Kafka${where}; its robust form answered instead.`);
}

/** The seed's query as written broke on a record on Kafka: which record, and what ran instead. */
export function seedFallbackLines(fallback: SeedFallback, paint: Paint, columns: number): string[] {
  const lines = [paint('starting', `The seed's query, as written, failed on Kafka: ${fallback.seedError.replace(/\.$/, '')}.`)];
  const offender = fallback.offender;
  if (offender) {
    lines.push(`The record at fault: partition ${offender.partition}, offset ${offender.offset}, ${offender.field} = ${offender.value}`);
    lines.push(paint('muted', fitWidth(`  ${offender.message}`, columns)));
  }
  lines.push(
    `So this step ran its robust form (${formatDuration(fallback.robustMs)}): the same query over the valid records only, set aside by the rule the pipeline applies:`,
    paint('strong', '  WITH transactions AS (…the valid records, deduplicated…)'),
    paint('strong', `  ${fallback.robustSql.split('\n').at(-1)}`),
  );
  return lines;
}
