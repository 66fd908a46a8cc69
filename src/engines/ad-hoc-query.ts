import type { Connection as CoreConnection } from 'mysql2';
import mysql from 'mysql2/promise';
import { Agent, fetch, type RequestInit } from 'undici';
import { messageOf } from '../common/errors.js';
import { nodeTlsOptions } from '../common/tls.js';
import { kafkaSqlServer, trinoLogin, type Endpoints, type KafkaSqlServer, type MysqlEndpoint, type TrinoLogin } from './endpoints.js';
import { explainKafkaError, SqlOnKafkaError, SqlOnKafkaServerError } from './kafka-errors.js';
import type { GateDecision } from './sql-gate.js';
import type { EngineName } from './types.js';
import { explainWarehouseError, openWarehouse } from './warehouse.js';

/** A typed query waits this long before it is cancelled on the server. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
/** Rows kept per engine; the rest are counted, not held. */
export const DEFAULT_MAX_ROWS = 10_000;

export interface ResultColumn {
  name: string;
  /** The engine's own type name (MySQL's field type, Trino's type signature). */
  type: string;
  numeric: boolean;
}

export type CellValue = string | number | boolean | null;

export interface AdHocAnswer {
  ok: true;
  columns: ResultColumn[];
  /** At most `maxRows` rows, values as JSON-friendly scalars. */
  rows: CellValue[][];
  /** Every row the engine returned, kept or not. */
  rowCount: number;
  /** True when rows holds fewer rows than rowCount. */
  truncated: boolean;
  queryMs: number;
}

export interface AdHocFailure {
  ok: false;
  /** The engine's own error, in words. */
  error: string;
  /** Set when the query was stopped rather than failing by itself. */
  stopped?: 'timeout' | 'cancelled';
  queryMs: number;
}

export type AdHocResult = (AdHocAnswer | AdHocFailure) & {
  /** The engine's handle on the query: Trino's query id, MySQL's connection id. */
  serverId?: string;
};

export interface AdHocOptions {
  /** @default 30 000 */
  timeoutMs?: number;
  /** Cancels the query on the server when it aborts. */
  signal?: AbortSignal;
  /** @default 10 000 */
  maxRows?: number;
}

/** Why a query was stopped, once it has been: a person's cancel or the timeout. */
class Stopper {
  readonly controller = new AbortController();
  reason: 'timeout' | 'cancelled' | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onOuterAbort = () => this.stop('cancelled');

  constructor(
    readonly timeoutMs: number,
    private readonly outer?: AbortSignal,
  ) {
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    if (outer?.aborted) this.stop('cancelled');
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private stop(reason: 'timeout' | 'cancelled'): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort();
  }

