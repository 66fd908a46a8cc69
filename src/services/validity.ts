import * as z from 'zod';

/**
 * THE validity rule for a record of the `transactions` topic, defined once.
 *
 * Both engines apply it to the same unit: one line of the record's value. Connect's FileStreamSink
 * writes each value followed by a newline, so a value holding line breaks reaches the data lake as
 * several lines; the Kafka side splits the value on "\n" the same way (see kafkaValidityCheck).
 * Each line is checked in this order and the first check that fails is its reason:
 *
 *   not-utf8       the bytes are not valid UTF-8 (Connect's StringConverter decodes them to U+FFFD,
 *                  Trino's from_utf8 does the same)
 *   too-large      more than MAX_LINE_BYTES bytes
 *   empty          nothing but JSON whitespace, or the JSON literal null (a tombstone: Connect
 *                  writes a null value as the line "null"; Trino reads it as an empty value)
 *   not-json       does not parse as JSON
 *   not-an-object  JSON, but an array, number, string or boolean at the top level
 *   missing-field  a field below is absent or JSON null      } checked field by field, in the order
 *   wrong-type     a field holds the wrong JSON type          } of FIELD_RULES; the first field that
 *   bad-value      right type, value outside its rule         } fails gives the reason
 *
 * Field rules: text fields are 1..maxLength printable ASCII characters (so JavaScript, Trino and
 * MySQL agree on their length and nothing is transcoded); amount is a JSON number, 0 <= amount <=
 * MAX_AMOUNT, with at most two decimals (round(amount*100)/100 = amount, evaluated in IEEE double on
 * both sides), so it converts to DECIMAL(12,2) exactly; the integer fields are JSON numbers without
 * a fraction, min..2^53-1. Extra fields are allowed and ignored. An unknown storeId in the right
 * format is valid (a new store is data, not an error). A JSON string holding a number ("12.50") is
 * wrong-type: the producer's contract is a number.
 *
 * Duplicates: an eventId seen again (a producer's retry, a second send, or Connect redelivering after a
 * restart) counts once, the FIRST valid occurrence (lowest partition, offset, line): the warehouse keeps
 * it by its primary key and INSERT IGNORE in data-lake order, the Kafka side by the same ordering.
 * The topic has one partition (the generator creates it so); with several, "first" follows
 * partition number, which Connect does not promise.
 */

