import Table from 'cli-table3';
import type { Comparison, EngineName } from '../engines/types.js';
import type { LagHistory } from '../tour/lag-history.js';
import { engineLabel } from './engine-label.js';
import { DASH, formatAmount, formatCount, formatDelta, formatDuration, formatLag } from './format.js';
import type { Paint } from './paint.js';
import { lagScale, sparkline } from './sparkline.js';

const ENGINES: readonly EngineName[] = ['warehouse', 'kafka'];
const PLAIN_STYLE = { head: [], border: [], compact: true };

/** Per store: the warehouse's sum, Kafka's sum, and how far Kafka is ahead. */
export function storeTableText(comparison: Comparison, paint: Paint): string {
  const table = new Table({
    head: ['store', engineLabel('warehouse', paint), engineLabel('kafka', paint), 'delta'],
    colAligns: ['left', 'right', 'right', 'right'],
    style: PLAIN_STYLE,
  });
  for (const store of comparison.stores) {
    table.push([
      store.storeid,
      paint('warehouse', formatAmount(store.warehouse)),
      paint('kafka', formatAmount(store.kafka)),
      formatDelta(store.delta),
    ]);
  }
  if (comparison.stores.length === 0) table.push([{ colSpan: 4, content: paint('muted', 'no rows yet on either side') }]);
  return table.toString();
}

/** Room left for the sparkline once the other columns of the engine table are drawn. */
function sparklineWidth(columns: number): number {
  return Math.max(5, Math.min(30, columns - 50));
}

/** Per engine: records seen, freshness lag with its history, and query time. */
export function engineTableText(comparison: Comparison, history: LagHistory, paint: Paint, columns: number): string {
  const width = sparklineWidth(columns);
  const max = lagScale([history.warehouse, history.kafka]);
  const table = new Table({
    head: ['engine', 'records', 'lag', 'lag history', 'query'],
    colAligns: ['left', 'right', 'right', 'left', 'right'],
    style: PLAIN_STYLE,
  });
  for (const engine of ENGINES) {
    const summary = comparison.engines[engine];
    const spark = paint(engine, sparkline(history[engine].slice(-width), max).padEnd(width));
    table.push([
      engineLabel(engine, paint),
      summary.ok ? formatCount(summary.count) : paint('error', 'error'),
      summary.ok ? formatLag(summary.lagMs) : DASH,
      spark,
      formatDuration(summary.queryMs),
    ]);
  }
  return table.toString();
}

/** One sentence saying what the numbers mean. */
export function comparisonSentence(comparison: Comparison): string {
  const { warehouse, kafka } = comparison.engines;
  if (!warehouse.ok && !kafka.ok) return 'Neither engine answers.';
  if (!warehouse.ok) return `The warehouse cannot answer; SQL on Kafka still does: ${formatCount(kafka.count)} records, the newest ${formatLag(kafka.lagMs)} old.`;
  if (!kafka.ok) return `SQL on Kafka cannot answer; the warehouse still shows ${formatCount(warehouse.count)} records, the newest ${formatLag(warehouse.lagMs)} old.`;
  const behind = (kafka.count ?? 0) - (warehouse.count ?? 0);
  if (behind === 0) return `Both engines see the same ${formatCount(kafka.count)} records: the warehouse has caught up.`;
  const totalDelta = formatDelta(kafka.total !== null && warehouse.total !== null ? Math.round((kafka.total - warehouse.total) * 100) / 100 : null);
  return `Kafka sees ${formatCount(behind)} more ${Math.abs(behind) === 1 ? 'record' : 'records'} (${totalDelta}); the warehouse's newest is ${formatLag(warehouse.lagMs)} old, Kafka's ${formatLag(kafka.lagMs)}.`;
}

/** A short one-line account of a sample, for plain output. */
export function sampleLine(comparison: Comparison, paint: Paint): string {
  const part = (engine: EngineName) => {
    const summary = comparison.engines[engine];
    const body = summary.ok ? `${formatCount(summary.count)} records, lag ${formatLag(summary.lagMs)}` : paint('error', 'error');
    return `${engineLabel(engine, paint)} ${body}`;
  };
  return `${part('warehouse')} · ${part('kafka')}`;
}
