import { BasicAuth, Trino, type ConnectionOptions } from 'trino-client';
import { nodeTlsOptions } from '../common/tls.js';
import { parseTransactionLine, type Transaction } from '../services/transaction.js';
import { trinoLogin, type KafkaSqlServer } from './endpoints.js';
import { measuredSql, quoteIdentifier, type MeasureSpec } from './measure.js';
import { foldKafkaRows, foldMeasuredRows } from './measured-rows.js';
import { KAFKA_MEASURED_QUERY } from './query.js';
import { bounded, type QueryBounds } from './query-bounds.js';
import { timed, toNumber } from './timed.js';
import type { EngineResult } from './types.js';
import { explainKafkaError, SqlOnKafkaServerError } from './kafka-errors.js';

function connectionOptions(server: KafkaSqlServer): ConnectionOptions & { user: string } {
  const login = trinoLogin(server);
  return {
    server: login.url,
    catalog: login.catalog,
    schema: login.schema,
    source: 'slowdata-tour',
    user: login.user,
    ...(login.password !== undefined ? { auth: new BasicAuth(login.user, login.password) } : {}),
    ...(login.sessionProperties ? { session: login.sessionProperties } : {}),
    ...(login.tls ? { ssl: nodeTlsOptions(login.tls) } : {}),
  };
}

/**
 * Runs one statement on Trino (or any server speaking its protocol) and returns all rows. Past the
 * deadline, or when the signal aborts, the query is cancelled on the server.
 */
export async function runTrinoQuery(server: KafkaSqlServer, sql: string, bounds?: QueryBounds): Promise<unknown[][]> {
  const { user, ...options } = connectionOptions(server);
  const trino = Trino.create(options);
  let queryId: string | undefined;
  const cancel = async () => {
    if (queryId) await trino.cancel(queryId);
  };
  const work = async () => {
    const rows: unknown[][] = [];
    const iterator = await trino.query({ query: sql, user });
    for await (const page of iterator) {
      queryId ??= page.id;
      if (bounds?.signal?.aborted) break;
      if (page.error) throw new SqlOnKafkaServerError(page.error.message, page.error.errorName);
      if (page.data) rows.push(...(page.data as unknown[][]));
    }
    return rows;
  };
  return bounded(bounds, work(), cancel);
}


/**
 * The seed's query on the topic itself, counting valid records the same way the pipeline does
 * (one validity rule, services/validity.ts), with the lines it set aside by reason: no record
 * content can make it fail. Given a measure (your platform), the same shape on the table and
 * columns it names.
 */
export async function queryKafka(server: KafkaSqlServer, measure?: MeasureSpec, bounds?: QueryBounds): Promise<EngineResult> {
  return timed(
    async () => (measure ? foldMeasuredRows(await runTrinoQuery(server, measuredSql('trino', measure), bounds)) : foldKafkaRows(await runTrinoQuery(server, KAFKA_MEASURED_QUERY, bounds))),
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
export async function peekRecords(server: KafkaSqlServer, limit: number, table = 'transactions', bounds?: QueryBounds): Promise<PeekedRecord[]> {
  const n = Math.max(1, Math.min(100, Math.floor(limit)));
  const rows = await runTrinoQuery(
    server,
    `SELECT _partition_offset, CAST(_timestamp AS varchar), _message FROM ${table === 'transactions' ? table : quoteIdentifier('trino', table)} ORDER BY _partition_offset DESC LIMIT ${n}`,
    bounds,
  );
  return rows
    .map((r) => {
      const message = String(r[2]);
      const parsed = parseTransactionLine(message);
      return { offset: toNumber(r[0]), timestamp: String(r[1]), message, ...(parsed.ok ? { transaction: parsed.record } : {}) };
    })
    .reverse();
}
