import { describe, expect, it } from 'vitest';
import { comparisonLines } from '../../../src/text/step-screen-text.js';
import { createPaint } from '../../../src/text/paint.js';
import type { Comparison, EngineSummary, StoreRow } from '../../../src/engines/types.js';
import { appendLags, emptyLagHistory } from '../../../src/tour/lag-history.js';
import type { LiveSample } from '../../../src/tour/live-sample.js';

const AT = Date.UTC(2026, 10, 2, 10, 0, 0);
const paint = createPaint(false);

type Side = Record<string, number>;

/** A comparison as the engines module would produce it, built by hand so the view is tested alone. */
function comparison(sides: { warehouse: Side | string; kafka: Side | string }, lags: { warehouse?: number; kafka?: number } = {}): Comparison {
  const summary = (side: Side | string, lag: number, queryMs: number): EngineSummary => {
    if (typeof side === 'string') return { ok: false, error: side, count: null, total: null, maxEventTime: null, lagMs: null, queryMs };
    const total = Math.round(Object.values(side).reduce((a, b) => a + b, 0) * 100) / 100;
    return { ok: true, error: null, count: Object.keys(side).length * 10 + (queryMs > 100 ? 8 : 0), total, maxEventTime: AT - lag, lagMs: lag, queryMs };
  };
  const ids = [...new Set([...Object.keys(typeof sides.warehouse === 'string' ? {} : sides.warehouse), ...Object.keys(typeof sides.kafka === 'string' ? {} : sides.kafka)])].sort();
  const bothOk = typeof sides.warehouse !== 'string' && typeof sides.kafka !== 'string';
  const stores: StoreRow[] = ids.map((storeid) => {
    const w = typeof sides.warehouse === 'string' ? null : (sides.warehouse[storeid] ?? null);
    const k = typeof sides.kafka === 'string' ? null : (sides.kafka[storeid] ?? null);
    return { storeid, warehouse: w, kafka: k, delta: bothOk ? Math.round(((k ?? 0) - (w ?? 0)) * 100) / 100 : null };
  });
  return { at: AT, engines: { warehouse: summary(sides.warehouse, lags.warehouse ?? 45_000, 12), kafka: summary(sides.kafka, lags.kafka ?? 800, 340) }, stores };
}

const warehouse: Side = { 'ST-1100': 1234.5, 'ST-1101': 99.99 };
const kafka: Side = { 'ST-1100': 1300, 'ST-1101': 150.01, 'ST-1102': 20 };
const warehouseDown = 'The warehouse is not reachable: nothing answers on 127.0.0.1:3306 (is the db service stopped?)';

function frame(sample: LiveSample, history = appendLags(emptyLagHistory(), sample.comparison)): string {
  return comparisonLines({ sample, history }, paint, 100).join('\n');
}

/** The frame with Ink's line wrapping undone, for sentences longer than the test terminal. */
function unwrapped(text: string): string {
  return text.replace(/\n(?![│┌└├])/g, ' ');
}

function rowOf(text: string, start: string): string {
  return text.split('\n').find((line) => line.startsWith(`│ ${start}`)) ?? '';
}

describe('the live comparison as text', () => {
  it('shows both sums and the delta per store, and per engine the records, lag and query time', () => {
    const text = frame({ comparison: comparison({ warehouse, kafka }), logTails: {} });
    expect(rowOf(text, 'ST-1100')).toMatch(/│ ST-1100 │ +1,234\.50 │ +1,300\.00 │ +\+65\.50 │/);
    expect(rowOf(text, 'ST-1101')).toMatch(/│ +99\.99 │ +150\.01 │ +\+50\.02 │/);
    expect(rowOf(text, 'warehouse')).toMatch(/│ warehouse │ +20 │ +45 s │ .+ │ +12 ms │/);
    expect(rowOf(text, 'kafka')).toMatch(/│ kafka +│ +38 │ +0\.8 s │ .+ │ +340 ms │/);
    expect(unwrapped(text)).toContain("Kafka sees 18 more records (+135.52); the warehouse's newest is 45 s old, Kafka's 0.8 s.");
  });

  it('shows a store present on one side only with a dash on the other side', () => {
    const text = frame({ comparison: comparison({ warehouse, kafka }), logTails: {} });
    expect(rowOf(text, 'ST-1102')).toMatch(/│ ST-1102 │ +— │ +20\.00 │ +\+20\.00 │/);
  });

  it('shows an engine in error in words, with its service log lines, while the other still answers', () => {
    const text = frame({ comparison: comparison({ warehouse: warehouseDown, kafka }), logTails: { warehouse: { service: 'db', lines: ['mariadbd: Shutdown complete'] } } });
    expect(rowOf(text, 'ST-1100')).toMatch(/│ ST-1100 │ +— │ +1,300\.00 │ +— │/);
    expect(rowOf(text, 'warehouse')).toMatch(/│ warehouse │ +error │ +— │/);
    expect(unwrapped(text)).toContain('warehouse ✗ The warehouse is not reachable: nothing answers on 127.0.0.1:3306 (is the db service stopped?)');
    expect(text).toContain('Last lines of the db log:');
    expect(text).toContain('  mariadbd: Shutdown complete');
    expect(unwrapped(text)).toContain('The warehouse cannot answer; SQL on Kafka still does: 38 records, the newest 0.8 s old.');
  });

  it('draws the lag history as a sawtooth for the warehouse and a flat line for Kafka', () => {
    let history = emptyLagHistory();
    for (const lag of [10_000, 30_000, 50_000, 0, 25_000, 45_000]) {
      history = appendLags(history, comparison({ warehouse, kafka }, { warehouse: lag }));
    }
    const text = frame({ comparison: comparison({ warehouse, kafka }), logTails: {} }, history);
    expect(rowOf(text, 'warehouse')).toContain('▂▅█▁▅▇');
    expect(rowOf(text, 'kafka')).toContain('▁▁▁▁▁▁');
  });

  it('says it is asking before the first sample arrives', () => {
    expect(comparisonLines({ history: emptyLagHistory() }, paint, 100).join('\n')).toBe('Asking both engines…');
  });

  it('colours the warehouse and Kafka figures differently when colour is on', () => {
    const coloured = comparisonLines({ sample: { comparison: comparison({ warehouse, kafka }), logTails: {} }, history: emptyLagHistory() }, createPaint(true), 100).join('\n');
    expect(coloured).toContain('\u001B[34m1,234.50\u001B[39m');
    expect(coloured).toContain('\u001B[35m1,300.00\u001B[39m');
  });
});
