import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/engines/compare.js';
import { foldMeasuredRows } from '../../src/engines/measured-rows.js';
import type { EngineResult } from '../../src/engines/types.js';

const answer = (stores: Array<[string, number]>, maxEventTime: number, askedAt = 10_000): EngineResult => ({
  ok: true,
  stores: stores.map(([storeid, total]) => ({ storeid, total })),
  count: stores.length,
  total: stores.reduce((s, [, t]) => s + t, 0),
  maxEventTime,
  queryMs: 12,
  askedAt,
});

describe('compareResults', () => {
  it('joins both engines by store with the delta, including a store on one side only', () => {
    const comparison = compareResults(
      { warehouse: answer([['ST-1100', 10.1], ['ST-1101', 5]], 4_000), kafka: answer([['ST-1100', 30.35], ['ST-1101', 5], ['ST-1102', 7.25]], 9_500) },
      10_000,
    );
    expect(comparison.stores).toEqual([
      { storeid: 'ST-1100', warehouse: 10.1, kafka: 30.35, delta: 20.25 },
      { storeid: 'ST-1101', warehouse: 5, kafka: 5, delta: 0 },
      { storeid: 'ST-1102', warehouse: null, kafka: 7.25, delta: 7.25 },
    ]);
    expect(comparison.engines.warehouse.lagMs).toBe(6_000);
    expect(comparison.engines.kafka.lagMs).toBe(500);
  });

  it('keeps the answering side when the other engine is in error, with no delta', () => {
    const comparison = compareResults(
      { warehouse: { ok: false, error: 'The warehouse is not reachable', queryMs: 3 }, kafka: answer([['ST-1100', 1]], 9_000) },
      10_000,
    );
    expect(comparison.engines.warehouse).toMatchObject({ ok: false, error: 'The warehouse is not reachable', count: null, lagMs: null });
    expect(comparison.engines.kafka).toMatchObject({ ok: true, error: null, count: 1, lagMs: 1_000 });
    expect(comparison.stores).toEqual([{ storeid: 'ST-1100', warehouse: null, kafka: 1, delta: null }]);
  });

  it('has no lag when an engine sees no records yet', () => {
    const comparison = compareResults({ warehouse: { ...(answer([], 0) as object), maxEventTime: null } as EngineResult, kafka: answer([], 1) }, 10);
    expect(comparison.engines.warehouse.lagMs).toBeNull();
  });
});

describe('foldMeasuredRows', () => {
  it('adds up counts, sums to the cent and finds the newest event across stores', () => {
    const folded = foldMeasuredRows([
      ['ST-1100', 0.1, 2, 1_000],
      ['ST-1101', '0.2', '3', '3000'],
      ['ST-1102', 12.005, 1, null],
    ]);
    expect(folded.count).toBe(6);
    expect(folded.total).toBe(12.31);
    expect(folded.maxEventTime).toBe(3_000);
    expect(folded.stores.map((s) => s.total)).toEqual([0.1, 0.2, 12.01]);
  });
});
