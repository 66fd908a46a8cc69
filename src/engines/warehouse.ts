import mysql from 'mysql2/promise';
import type { MysqlEndpoint } from './endpoints.js';
import { foldMeasuredRows, foldRejectRows } from './measured-rows.js';
import { WAREHOUSE_MEASURED_QUERY, WAREHOUSE_REJECTS_QUERY } from './query.js';
import { messageOf } from '../common/errors.js';
import { timed } from './timed.js';
import type { EngineResult } from './types.js';

const CONNECT_TIMEOUT_MS = 3000;

export function explainWarehouseError(error: unknown, endpoint: MysqlEndpoint): string {
  const code = (error as { code?: string }).code;
  const where = `${endpoint.host}:${endpoint.port}`;
  if (code === 'ECONNREFUSED') return `The warehouse is not reachable: nothing answers on ${where} (is the db service stopped?)`;
  if (code === 'ETIMEDOUT') return `The warehouse did not answer on ${where} within ${CONNECT_TIMEOUT_MS / 1000} s`;
  if (code === 'ER_NO_SUCH_TABLE') return 'The warehouse has no transactions table yet (the pipeline has not loaded anything)';
  if (code === 'ER_ACCESS_DENIED_ERROR') return `The warehouse refused the login of user ${endpoint.user}`;
  return `The warehouse query failed: ${messageOf(error)}`;
}

export function openWarehouse(endpoint: MysqlEndpoint): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    password: endpoint.password,
    database: endpoint.database,
    connectTimeout: CONNECT_TIMEOUT_MS,
    supportBigNumbers: true,
    decimalNumbers: true,
  });
}

/** The seed's query on the warehouse, with the count and newest event time of what it holds. */
export async function queryWarehouse(endpoint: MysqlEndpoint): Promise<EngineResult> {
  return timed(
    async () => {
      const connection = await openWarehouse(endpoint);
      try {
        const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql: WAREHOUSE_MEASURED_QUERY, rowsAsArray: true });
        const [rejects] = await connection.query<mysql.RowDataPacket[]>({ sql: WAREHOUSE_REJECTS_QUERY, rowsAsArray: true });
        return { ...foldMeasuredRows(rows as unknown as unknown[][]), rejected: foldRejectRows(rejects as unknown as unknown[][]) };
      } finally {
        await connection.end().catch(() => connection.destroy());
      }
    },
    (error) => explainWarehouseError(error, endpoint),
  );
}
