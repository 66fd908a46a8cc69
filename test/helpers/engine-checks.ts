/**
 * Long queries, and what the engines' own servers say about the queries they run: how the e2e
 * tests check that a cancelled query was stopped on the server, not only given up by the client.
 */
import mysql from 'mysql2/promise';
import { waitFor } from '../../src/common/wait.js';
import type { Endpoints } from '../../src/engines/endpoints.js';

/** A query Trino cannot finish in minutes: a cross join of three sequences of 10 000 (10^12 rows). */
export const ENDLESS_ON_TRINO =
  'SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y) CROSS JOIN UNNEST(sequence(1, 10000)) c(z)';

/** A query the warehouse takes two minutes over (and Trino rejects: it has no SLEEP). */
export const SLOW_ON_MYSQL = 'SELECT SLEEP(120)';

const TRINO_HEADERS = { 'X-Trino-User': 'slowdata-tour' };

/** What Trino's coordinator says about one query: its state and, when it failed, why. */
export async function trinoQueryInfo(server: string, id: string): Promise<{ state: string; errorCode?: { name: string } }> {
  const response = await fetch(`${server}/v1/query/${id}`, { headers: TRINO_HEADERS });
  return (await response.json()) as { state: string; errorCode?: { name: string } };
}

/** Every query Trino's coordinator still remembers whose text contains `text`, with its id and state. */
export async function trinoQueriesContaining(server: string, text: string): Promise<Array<{ queryId: string; state: string; query: string }>> {
  const response = await fetch(`${server}/v1/query`, { headers: TRINO_HEADERS });
  const queries = (await response.json()) as Array<{ queryId: string; state: string; query: string }>;
  return queries.filter((q) => q.query.includes(text));
}

/** Waits until Trino runs a query whose text contains `text`, and returns its id. */
export async function waitForTrinoToRun(server: string, text: string, timeoutMs = 60_000): Promise<string> {
  return waitFor(
    async () => (await trinoQueriesContaining(server, text)).find((q) => q.state === 'RUNNING')?.queryId,
    { what: `Trino to run the query containing ${text}`, timeoutMs, intervalMs: 200 },
  );
}

/** Waits until Trino reports the query FAILED (as a cancelled one ends), and returns what it says. */
export async function waitForTrinoToFail(server: string, id: string, timeoutMs = 15_000): Promise<{ state: string; errorCode?: { name: string } }> {
  return waitFor(
    async () => {
      const info = await trinoQueryInfo(server, id);
      return info.state === 'FAILED' ? info : undefined;
    },
    { what: `Trino to show query ${id} failed`, timeoutMs, intervalMs: 300 },
  );
}

/** How many statements the warehouse is executing now whose text starts with `prefix` (SHOW PROCESSLIST's Info). */
export async function mysqlStatementsStartingWith(endpoint: Endpoints['mysql'], prefix: string): Promise<number> {
  const connection = await mysql.createConnection(endpoint);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT count(*) AS n FROM information_schema.processlist WHERE LEFT(info, CHAR_LENGTH(?)) = ?',
      [prefix, prefix],
    );
    return Number(rows[0]?.n);
  } finally {
    await connection.end();
  }
}