  done(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  /** The words for a stopped query on `engine`, with whether the server confirmed the cancel. */
  words(engine: string, serverNote: string): string {
    const why = this.reason === 'timeout' ? `did not finish within ${formatSeconds(this.timeoutMs)}` : 'was cancelled';
    return `The ${engine} query ${why}; ${serverNote}.`;
  }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A value as a script or a table wants it: numbers stay numbers when exact, the rest becomes text. */
function cell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return JSON.stringify(value);
}

// ---------------------------------------------------------------- the warehouse (MySQL)

const MYSQL_TYPES: Record<number, string> = {
  0: 'DECIMAL', 1: 'TINYINT', 2: 'SMALLINT', 3: 'INT', 4: 'FLOAT', 5: 'DOUBLE', 6: 'NULL', 7: 'TIMESTAMP', 8: 'BIGINT', 9: 'MEDIUMINT',
  10: 'DATE', 11: 'TIME', 12: 'DATETIME', 13: 'YEAR', 15: 'VARCHAR', 16: 'BIT', 245: 'JSON', 246: 'DECIMAL', 247: 'ENUM', 248: 'SET',
  249: 'TINYBLOB', 250: 'MEDIUMBLOB', 251: 'LONGBLOB', 252: 'BLOB', 253: 'VARCHAR', 254: 'CHAR', 255: 'GEOMETRY',
};
const MYSQL_NUMERIC = new Set([0, 1, 2, 3, 4, 5, 8, 9, 13, 246]);

function explainTypedWarehouseError(error: unknown, endpoint: MysqlEndpoint): string {
  const code = (error as { code?: string }).code;
  // The tour's own query reads "no such table" as "nothing loaded yet"; a typed query means what it says.
  if (code === 'ER_NO_SUCH_TABLE' || code === 'ER_PARSE_ERROR' || code === 'ER_BAD_FIELD_ERROR') return `The warehouse query failed: ${messageOf(error)}`;
  return explainWarehouseError(error, endpoint);
}

/**
 * One statement on the warehouse, on a session that is read-only (a second guard behind the gate),
 * streamed so only `maxRows` rows are held. Stopped, it sends KILL QUERY on a second connection.
 */
export async function runOnWarehouse(endpoint: MysqlEndpoint, sql: string, options: AdHocOptions = {}): Promise<AdHocResult> {
  const stopper = new Stopper(options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS, options.signal);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let connection: mysql.Connection | undefined;
  try {
    if (stopper.signal.aborted) return { ok: false, error: stopper.words('warehouse', 'it was never sent'), stopped: stopper.reason, queryMs: 0 };
    connection = await openWarehouse(endpoint);
    const threadId = connection.threadId;
    await connection.query('SET SESSION TRANSACTION READ ONLY');
    // The promise wrapper keeps the callback connection, whose query streams row by row.
    const core = (connection as unknown as { connection: CoreConnection }).connection;
    const columns: ResultColumn[] = [];
    const rows: CellValue[][] = [];
    let rowCount = 0;
    let killed: Promise<string> | undefined;
    const outcome = await new Promise<{ error?: unknown }>((resolve) => {
      const query = core.query({ sql, rowsAsArray: true });
      const kill = () => {
        killed = killQuery(endpoint, threadId);
      };
      if (stopper.signal.aborted) kill();
      else stopper.signal.addEventListener('abort', kill, { once: true });
      let resolved = false;
      const finish = (value: { error?: unknown }) => {
        stopper.signal.removeEventListener('abort', kill);
        if (!resolved) resolve(value);
        resolved = true;
      };
      query.on('fields', (fields: Array<{ name: string; columnType: number }> | undefined) => {
        // A statement with several result sets (none should pass the gate) keeps the first one's columns.
        if (columns.length > 0 || !fields) return;
        for (const field of fields) {
          columns.push({ name: field.name, type: MYSQL_TYPES[field.columnType] ?? `type ${field.columnType}`, numeric: MYSQL_NUMERIC.has(field.columnType) });
        }
      });
      query.on('result', (row: unknown) => {
        if (!Array.isArray(row)) return; // an OK packet, not a row
        rowCount += 1;
        if (rows.length < maxRows) rows.push(row.map(cell));
      });
      query.on('error', (error: unknown) => finish({ error }));
      query.on('end', () => finish({}));
    });
    const queryMs = elapsed();
    if (stopper.reason) {
      const note = killed ? await killed : 'it had already finished';
      return { ok: false, error: stopper.words('warehouse', note), stopped: stopper.reason, queryMs, serverId: String(threadId) };
    }
    if (outcome.error) return { ok: false, error: explainTypedWarehouseError(outcome.error, endpoint), queryMs, serverId: String(threadId) };
    return { ok: true, columns, rows, rowCount, truncated: rowCount > rows.length, queryMs, serverId: String(threadId) };
  } catch (error) {
    if (stopper.reason) return { ok: false, error: stopper.words('warehouse', 'it was stopped before it started'), stopped: stopper.reason, queryMs: elapsed() };
    return { ok: false, error: explainTypedWarehouseError(error, endpoint), queryMs: elapsed() };
  } finally {
    stopper.done();
    if (connection) await connection.end().catch(() => connection?.destroy());
  }
}

/** MySQL's way to stop a running statement: KILL QUERY from another session of the same user. */
async function killQuery(endpoint: MysqlEndpoint, threadId: number): Promise<string> {
  try {
    const killer = await openWarehouse(endpoint);
    try {
      await killer.query(`KILL QUERY ${Number(threadId)}`);
    } finally {
      await killer.end().catch(() => killer.destroy());
    }
    return `the server stopped it (KILL QUERY ${threadId})`;
  } catch (error) {
    return `stopping it on the server failed too: ${messageOf(error)}`;
  }
}

// ---------------------------------------------------------------- SQL on Kafka (Trino)

const TRINO_NUMERIC = /^(tinyint|smallint|integer|bigint|real|double|decimal)/i;

function trinoCell(value: unknown, type: string): CellValue {
  // Trino sends DECIMAL as a string to keep its precision; a table and a delta want a number.
  if (typeof value === 'string' && /^decimal/i.test(type)) {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  return cell(value);
}

/** The protocol's headers: on your own platform its user, password (basic authentication), catalog, schema and session properties. */
export function trinoHeaders(login: TrinoLogin): Record<string, string> {
  const session = Object.entries(login.sessionProperties ?? {}).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return {
    'X-Trino-User': login.user,
    'X-Trino-Source': 'slowdata-tour',
    'X-Trino-Catalog': login.catalog,
    'X-Trino-Schema': login.schema,
    ...(session.length > 0 ? { 'X-Trino-Session': session.join(',') } : {}),
    ...(login.password !== undefined ? { Authorization: `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` } : {}),
  };
}
/** How long one request of the protocol may take (each answers within about a second while the query runs). */
const TRINO_REQUEST_MS = 15_000;

interface TrinoPage {
  id: string;
  nextUri?: string;
  columns?: Array<{ name: string; type: string }>;
  data?: unknown[][];
  error?: { message: string; errorName?: string };
}

/** An HTTP answer other than 2xx, with its status where the error words look for it (401: the login). */
class TrinoHttpError extends SqlOnKafkaError {
  readonly response: { status: number };

  constructor(status: number, statusText: string, body: string) {
    super(`HTTP ${status} ${statusText}${body ? `: ${body}` : ''}`);
    this.response = { status };
  }
}

/** The platform file's TLS (a CA to trust, or no verification) for fetch; none when it has no tls field. */
function trinoDispatcher({ tls }: TrinoLogin): Agent | undefined {
  return tls ? new Agent({ connect: nodeTlsOptions(tls) }) : undefined;
}

async function trinoRequest(url: string, init: RequestInit): Promise<TrinoPage> {
  const response = await fetch(url, init);
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).trim().slice(0, 300);
    throw new TrinoHttpError(response.status, response.statusText, body);
  }
  return (await response.json()) as TrinoPage;
}

