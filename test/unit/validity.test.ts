import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentDir } from '../../src/common/paths.js';
import { BAD_RECORD_KINDS } from '../../src/services/bad-record-kinds.js';
import { checkLine, FIELD_RULES, reasonCode, recordSchema, REJECT_REASONS } from '../../src/services/validity.js';

/** What the JavaScript side makes of a kind: reasons of its lines, and its valid records by eventId. */
function outcomeOf(value: Buffer | null, times: number) {
  // As Connect writes it to the data lake: a null value is the line "null"; bytes are decoded as UTF-8.
  const text = value === null ? 'null' : value.toString('utf8');
  const rejected: Record<string, number> = {};
  const valid = new Map<string, number>();
  for (let i = 0; i < times; i += 1) {
    for (const line of text.split('\n')) {
      const verdict = checkLine(line);
      if (verdict.ok) valid.set(String(verdict.record.eventId), Number(verdict.record.amount));
      else rejected[verdict.reason] = (rejected[verdict.reason] ?? 0) + 1;
    }
  }
  return { rejected, valid };
}

describe('the one validity rule, JavaScript side', () => {
  it.each(BAD_RECORD_KINDS.map((k) => [k.id, k] as const))('%s: the catalogue states what the rule does', (_id, kind) => {
    const { rejected, valid } = outcomeOf(kind.value(`bad-unit-${kind.id}`), kind.times ?? 1);
    // Rejected lines repeat with each send; valid ones count once per eventId.
    const expectedRejected = Object.fromEntries(Object.entries(kind.expect.rejected).map(([r, n]) => [r, n * (kind.times ?? 1)]));
    expect(rejected).toEqual(expectedRejected);
    expect(valid.size).toBe(kind.expect.valid);
    if (kind.expect.amount !== undefined) expect([...valid.values()].reduce((a, b) => a + b, 0).toFixed(2)).toBe(kind.expect.amount);
  });

  it('the zod schema is generated from the field rules, and reasons are written as "code: detail"', () => {
    expect(Object.keys(recordSchema.shape)).toEqual(FIELD_RULES.map((r) => r.key));
    const verdict = checkLine('{"eventId":"x"}');
    expect(verdict).toMatchObject({ ok: false, reason: 'missing-field' });
    for (const reason of REJECT_REASONS) expect(reasonCode(`${reason}: something`)).toBe(reason);
    expect(reasonCode('not JSON: an older pipeline wrote this')).toBe('other');
  });

  it('the decoded table description maps the same fields to the same columns', () => {
    const table = JSON.parse(readFileSync(join(environmentDir, 'trino', 'kafka-tables', 'transactions.json'), 'utf8')) as { message: { fields: Array<{ name: string; mapping: string }> } };
    expect(table.message.fields.map((f) => [f.name, f.mapping])).toEqual(FIELD_RULES.map((r) => [r.column, r.key]));
  });

  it('amounts with at most two decimals are exact in cents; more are set aside, never rounded', () => {
    for (const amount of [0, 0.29, 0.3, 12.5, 99.99, 999_999_999.99, 1e9]) expect(checkLine(JSON.stringify({ eventId: 'a', storeId: 'b', amount, paymentTermCode: 'c', paymentTime: 1, itemCode: 'd', eventTime: 1 })).ok).toBe(true);
    for (const amount of [1.005, 12.345, 0.1 + 0.2, 1e-7, -0.01, 1e9 + 0.01]) {
      expect(checkLine(JSON.stringify({ eventId: 'a', storeId: 'b', amount, paymentTermCode: 'c', paymentTime: 1, itemCode: 'd', eventTime: 1 }))).toMatchObject({ ok: false, reason: 'bad-value' });
    }
  });
});
