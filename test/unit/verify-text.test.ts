import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/engines/types.js';
import type { VerifyResult } from '../../src/engines/verify.js';
import { verifyWindow } from '../../src/engines/verify-window.js';
import { createPaint } from '../../src/text/paint.js';
import { rejectedText } from '../../src/text/rejected-text.js';
import { verifyText, windowText } from '../../src/text/verify-text.js';

const plain = createPaint(false);

function result(overrides: Partial<VerifyResult> = {}): VerifyResult {
  const side = { records: 3, distinct: 3, total: 30.5 };
  return {
    ok: true,
    at: 0,
    method: 'per store: …',
    window: verifyWindow({ drained: true, intervalSeconds: 60 }),
    agree: true,
    exact: true,
    totals: { kafka: side, warehouse: side },
    stores: [{ storeid: 'ST-1100', kafka: side, warehouse: side, agree: true }],
    lost: { count: 0, sample: [] },
    duplicated: { count: 0, sample: [] },
    extra: { count: 0, sample: [] },
    changed: { count: 0, sample: [] },
    buckets: { total: 1024, differing: 0, listed: 0 },
    queryMs: { kafka: 1200, warehouse: 40, listing: 0 },
    ...overrides,
  };
}

describe('verify text', () => {
  it('a clean run says nothing was lost or duplicated, and names the method and the window', () => {
    const text = verifyText(result(), plain);
    expect(text).toMatch(/^The warehouse holds exactly the valid records of the topic: 3 records, 30\.50, nothing lost, nothing duplicated\./);
    expect(text).toMatch(/Compared: every record/);
    expect(text).toMatch(/Method: per store/);
    expect(text).toMatch(/lost \(valid on Kafka, not in the warehouse\): 0/);
  });

  it('a differing run lists each kind with its eventIds', () => {
    const text = verifyText(
      result({ agree: false, lost: { count: 1, sample: ['a-1'] }, duplicated: { count: 1, sample: [{ eventId: 'b-2', times: 2 }] }, buckets: { total: 1024, differing: 2, listed: 2 } }),
      plain,
    );
    expect(text).toMatch(/differ: 1 lost, 1 duplicated, 0 extra, 0 changed/);
    expect(text).toMatch(/lost \(valid on Kafka, not in the warehouse\): 1 — a-1/);
    expect(text).toMatch(/duplicated \(more than once in the warehouse\): 1 — b-2 ×2/);
  });

  it('while records arrive, the window is one batch interval plus a margin before now', () => {
    const window = verifyWindow({ drained: false, intervalSeconds: 10, marginSeconds: 15, now: Date.UTC(2026, 0, 1, 12, 0, 25) });
    expect(window).toEqual({ mode: 'window', cutoffMs: Date.UTC(2026, 0, 1, 12, 0, 0), intervalSeconds: 10, marginSeconds: 15 });
    expect(windowText(window)).toBe('records with an event time up to 2026-01-01T12:00:00.000Z (now minus one batch interval of 10 s plus a 15 s margin; newer ones may not be loaded yet)');
  });

  it('set-aside counts per engine by reason', () => {
    const engine = { ok: true, error: null, count: 1, total: 1, maxEventTime: 1, lagMs: 0, queryMs: 1 };
    const comparison: Comparison = {
      at: 0,
      stores: [],
      engines: { warehouse: { ...engine, rejected: { total: 3, byReason: { 'not-json': 2, 'wrong-type': 1 } } }, kafka: { ...engine, ok: false, rejected: null } },
    };
    expect(rejectedText(comparison, plain)).toBe('Set aside by the validity rule: warehouse 3 (not-json 2, wrong-type 1) · kafka —');
  });
});