/**
 * One statement on Trino (catalog kafka, schema default), following the client protocol page by
 * page: POST /v1/statement, then each nextUri. Stopped, it sends DELETE to the query's current
 * nextUri, the protocol's cancel, and waits for the coordinator to accept it.
 *
 * This speaks the protocol with fetch rather than through trino-client (which the tour's own
 * queries use): trino-client 0.2.9's iterator follows empty pages inside one next() call, so the
 * query's id and URI stay hidden until the first rows arrive, and a running query cannot be cancelled.
 */
export async function runOnKafka(server: KafkaSqlServer, sql: string, options: AdHocOptions = {}): Promise<AdHocResult> {
  const login = trinoLogin(server);
  const headers = trinoHeaders(login);
  const dispatcher = trinoDispatcher(login);
  const stopper = new Stopper(options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS, options.signal);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let queryId: string | undefined;
  let nextUri: string | undefined;
  const withId = () => (queryId ? { serverId: queryId } : {});
  const stoppedResult = async (): Promise<AdHocResult> => {
    let note = 'it was never sent';
    if (nextUri) {
      try {
        const response = await fetch(nextUri, { method: 'DELETE', headers, dispatcher, signal: AbortSignal.timeout(TRINO_REQUEST_MS) });
        note = response.ok ? `the server cancelled it (query ${queryId})` : `cancelling it on the server failed: HTTP ${response.status}`;
      } catch (error) {
        note = `cancelling it on the server failed: ${messageOf(error)}`;
      }
    } else if (queryId) {
      note = 'it had already finished on the server';
    }
    return { ok: false, error: stopper.words('SQL-on-Kafka', note), stopped: stopper.reason, queryMs: elapsed(), ...withId() };
  };
  try {
    if (stopper.signal.aborted) return await stoppedResult();
    // The POST is never cut short: once sent, the query exists and must be known to be cancelled.
    let page = await trinoRequest(`${login.url.replace(/\/$/, '')}/v1/statement`, { method: 'POST', body: sql, headers, dispatcher, signal: AbortSignal.timeout(TRINO_REQUEST_MS) });
    queryId = page.id;
    let columns: ResultColumn[] = [];
    const rows: CellValue[][] = [];
    let rowCount = 0;
    for (;;) {
      if (page.error) throw new SqlOnKafkaServerError(page.error.message, page.error.errorName ?? '');
      if (page.columns && columns.length === 0) {
        columns = page.columns.map((c) => ({ name: c.name, type: c.type, numeric: TRINO_NUMERIC.test(c.type) }));
      }
      for (const row of page.data ?? []) {
        rowCount += 1;
        if (rows.length < maxRows) rows.push(row.map((value, i) => trinoCell(value, columns[i]?.type ?? '')));
      }
      nextUri = page.nextUri;
      if (!nextUri) break;
      if (stopper.signal.aborted) return await stoppedResult();
      page = await trinoRequest(nextUri, { headers, dispatcher, signal: AbortSignal.any([stopper.signal, AbortSignal.timeout(TRINO_REQUEST_MS)]) });
    }
    return { ok: true, columns, rows, rowCount, truncated: rowCount > rows.length, queryMs: elapsed(), ...withId() };
  } catch (error) {
    if (stopper.reason) return await stoppedResult();
    return { ok: false, error: explainKafkaError(error, server), queryMs: elapsed(), ...withId() };
  } finally {
    stopper.done();
    await dispatcher?.close();
  }
}

// ---------------------------------------------------------------- both

export type EngineChoice = EngineName | 'both';

export function enginesOf(choice: EngineChoice): EngineName[] {
  return choice === 'both' ? ['warehouse', 'kafka'] : [choice];
}

export type AdHocResults = Partial<Record<EngineName, AdHocResult>>;

/** Runs a statement the gate let through on the chosen engines at once, each as its dialect needs it. */
export async function runAdHoc(endpoints: Endpoints, decision: Extract<GateDecision, { ok: true }>, choice: EngineChoice, options: AdHocOptions = {}): Promise<AdHocResults> {
  const run = (engine: EngineName) =>
    engine === 'warehouse' ? runOnWarehouse(endpoints.mysql, decision.statement.mysql, options) : runOnKafka(kafkaSqlServer(endpoints), decision.statement.trino, options);
  const engines = enginesOf(choice);
  const answers = await Promise.all(engines.map(run));
  return Object.fromEntries(engines.map((engine, i) => [engine, answers[i]])) as AdHocResults;
}
