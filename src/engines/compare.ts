import { roundCents } from './query.js';
import type { Comparison, EngineName, EngineResult, EngineSummary, StoreRow } from './types.js';

export function summarize(result: EngineResult): EngineSummary {
  if (!result.ok) {
    return { ok: false, error: result.error, count: null, total: null, maxEventTime: null, lagMs: null, queryMs: result.queryMs, rejected: null };
  }
  return {
    ok: true,
    error: null,
    count: result.count,
    total: result.total,
    maxEventTime: result.maxEventTime,
    lagMs: result.maxEventTime === null ? null : Math.max(0, result.askedAt - result.maxEventTime),
    queryMs: result.queryMs,
    rejected: result.rejected ?? null,
  };
}

/** Joins both engines' answers by store: both sums and the delta (Kafka minus warehouse). */
export function compareResults(results: Record<EngineName, EngineResult>, at: number): Comparison {
  const byStore = new Map<string, StoreRow>();
  const row = (storeid: string): StoreRow => {
    let existing = byStore.get(storeid);
    if (!existing) {
      existing = { storeid, warehouse: null, kafka: null, delta: null };
      byStore.set(storeid, existing);
    }
    return existing;
  };
  for (const engine of ['warehouse', 'kafka'] as const) {
    const result = results[engine];
    if (!result.ok) continue;
    for (const store of result.stores) row(store.storeid)[engine] = store.total;
  }
  const stores = [...byStore.values()].sort((a, b) => a.storeid.localeCompare(b.storeid));
  for (const store of stores) {
    if (results.warehouse.ok && results.kafka.ok) store.delta = roundCents((store.kafka ?? 0) - (store.warehouse ?? 0));
  }
  return {
    at,
    engines: { warehouse: summarize(results.warehouse), kafka: summarize(results.kafka) },
    stores,
  };
}
