import mysql from 'mysql2/promise';
import type { MysqlEndpoint } from '../runtime/types.js';
import { roundCents, WAREHOUSE_STORES_QUERY, WAREHOUSE_TOTALS_QUERY } from './query.js';
import { messageOf, timed, toNullableNumber, toNumber } from './timed.js';
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

/** The seed's query on the warehouse, plus the count and newest event time it holds. */
export async function queryWarehouse(endpoint: MysqlEndpoint): Promise<EngineResult> {
  return timed(
    async () => {
      const connection = await openWarehouse(endpoint);
      try {
        const [storeRows] = await connection.query<mysql.RowDataPacket[]>({ sql: WAREHOUSE_STORES_QUERY, rowsAsArray: true });
        const [totalRows] = await connection.query<mysql.RowDataPacket[]>({ sql: WAREHOUSE_TOTALS_QUERY, rowsAsArray: true });
        const stores = storeRows.map((r) => ({ storeid: String(r[0]), total: roundCents(toNumber(r[1])) }));
        const totals = totalRows[0] ?? [0, null];
        return {
          ok: true as const,
          stores,
          count: toNumber(totals[0]),
          total: roundCents(stores.reduce((sum, s) => sum + s.total, 0)),
          maxEventTime: toNullableNumber(totals[1]),
        };
      } finally {
        await connection.end().catch(() => connection.destroy());
      }
    },
    (error) => explainWarehouseError(error, endpoint),
  );
}
