import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll } from 'vitest';
import { cacheHome } from '../../src/common/paths.js';
import { pickPort } from '../../src/common/ports.js';
import { waitFor } from '../../src/common/wait.js';
import { initialiseDataDir, provisionWarehouse, rootAnswers, serverArgs } from '../../src/runtime/local/database.js';
import { launch, terminate, type Launched } from '../../src/runtime/local/processes.js';
import { findDatabaseServer } from '../../src/runtime/local/tools.js';
import type { MysqlEndpoint } from '../../src/engines/endpoints.js';

/** A MySQL-compatible server of the test's own, on a free port and a temporary data directory. */
export interface OwnMysql {
  endpoint: MysqlEndpoint;
  connect(): Promise<mysql.Connection>;
  stop(): Promise<void>;
}

export async function startOwnMysql(): Promise<OwnMysql> {
  const server = await findDatabaseServer();
  const dir = mkdtempSync(join(tmpdir(), 'slowdata-db-'));
  const dataDir = join(dir, 'data');
  const socket = join(dir, 'sock');
  await initialiseDataDir(server, dataDir, cacheHome());
  const port = await pickPort(13306);
  const launched: Launched = launch({ command: server.server, args: serverArgs(server, dataDir, socket, port, join(dir, 'server.log')), env: {}, logFile: join(dir, 'server.log') });
  await waitFor(() => rootAnswers(socket), { what: 'the test database server', timeoutMs: 60_000 });
  const endpoint: MysqlEndpoint = { host: '127.0.0.1', port, user: 'slowdata', password: 'test-password-1', database: 'warehouse' };
  await provisionWarehouse(socket, endpoint);
  return {
    endpoint,
    connect: () => mysql.createConnection({ ...endpoint, decimalNumbers: true }),
    async stop() {
      await terminate(launched.pid, launched, 10_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A server of the test file's own and one connection to it, started before the file's tests and
 * stopped after them. Read `db` and `connection` inside tests and hooks, once they exist.
 */
export function useOwnMysql(): { readonly db: OwnMysql; readonly connection: mysql.Connection } {
  const suite = {} as { db: OwnMysql; connection: mysql.Connection };
  beforeAll(async () => {
    suite.db = await startOwnMysql();
    suite.connection = await suite.db.connect();
  });
  afterAll(async () => {
    await suite.connection?.end();
    await suite.db?.stop();
  });
  return suite;
}
