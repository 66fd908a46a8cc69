import { readFileSync } from 'node:fs';
import { BasicAuth, Trino, type ConnectionOptions } from 'trino-client';
import { parseTransactionLine, type Transaction } from '../services/transaction.js';
import { kafkaSqlUrl, passwordFrom, type KafkaSqlServer } from './endpoints.js';
import { measuredSql, quoteIdentifier, type MeasureSpec } from './measure.js';
import { foldKafkaRows, foldMeasuredRows } from './measured-rows.js';
import { KAFKA_MEASURED_QUERY } from './query.js';
import { bounded, QueryStopped, type QueryBounds } from './query-bounds.js';
import { messageOf } from '../common/errors.js';
import { tlsProblem } from './tls-text.js';
import { timed, toNumber } from './timed.js';
import type { EngineResult } from './types.js';

const CATALOG = 'kafka';
const SCHEMA = 'default';
const USER = 'slowdata-tour';

export class SqlOnKafkaError extends Error {}

/** A failure the server reported, with Trino's error name (TABLE_NOT_FOUND, COLUMN_NOT_FOUND, …). */
export class SqlOnKafkaServerError extends SqlOnKafkaError {
  constructor(
    message: string,
    readonly errorName: string,
  ) {
    super(message);
  }
}

function connectionOptions(server: KafkaSqlServer): ConnectionOptions & { user: string } {
  if (typeof server === 'string') return { server, catalog: CATALOG, schema: SCHEMA, source: 'slowdata-tour', user: USER };
  const { url, settings = {} } = server;
  const user = settings.user ?? USER;
  const tls = settings.tls;
  return {
    server: url,
    catalog: settings.catalog ?? CATALOG,
    schema: settings.schema ?? SCHEMA,
    source: 'slowdata-tour',
    user,
    ...(settings.passwordVariable ? { auth: new BasicAuth(user, passwordFrom(settings.passwordVariable)) } : {}),
    ...(settings.sessionProperties ? { session: settings.sessionProperties } : {}),
    ...(tls ? { ssl: { ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}), rejectUnauthorized: tls.verify !== false } } : {}),
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

export function explainKafkaError(error: unknown, server: KafkaSqlServer): string {
  const url = kafkaSqlUrl(server);
  const ours = typeof server === 'string';
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return `SQL on Kafka is not reachable: nothing answers on ${url}${ours ? ' (is the trino service stopped?)' : ' (check the host and port in the platform file)'}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `SQL on Kafka is not reachable: the host of ${url} is not known`;
  if (error instanceof QueryStopped) return `The SQL-on-Kafka query stopped: ${error.message}`;
  const tls = tlsProblem(code, messageOf(error), url);
  if (tls) return tls;
  const status = (error as { response?: { status?: number } }).response?.status;
  if (status === 401) {
    const settings = typeof server === 'string' ? undefined : server.settings;
    return `SQL on Kafka refused the login of user ${settings?.user ?? USER} on ${url} (HTTP 401)${settings?.passwordVariable ? `: check the password in $${settings.passwordVariable}` : ''}`;
  }
  if (status !== undefined && status >= 400) return `SQL on Kafka answered HTTP ${status} on ${url}: ${messageOf(error)}`;
  if (error instanceof SqlOnKafkaServerError && !ours) {
    const text = error.message;
    if (error.errorName === 'TABLE_NOT_FOUND') return `SQL on Kafka has no such table: ${text}`;
    if (error.errorName === 'COLUMN_NOT_FOUND') return `SQL on Kafka has no such column: ${text}`;
    if (error.errorName === 'SCHEMA_NOT_FOUND') return `SQL on Kafka has no such schema: ${text}`;
    if (error.errorName === 'CATALOG_NOT_FOUND') return `SQL on Kafka has no such catalog: ${text}`;
  }
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
