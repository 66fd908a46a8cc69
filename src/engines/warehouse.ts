import mysql from 'mysql2/promise';
import { nodeTlsOptions } from '../common/tls.js';
import { passwordFrom, type MysqlEndpoint } from './endpoints.js';
import { measuredSql, type MeasureSpec } from './measure.js';
import { foldMeasuredRows, foldRejectRows } from './measured-rows.js';
import { WAREHOUSE_MEASURED_QUERY, WAREHOUSE_REJECTS_QUERY } from './query.js';
import { bounded, QueryStopped, type QueryBounds } from './query-bounds.js';
import { messageOf } from '../common/errors.js';
import { tlsProblem } from './tls-text.js';
import { timed } from './timed.js';
import type { EngineResult } from './types.js';

const CONNECT_TIMEOUT_MS = 3000;

export function explainWarehouseError(error: unknown, endpoint: MysqlEndpoint): string {
  const code = (error as { code?: string }).code;
  const where = `${endpoint.host}:${endpoint.port}`;
  const ours = endpoint.passwordVariable === undefined;
  if (code === 'ECONNREFUSED') return `The warehouse is not reachable: nothing answers on ${where}${ours ? ' (is the db service stopped?)' : ' (check the host and port in the platform file)'}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The warehouse is not reachable: the host ${endpoint.host} is not known`;
  if (code === 'ETIMEDOUT') return `The warehouse did not answer on ${where} within ${CONNECT_TIMEOUT_MS / 1000} s`;
  if (error instanceof QueryStopped) return `The warehouse query stopped: ${error.message}`;
  const tls = tlsProblem(code, messageOf(error), where);
  if (tls) return tls;
  if (code === 'ER_NO_SUCH_TABLE') return ours ? 'The warehouse has no transactions table yet (the pipeline has not loaded anything)' : `The warehouse has no such table: ${messageOf(error)}`;
  if (code === 'ER_BAD_FIELD_ERROR') return `The warehouse has no such column: ${messageOf(error)}`;
  if (code === 'ER_ACCESS_DENIED_ERROR') {
    return `The warehouse refused the login of user ${endpoint.user}${endpoint.passwordVariable ? ` on ${where}: check the password in $${endpoint.passwordVariable}` : ''}`;
  }
  if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_BAD_DB_ERROR') return `The warehouse refused the database ${endpoint.database}: ${messageOf(error)}`;
  if (code === 'ER_TABLEACCESS_DENIED_ERROR' || code === 'ER_COLUMNACCESS_DENIED_ERROR') return `The warehouse user ${endpoint.user} may not read it: ${messageOf(error)}`;
  return `The warehouse query failed: ${messageOf(error)}`;
}

export function openWarehouse(endpoint: MysqlEndpoint): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    password: passwordFrom(endpoint.passwordVariable, endpoint.password),
    database: endpoint.database,
    ...(endpoint.tls ? { ssl: nodeTlsOptions(endpoint.tls) } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    supportBigNumbers: true,
    decimalNumbers: true,
  });
}

/**
 * Runs one read-only statement and returns its rows as arrays. Past the deadline, or when the
 * signal aborts, the statement is killed on the server (KILL QUERY from a second connection).
 */
export async function runWarehouseQuery(endpoint: MysqlEndpoint, sql: string, bounds?: QueryBounds): Promise<unknown[][]> {
  const connection = await openWarehouse(endpoint);
  const kill = async () => {
    const killer = await openWarehouse(endpoint);
    try {
      await killer.query(`KILL QUERY ${Number(connection.threadId)}`);
    } finally {
      await killer.end().catch(() => killer.destroy());
    }
  };
  try {
    const [rows] = await bounded(bounds, connection.query<mysql.RowDataPacket[]>({ sql, rowsAsArray: true }), kill);
    return rows as unknown as unknown[][];
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/**
 * The seed's query on the warehouse, with the count and newest event time of what it holds;
 * or, given a measure (your platform), the same shape on the table and columns it names.
 */
export async function queryWarehouse(endpoint: MysqlEndpoint, measure?: MeasureSpec, bounds?: QueryBounds): Promise<EngineResult> {
  const sql = measure ? measuredSql('mysql', measure) : WAREHOUSE_MEASURED_QUERY;
  return timed(
    async () => {
      if (measure) return foldMeasuredRows(await runWarehouseQuery(endpoint, sql, bounds));
      // The tour's own warehouse also says what its pipeline set aside, by reason.
      const [rows, rejects] = await Promise.all([runWarehouseQuery(endpoint, sql, bounds), runWarehouseQuery(endpoint, WAREHOUSE_REJECTS_QUERY, bounds)]);
      return { ...foldMeasuredRows(rows), rejected: foldRejectRows(rejects) };
    },
    (error) => explainWarehouseError(error, endpoint),
  );
}