export const REJECT_REASONS = ['not-utf8', 'too-large', 'empty', 'not-json', 'not-an-object', 'missing-field', 'wrong-type', 'bad-value'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** A line longer than this is set aside: a transaction record is a few hundred bytes. */
export const MAX_LINE_BYTES = 100_000;
/** The largest amount accepted; the warehouse's DECIMAL(12,2) holds up to 9,999,999,999.99. */
export const MAX_AMOUNT = 1_000_000_000;
export const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

export type FieldRule =
  | { key: string; column: string; kind: 'text'; maxLength: number }
  | { key: string; column: string; kind: 'money' }
  | { key: string; column: string; kind: 'integer'; min: number };

/** The record's fields in checking order: JSON key, the column both engines call it, and its rule. */
export const FIELD_RULES = [
  { key: 'eventId', column: 'eventid', kind: 'text', maxLength: 64 },
  { key: 'storeId', column: 'storeid', kind: 'text', maxLength: 32 },
  { key: 'amount', column: 'amount', kind: 'money' },
  { key: 'paymentTermCode', column: 'paymenttermcode', kind: 'text', maxLength: 16 },
  { key: 'paymentTime', column: 'paymenttime', kind: 'integer', min: 0 },
  { key: 'itemCode', column: 'itemcode', kind: 'text', maxLength: 32 },
  { key: 'eventTime', column: 'eventtime', kind: 'integer', min: 1 },
] as const satisfies readonly FieldRule[];

const textPattern = (maxLength: number) => new RegExp(`^[\\x20-\\x7E]{1,${maxLength}}$`);
const hasTwoDecimalsAtMost = (a: number) => Math.round(a * 100) / 100 === a;

function zodFor(rule: FieldRule): z.ZodType {
  switch (rule.kind) {
    case 'text':
      return z.string().regex(textPattern(rule.maxLength), { error: `1 to ${rule.maxLength} printable ASCII characters` });
    case 'money':
      return z
        .number()
        .min(0)
        .max(MAX_AMOUNT)
        .refine(hasTwoDecimalsAtMost, { error: 'more than two decimals' });
    case 'integer':
      return z.number().int().min(rule.min).max(MAX_INTEGER);
  }
}

/** The zod schema the pipeline validates with, generated from FIELD_RULES. */
export const recordSchema = z.object(Object.fromEntries(FIELD_RULES.map((rule) => [rule.key, zodFor(rule)])) as Record<string, z.ZodType>);

export type Verdict<T> = { ok: true; record: T } | { ok: false; reason: RejectReason; detail: string };

const EMPTY_LINE = /^[ \t\r]*(null)?[ \t\r]*$/;

function jsonType(value: unknown): 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'undefined' {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'string' | 'number' | 'boolean' | 'object';
}

const expectedType = (rule: FieldRule) => (rule.kind === 'text' ? 'string' : 'number');

/** Applies the rule to one data-lake line (one line of a record's value). */
export function checkLine(line: string): Verdict<Record<string, unknown>> {
  if (line.includes('\uFFFD')) return { ok: false, reason: 'not-utf8', detail: 'holds bytes that are not valid UTF-8' };
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > MAX_LINE_BYTES) return { ok: false, reason: 'too-large', detail: `${bytes} bytes, more than ${MAX_LINE_BYTES}` };
  if (EMPTY_LINE.test(line)) return { ok: false, reason: 'empty', detail: 'an empty value, a tombstone or JSON null' };
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  const type = jsonType(data);
  if (type !== 'object') return { ok: false, reason: 'not-an-object', detail: `a JSON ${type} at the top level` };
  const result = recordSchema.safeParse(data);
  if (result.success) return { ok: true, record: result.data };
  // The first failing field in FIELD_RULES order gives the reason, as the SQL's CASE does.
  const object = data as Record<string, unknown>;
  const failing = FIELD_RULES.find((rule) => result.error.issues.some((issue) => issue.path[0] === rule.key))!;
  const value = object[failing.key];
  const issue = result.error.issues.find((i) => i.path[0] === failing.key)!;
  if (value === undefined || value === null) return { ok: false, reason: 'missing-field', detail: `${failing.key}: missing` };
  const actual = jsonType(value);
  // A number beyond a double (1e400) is Infinity in JavaScript and the string "Infinity" in Trino's JSON.
  if (actual === 'number' && !Number.isFinite(value)) return { ok: false, reason: 'wrong-type', detail: `${failing.key}: a number beyond a double` };
  if (actual !== expectedType(failing)) return { ok: false, reason: 'wrong-type', detail: `${failing.key}: expected a JSON ${expectedType(failing)}, got a ${actual}` };
  return { ok: false, reason: 'bad-value', detail: `${failing.key}: ${issue.message}` };
}

/** How a reason is written in the warehouse's rejects table: "code: detail" (grouped by the code). */
export function reasonText(verdict: { reason: RejectReason; detail: string }): string {
  return `${verdict.reason}: ${verdict.detail}`;
}

export function reasonCode(text: string): string {
  const code = text.split(':', 1)[0]!.trim();
  return (REJECT_REASONS as readonly string[]).includes(code) ? code : 'other';
}

// ---------------------------------------------------------------------------------------------
// The same rule in Trino SQL.

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The JSON value of a field of the parsed line `m` (a map(varchar, json)), NULL when absent. */
const fieldValue = (rule: FieldRule) => `element_at(m, ${sqlString(rule.key)})`;
/** First character of the value's JSON text: '"' string, '{' object, '[' array, 't'/'f', 'n' null, else number. */
const firstChar = (rule: FieldRule) => `substr(json_format(${fieldValue(rule)}), 1, 1)`;
const isMissing = (rule: FieldRule) => `(${fieldValue(rule)} IS NULL OR json_format(${fieldValue(rule)}) = 'null')`;
const isNumber = (rule: FieldRule) => `regexp_like(${firstChar(rule)}, '^[-0-9]$')`;
const hasRightType = (rule: FieldRule) => (rule.kind === 'text' ? `${firstChar(rule)} = '"'` : isNumber(rule));
const asDouble = (rule: FieldRule) => `try_cast(${fieldValue(rule)} AS double)`;
const asText = (rule: FieldRule) => `try_cast(${fieldValue(rule)} AS varchar)`;

