import { MAX_LINE_BYTES, type RejectReason } from './validity.js';

/**
 * A catalogue of records that can land on the `transactions` topic from any producer, each with
 * what the validity rule (validity.ts) does with it. Both engines must reach the same outcome:
 * the pipeline puts each rejected line in its `rejects` table with the reason, the Kafka side
 * classifies the same line with the same reason, and the valid ones count once on both.
 */
export interface BadRecordKind {
  id: string;
  label: string;
  /** The value's bytes; null is a tombstone (no value at all). */
  value: (eventId: string) => Buffer | null;
  /** What both engines make of it: lines set aside by reason, and valid records (deduplicated by eventId). */
  expect: { rejected: Partial<Record<RejectReason, number>>; valid: number; amount?: string };
  /** Sent more than once (the same bytes). */
  times?: number;
}

const good = (eventId: string, overrides: Record<string, unknown> = {}, drop: string[] = []): Record<string, unknown> => {
  const record: Record<string, unknown> = {
    eventId,
    storeId: 'ST-1100',
    amount: 12.5,
    paymentTermCode: 'GBR',
    paymentTime: 1_764_000_000,
    itemCode: '40170725',
    eventTime: Date.now(),
    ...overrides,
  };
  for (const key of drop) delete record[key];
  return record;
};

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const text = (value: string) => Buffer.from(value, 'utf8');

