import type { PeekedRecord } from '../engines/kafka-sql.js';
import type { ExtraService } from '../runtime/types.js';
import { fittedTable, type FitColumn } from './fit-table.js';
import { formatAmount, formatClock, formatLag } from './format.js';
import { fitWidth } from './fit-text.js';
import type { Paint } from './paint.js';

/** The optional services that run beside the core, each with where to open it and how to log in. */
export function extraServiceLines(extras: readonly ExtraService[], paint: Paint): string[] {
  if (extras.length === 0) return [];
  return ['', 'Also running, to explore the same data in a browser:', ...extras.map((e) => `  ${paint('strong', e.name)}  ${e.url}${e.login ? paint('muted', `  (${e.login})`) : ''}`)];
}

const RECORD_COLUMNS: readonly FitColumn[] = [
  { head: 'offset', align: 'right', dropOrder: 2 },
  { head: 'store' },
  { head: 'amount', align: 'right' },
  { head: 'payment term', dropOrder: 3 },
  { head: 'item', dropOrder: 4 },
  { head: 'event time (UTC)', dropOrder: 1 },
  { head: 'age', align: 'right' },
];

/**
 * The newest records on the topic as a table: store, amount, payment term, item, event time and
 * its age when read. A narrow terminal loses item, then payment term, offset and event time.
 * A record that is not a valid transaction shows as it was written, cut to fit.
 */
export function recordLines(records: readonly PeekedRecord[], readAt: number, paint: Paint, columns: number): string[] {
  if (records.length === 0) return [paint('muted', 'The topic holds no records yet.')];
  const rows = records.map((record) => {
    const t = record.transaction;
    if (!t) return [String(record.offset), paint('error', '✗ invalid'), '', paint('muted', fitWidth(record.message, 20)), '', '', ''];
    return [String(record.offset), t.storeId, paint('kafka', formatAmount(t.amount)), t.paymentTermCode, t.itemCode, formatClock(t.eventTime, true), formatLag(Math.max(0, readAt - t.eventTime))];
  });
  return fittedTable(RECORD_COLUMNS, rows, columns - 1, paint);
}
