import { roundCents } from './query.js';
import { toNullableNumber, toNumber } from './timed.js';
import type { EngineAnswer } from './types.js';

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
