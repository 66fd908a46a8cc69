import { Trino } from 'trino-client';
import { foldKafkaRows } from './measured-rows.js';
import { KAFKA_MEASURED_QUERY } from './query.js';
import { messageOf } from '../common/errors.js';
import { timed, toNumber } from './timed.js';
import type { EngineResult } from './types.js';

const CATALOG = 'kafka';
const SCHEMA = 'default';
const USER = 'slowdata-tour';

export class SqlOnKafkaError extends Error {}

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

export function explainKafkaError(error: unknown, server: string): string {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return `SQL on Kafka is not reachable: nothing answers on ${server} (is the trino service stopped?)`;
  if (error instanceof SqlOnKafkaError) {
    const text = error.message;
    if (/could not parse (value|non-value node)/i.test(text)) {
      return `SQL on Kafka read a record whose field has the wrong type (${text}); the warehouse set that record aside at load time`;
    }
    if (/SERVER_STARTING_UP|still initializing|No nodes available/i.test(text)) return 'SQL on Kafka is still starting up; try again in a few seconds';
    return `The SQL-on-Kafka query failed: ${text}`;
  }
  return `The SQL-on-Kafka query failed: ${messageOf(error)}`;
}

/**
 * The seed's query on the topic itself, counting valid records the same way the pipeline does
 * (one validity rule, services/validity.ts), with the lines it set aside by reason. No record
 * content can make it fail.
 */
export async function queryKafka(server: string): Promise<EngineResult> {
  return timed(
    async () => foldKafkaRows(await runTrinoQuery(server, KAFKA_MEASURED_QUERY)),
    (error) => explainKafkaError(error, server),
  );
}

export interface PeekedRecord {
  offset: number;
  timestamp: string;
  message: string;
}

/** The newest records on the topic, raw, read through SQL (no Kafka consumer needed). */
export async function peekRecords(server: string, limit: number): Promise<PeekedRecord[]> {
  const n = Math.max(1, Math.min(100, Math.floor(limit)));
  const rows = await runTrinoQuery(
    server,
    `SELECT _partition_offset, CAST(_timestamp AS varchar), _message FROM transactions ORDER BY _partition_offset DESC LIMIT ${n}`,
  );
  return rows.map((r) => ({ offset: toNumber(r[0]), timestamp: String(r[1]), message: String(r[2]) })).reverse();
}