export const BAD_RECORD_KINDS: readonly BadRecordKind[] = [
  { id: 'not-json', label: 'not JSON at all', value: () => text('this is not json'), expect: { rejected: { 'not-json': 1 }, valid: 0 } },
  { id: 'empty-value', label: 'an empty value', value: () => Buffer.alloc(0), expect: { rejected: { empty: 1 }, valid: 0 } },
  { id: 'tombstone', label: 'a null value (tombstone)', value: () => null, expect: { rejected: { empty: 1 }, valid: 0 } },
  { id: 'json-array', label: 'a JSON array at the top level', value: (id) => json([good(id)]), expect: { rejected: { 'not-an-object': 1 }, valid: 0 } },
  { id: 'json-number', label: 'a JSON number at the top level', value: () => text('42'), expect: { rejected: { 'not-an-object': 1 }, valid: 0 } },
  { id: 'json-string', label: 'a JSON string at the top level', value: () => text('"ST-1100"'), expect: { rejected: { 'not-an-object': 1 }, valid: 0 } },
  {
    id: 'issue-example',
    label: 'the issue\'s example {"storeId":"ST-1100","amount":"lots","eventTime":1}',
    value: () => text('{"storeId":"ST-1100","amount":"lots","eventTime":1}'),
    expect: { rejected: { 'missing-field': 1 }, valid: 0 },
  },
  { id: 'missing-amount', label: 'the amount missing', value: (id) => json(good(id, {}, ['amount'])), expect: { rejected: { 'missing-field': 1 }, valid: 0 } },
  { id: 'null-amount', label: 'the amount null', value: (id) => json(good(id, { amount: null })), expect: { rejected: { 'missing-field': 1 }, valid: 0 } },
  { id: 'eventid-number', label: 'eventId a number', value: () => json(good('x', { eventId: 12345 })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'storeid-number', label: 'storeId a number', value: (id) => json(good(id, { storeId: 1100 })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'amount-text', label: 'amount "lots"', value: (id) => json(good(id, { amount: 'lots' })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'amount-numeric-string', label: 'amount as a numeric string "12.50"', value: (id) => json(good(id, { amount: '12.50' })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'amount-nan-string', label: 'amount "NaN"', value: (id) => json(good(id, { amount: 'NaN' })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'amount-infinity-string', label: 'amount "Infinity"', value: (id) => json(good(id, { amount: 'Infinity' })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  {
    id: 'amount-nan-literal',
    label: 'amount NaN (not JSON)',
    value: (id) => text(JSON.stringify(good(id)).replace('"amount":12.5', '"amount":NaN')),
    expect: { rejected: { 'not-json': 1 }, valid: 0 },
  },
  {
    id: 'amount-overflow',
    label: 'amount 1e400 (beyond a double: Infinity)',
    value: (id) => text(JSON.stringify(good(id)).replace('"amount":12.5', '"amount":1e400')),
    expect: { rejected: { 'wrong-type': 1 }, valid: 0 },
  },
  { id: 'amount-object', label: 'amount an object', value: (id) => json(good(id, { amount: { value: 12.5 } })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'amount-boolean', label: 'amount true', value: (id) => json(good(id, { amount: true })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'paymentterm-boolean', label: 'paymentTermCode true', value: (id) => json(good(id, { paymentTermCode: true })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'paymenttime-string', label: 'paymentTime "soon"', value: (id) => json(good(id, { paymentTime: 'soon' })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'itemcode-array', label: 'itemCode an array', value: (id) => json(good(id, { itemCode: ['4017'] })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'eventtime-string', label: 'eventTime "1"', value: (id) => json(good(id, { eventTime: '1' })), expect: { rejected: { 'wrong-type': 1 }, valid: 0 } },
  { id: 'eventtime-fraction', label: 'eventTime 1.5', value: (id) => json(good(id, { eventTime: 1.5 })), expect: { rejected: { 'bad-value': 1 }, valid: 0 } },
  { id: 'amount-negative', label: 'amount negative', value: (id) => json(good(id, { amount: -5 })), expect: { rejected: { 'bad-value': 1 }, valid: 0 } },
  { id: 'amount-three-decimals', label: 'amount with three decimals (12.345)', value: (id) => json(good(id, { amount: 12.345 })), expect: { rejected: { 'bad-value': 1 }, valid: 0 } },
  { id: 'amount-absurd', label: 'amount absurdly large (1e12)', value: (id) => json(good(id, { amount: 1e12 })), expect: { rejected: { 'bad-value': 1 }, valid: 0 } },
  { id: 'storeid-empty', label: 'storeId ""', value: (id) => json(good(id, { storeId: '' })), expect: { rejected: { 'bad-value': 1 }, valid: 0 } },
  { id: 'amount-zero', label: 'amount zero (valid)', value: (id) => json(good(id, { amount: 0 })), expect: { rejected: {}, valid: 1, amount: '0.00' } },
  { id: 'unknown-store', label: 'an unknown storeId ST-9999 (valid: a new store)', value: (id) => json(good(id, { storeId: 'ST-9999', amount: 1.25 })), expect: { rejected: {}, valid: 1, amount: '1.25' } },
  { id: 'extra-fields', label: 'extra fields (valid, ignored)', value: (id) => json(good(id, { amount: 2.5, note: 'gift', nested: { a: [1, 2] } })), expect: { rejected: {}, valid: 1, amount: '2.50' } },
  {
    id: 'one-megabyte',
    label: 'a 1 MB value',
    value: (id) => json(good(id, { padding: 'x'.repeat(1_000_000 - 200) })),
    expect: { rejected: { 'too-large': 1 }, valid: 0 },
  },
  {
    id: 'not-utf8',
    label: 'bytes that are not UTF-8',
    value: (id) => Buffer.concat([text(`{"eventId":"${id}","storeId":"ST-11`), Buffer.from([0xff, 0xfe]), text(`","amount":12.5,"paymentTermCode":"GBR","paymentTime":1764000000,"itemCode":"40170725","eventTime":${Date.now()}}`)]),
    expect: { rejected: { 'not-utf8': 1 }, valid: 0 },
  },
  { id: 'duplicate', label: 'the same eventId sent twice (valid, counted once)', value: (id) => json(good(id, { amount: 3.75 })), times: 2, expect: { rejected: {}, valid: 1, amount: '3.75' } },
  {
    id: 'pretty-printed',
    label: 'a pretty-printed record over 9 lines (each line set aside)',
    value: (id) => text(JSON.stringify(good(id), null, 2)),
    expect: { rejected: { 'not-json': 9 }, valid: 0 },
  },
  {
    id: 'two-in-one',
    label: 'two records in one value, a line each (both valid)',
    value: (id) => text(`${JSON.stringify(good(`${id}-a`, { amount: 1 }))}\n${JSON.stringify(good(`${id}-b`, { amount: 2 }))}`),
    expect: { rejected: {}, valid: 2, amount: '3.00' },
  },
];

export const BAD_RECORD_IDS = BAD_RECORD_KINDS.map((kind) => kind.id);

if (MAX_LINE_BYTES >= 1_000_000) throw new Error('the one-megabyte kind expects MAX_LINE_BYTES below 1 MB');
