import { describe, expect, it } from 'vitest';
import { RecordFactory } from '../../src/services/record-factory.js';
import { parseTransactionLine } from '../../src/services/transaction.js';

describe('parseTransactionLine', () => {
  it('accepts a generated record', () => {
    const record = new RecordFactory('run1', 7).next(1_718_011_807_000);
    expect(parseTransactionLine(JSON.stringify(record))).toEqual({ ok: true, record });
  });

  it('gives the reason for a line that is not JSON', () => {
    const parsed = parseTransactionLine('not json {');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/^not-json: /);
  });

  it('names the field that is missing or has the wrong type', () => {
    const record = new RecordFactory('run1', 7).next(1_718_011_807_000);
    const missing = parseTransactionLine(JSON.stringify({ ...record, storeId: undefined }));
    expect(!missing.ok && missing.reason).toMatch(/storeId/);
    const wrongType = parseTransactionLine(JSON.stringify({ ...record, amount: 'abc' }));
    expect(!wrongType.ok && wrongType.reason).toMatch(/amount/);
  });
});

describe('RecordFactory', () => {
  it('makes records shaped like the seed demo, numbered within the run', () => {
    const factory = new RecordFactory('abcd', 42);
    const records = Array.from({ length: 500 }, (_, i) => factory.next(1_000_000 + i));
    for (const r of records) {
      expect(r.storeId).toMatch(/^ST-11(0\d)$/);
      expect(r.amount).toBeGreaterThanOrEqual(10);
      expect(r.amount).toBeLessThanOrEqual(100);
      expect(Math.round(r.amount * 100) / 100).toBe(r.amount);
      expect(r.itemCode).toMatch(/^\d{8}$/);
      expect(r.paymentTermCode).toMatch(/^[A-Z]{3}$/);
    }
    expect(records.map((r) => r.eventId).slice(0, 2)).toEqual(['abcd-1', 'abcd-2']);
    expect(new Set(records.map((r) => r.storeId)).size).toBe(10);
  });

  it('gives the same records for the same seed, and others for another', () => {
    const a = new RecordFactory('r', 1).next(5);
    const b = new RecordFactory('r', 1).next(5);
    const c = new RecordFactory('r', 2).next(5);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });
});
