import { FIELD_RULES } from '../services/validity.js';
import { explainKafkaError, SqlOnKafkaError } from './kafka-errors.js';
import { runTrinoQuery } from './kafka-sql.js';
import { KAFKA_ROBUST_SEED_QUERY, roundCents, SEED_QUERY } from './query.js';
import { messageOf } from '../common/errors.js';
import { toNumber } from './timed.js';
import type { KafkaSqlServer } from './endpoints.js';
import type { QueryBounds } from './query-bounds.js';
import type { StoreTotal } from './types.js';

/** The record that broke (or poisoned) the seed query on Kafka. */
export interface OffendingRecord {
  partition: number;
  offset: number;
  /** The JSON key and column whose value Trino could not convert. */
  field: string;
  column: string;
  /** The value as Trino reported it (its text), or the JSON of a non-scalar value. */
  value: string;
  /** The start of the record's value, for a person to recognise it. */
  message: string;
}

/** Why the seed's query did not answer as written on Kafka, and what answered instead. */
export interface SeedFallback {
  seedError: string;
  offender: OffendingRecord | null;
  robustSql: string;
  robustMs: number;
}

export type SeedOnKafka =
  /** The seed query answered, with finite sums. */
  | { ok: true; sql: string; stores: StoreTotal[]; queryMs: number; fallback: null }
  /** The seed query failed, or answered NaN/Infinity, because of a record's content: the robust form answered instead. */
  | {
      ok: true;
      sql: string;
      stores: StoreTotal[];
      queryMs: number;
      fallback: SeedFallback;
    }
  /** Neither answered (Trino down, or something other than a bad record). */
  | { ok: false; sql: string; error: string };

/** Trino's JSON decoder's words when a value does not convert to the column's type. */
const DECODE_ERROR = /could not parse (?:value '([\s\S]*)'|non-value node) as '(\w+)' for column '(\w+)'/i;

/** Which record made the seed query fail (error given) or poisoned its sums (no error: a non-finite amount). */
export async function findOffendingRecord(server: KafkaSqlServer, decodeError: string | null, bounds?: QueryBounds): Promise<OffendingRecord | null> {
  let rule: (typeof FIELD_RULES)[number] | undefined;
  let condition: string;
  let reported: string | undefined;
  if (decodeError) {
    const match = DECODE_ERROR.exec(decodeError);
    if (!match) return null;
    reported = match[1];
    rule = FIELD_RULES.find((r) => r.column === match[3]!.toLowerCase());
    if (!rule) return null;
    condition =
      reported === undefined
        ? `substr(json_format(v), 1, 1) IN ('{', '[')`
        : `coalesce(try_cast(v AS varchar), json_format(v)) = '${reported.replaceAll("'", "''")}'`;
  } else {
    rule = FIELD_RULES.find((r) => r.kind === 'money')!;
    condition = `substr(json_format(v), 1, 1) = '"' AND NOT coalesce(is_finite(try_cast(try_cast(v AS varchar) AS double)), true)`;
  }
  const rows = await runTrinoQuery(
    server,
    `SELECT _partition_id, _partition_offset, json_format(v), substr(_message, 1, 200) FROM (
       SELECT _partition_id, _partition_offset, _message, try(json_extract(_message, '$["${rule.key}"]')) AS v FROM transactions_raw
     ) r WHERE v IS NOT NULL AND ${condition} ORDER BY _partition_id, _partition_offset LIMIT 1`,
    bounds,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    partition: toNumber(row[0]),
    offset: toNumber(row[1]),
    field: rule.key,
    column: rule.column,
    value: reported ?? String(row[2]),
    message: String(row[3]),
  };
}

const storesOf = (rows: unknown[][]): StoreTotal[] => rows.map((r) => ({ storeid: String(r[0]), total: roundCents(toNumber(r[1])) }));
const nonFinite = (rows: unknown[][]) => rows.some((r) => !Number.isFinite(typeof r[1] === 'string' ? Number(r[1]) : toNumber(r[1])) || r[1] === 'NaN' || r[1] === 'Infinity');

/**
 * Runs the seed's query unchanged on Kafka. When a record's content makes it fail (or poisons a
 * sum with NaN or Infinity), it names that record and runs the robust form instead, which counts
 * valid records only, by the same rule as the warehouse; both facts come back for the step to say.
 */
export async function runSeedQueryOnKafka(server: KafkaSqlServer, bounds?: QueryBounds): Promise<SeedOnKafka> {
  let seedError: string;
  let decodeError: string | null = null;
  const started = performance.now();
  try {
    const rows = await runTrinoQuery(server, SEED_QUERY, bounds);
    if (!nonFinite(rows)) return { ok: true, sql: SEED_QUERY, stores: storesOf(rows), queryMs: Math.round(performance.now() - started), fallback: null };
    seedError = 'the seed query answered NaN or Infinity for a store: a record holds an amount that is not a finite number';
  } catch (error) {
    if (!(error instanceof SqlOnKafkaError) || !DECODE_ERROR.test(error.message)) return { ok: false, sql: SEED_QUERY, error: explainKafkaError(error, server) };
    decodeError = error.message;
    seedError = explainKafkaError(error, server);
  }
  const seedMs = Math.round(performance.now() - started);
  let offender: OffendingRecord | null = null;
  try {
    offender = await findOffendingRecord(server, decodeError, bounds);
  } catch {
    offender = null;
  }
  const robustStarted = performance.now();
  try {
    const rows = await runTrinoQuery(server, KAFKA_ROBUST_SEED_QUERY, bounds);
    const robustMs = Math.round(performance.now() - robustStarted);
    return { ok: true, sql: SEED_QUERY, stores: storesOf(rows), queryMs: seedMs + robustMs, fallback: { seedError, offender, robustSql: KAFKA_ROBUST_SEED_QUERY, robustMs } };
  } catch (error) {
    return { ok: false, sql: KAFKA_ROBUST_SEED_QUERY, error: `${seedError}; its robust form failed too: ${messageOf(error)}` };
  }
}
