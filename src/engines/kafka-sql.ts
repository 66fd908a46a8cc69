import { Trino } from 'trino-client';
import { parseTransactionLine, type Transaction } from '../services/transaction.js';
import { foldMeasuredRows } from './measured-rows.js';
import { KAFKA_MEASURED_QUERY } from './query.js';
import { timed, toNumber } from './timed.js';
import type { EngineResult } from './types.js';
import { explainKafkaError, SqlOnKafkaError } from './kafka-sql-errors.js';

export { explainKafkaError, SqlOnKafkaError };

const CATALOG = 'kafka';
const SCHEMA = 'default';
const USER = 'slowdata-tour';

/** Runs one statement on Trino (or any server speaking its protocol) and returns all rows. */
export async function runTrinoQuery(server: string, sql: string): Promise<unknown[][]> {
  const trino = Trino.create({ server, catalog: CATALOG, schema: SCHEMA, source: 'slowdata-tour' });
  const rows: unknown[][] = [];
  const iterator = await trino.query({ query: sql, user: USER });
  for await (const page of iterator) {
    if (page.error) throw new SqlOnKafkaError(page.error.message);
    if (page.data) rows.push(...(page.data as unknown[][]));
  }
  return rows;
}

/** The seed's query on the topic itself, counting valid records the same way the pipeline does. */
export async function queryKafka(server: string): Promise<EngineResult> {
  return timed(
    async () => foldMeasuredRows(await runTrinoQuery(server, KAFKA_MEASURED_QUERY)),
    (error) => explainKafkaError(error, server),
  );
}

export interface PeekedRecord {
  offset: number;
  timestamp: string;
  message: string;
  /** The record's fields when it is a valid transaction; undefined for a record the pipeline would set aside. */
  transaction?: Transaction;
}

/** The newest records on the topic, raw, read through SQL (no Kafka consumer needed). */
export async function peekRecords(server: string, limit: number): Promise<PeekedRecord[]> {
  const n = Math.max(1, Math.min(100, Math.floor(limit)));
  const rows = await runTrinoQuery(
    server,
    `SELECT _partition_offset, CAST(_timestamp AS varchar), _message FROM transactions ORDER BY _partition_offset DESC LIMIT ${n}`,
  );
  return rows
    .map((r) => {
      const message = String(r[2]);
      const parsed = parseTransactionLine(message);
      return { offset: toNumber(r[0]), timestamp: String(r[1]), message, ...(parsed.ok ? { transaction: parsed.record } : {}) };
    })
    .reverse();
}
