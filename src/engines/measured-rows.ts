import { reasonCode } from '../services/validity.js';
import { roundCents } from './query.js';
import { toNullableNumber, toNumber } from './timed.js';
import type { EngineAnswer, RejectedCounts } from './types.js';

/** Rows of (storeid, sum, count, max eventtime) folded into an engine's answer. */
export function foldMeasuredRows(rows: readonly unknown[][]): Omit<EngineAnswer, 'queryMs' | 'askedAt'> {
  const stores = rows.map((r) => ({ storeid: String(r[0]), total: roundCents(toNumber(r[1])) }));
  const newest = rows.map((r) => toNullableNumber(r[3])).filter((v): v is number => v !== null);
  return {
    ok: true,
    stores,
    count: rows.reduce((sum, r) => sum + toNumber(r[2]), 0),
    total: roundCents(stores.reduce((sum, s) => sum + s.total, 0)),
    maxEventTime: newest.length > 0 ? Math.max(...newest) : null,
  };
}

/** Rows of (reason text or code, count) folded into counts by reason code. */
export function foldRejectRows(rows: readonly unknown[][]): RejectedCounts {
  const byReason: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    const code = reasonCode(String(row[0]));
    const n = toNumber(row[1]);
    byReason[code] = (byReason[code] ?? 0) + n;
    total += n;
  }
  return { total, byReason: Object.fromEntries(Object.entries(byReason).sort(([a], [b]) => a.localeCompare(b))) };
}

/** The robust Kafka query's rows (storeid, sum, count, max eventtime, reason): stores from the valid ones, rejects from the rest. */
export function foldKafkaRows(rows: readonly unknown[][]): Omit<EngineAnswer, 'queryMs' | 'askedAt'> {
  const valid = rows.filter((r) => r[4] === null || r[4] === undefined);
  const rejected = rows.filter((r) => r[4] !== null && r[4] !== undefined);
  return { ...foldMeasuredRows(valid), rejected: foldRejectRows(rejected.map((r) => [r[4], r[2]])) };
}