function hasGoodValue(rule: FieldRule): string {
  switch (rule.kind) {
    case 'text':
      return `coalesce(regexp_like(${asText(rule)}, '^[ -~]{1,${rule.maxLength}}$'), false)`;
    case 'money':
      return `coalesce(${asDouble(rule)} BETWEEN 0 AND ${MAX_AMOUNT} AND round(${asDouble(rule)} * 100) / 100 = ${asDouble(rule)}, false)`;
    case 'integer':
      return `coalesce(${asDouble(rule)} BETWEEN ${rule.min} AND ${MAX_INTEGER} AND ${asDouble(rule)} = floor(${asDouble(rule)}), false)`;
  }
}

/** The SQL value of a field of a valid line, as the warehouse stores it. */
function typedValue(rule: FieldRule): string {
  switch (rule.kind) {
    case 'text':
      return asText(rule);
    case 'money':
      return `CAST(${asDouble(rule)} AS decimal(12,2))`;
    case 'integer':
      return `CAST(${asDouble(rule)} AS bigint)`;
  }
}

/** The reason of a line as a SQL CASE over `line` (varchar), `j` (its JSON or NULL) and `m` (its map or NULL). */
export function reasonSql(): string {
  const checks = [
    `WHEN strpos(from_utf8(to_utf8(line)), U&'\\FFFD') > 0 THEN 'not-utf8'`,
    `WHEN length(to_utf8(line)) > ${MAX_LINE_BYTES} THEN 'too-large'`,
    `WHEN regexp_like(line, '^[ \\t\\r]*(null)?[ \\t\\r]*$') THEN 'empty'`,
    `WHEN j IS NULL THEN 'not-json'`,
    `WHEN m IS NULL THEN 'not-an-object'`,
    ...FIELD_RULES.flatMap((rule) => [
      `WHEN ${isMissing(rule)} THEN 'missing-field'`,
      `WHEN NOT (${hasRightType(rule)}) THEN 'wrong-type'`,
      `WHEN NOT (${hasGoodValue(rule)}) THEN 'bad-value'`,
    ]),
  ];
  return `CASE ${checks.join(' ')} END`;
}

export interface KafkaRelationOptions {
  /** The Trino table whose _message holds the raw record value. */
  table?: string;
}

/**
 * A Trino relation with one row per line of every record of the topic: where it is
 * (kpartition, koffset, kline), its text, its `reason` (NULL when valid), the typed fields of a valid
 * line, and `first_seen` (true for the first valid occurrence of its eventId: the one both engines count).
 * No record content can make it fail: every conversion is a try or try_cast.
 */
export function kafkaLinesRelation(options: KafkaRelationOptions = {}): string {
  const table = options.table ?? 'transactions_raw';
  const split = `SELECT _partition_id AS kpartition, _partition_offset AS koffset, l.n AS kline, _timestamp AS ktimestamp, l.line AS line
    FROM ${table} CROSS JOIN UNNEST(split(coalesce(_message, ''), chr(10))) WITH ORDINALITY AS l(line, n)`;
  const parsed = `SELECT s.*, try(json_parse(line)) AS j FROM (${split}) s`;
  const mapped = `SELECT p.*, try_cast(j AS map(varchar, json)) AS m FROM (${parsed}) p`;
  const classified = `SELECT kpartition, koffset, kline, ktimestamp, line, reason,
      ${FIELD_RULES.map((rule) => `CASE WHEN reason IS NULL THEN ${typedValue(rule)} END AS ${rule.column}`).join(',\n      ')}
    FROM (SELECT q.*, ${reasonSql()} AS reason FROM (${mapped}) q) c`;
  return `SELECT v.*, reason IS NULL AND row_number() OVER (PARTITION BY CASE WHEN reason IS NULL THEN eventid END ORDER BY kpartition, koffset, kline) = 1 AS first_seen
    FROM (${classified}) v`;
}
