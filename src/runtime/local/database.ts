import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../../common/run-program.js';
import { applySchema } from '../../services/warehouse-schema.js';
import type { MysqlEndpoint } from '../../engines/endpoints.js';
import { dataDirTemplate, fillFromTemplate } from './data-dir-template.js';
import { programIdentity } from './program-identity.js';
import type { DatabaseServer } from './tools.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Written once the data directory is fully initialised: without it, an initialisation was interrupted. */
const INITIALISED = 'slowdata-initialised';

/**
 * Creates the data directory of the tour's own server, once. An initialisation that was
 * interrupted (the up stopped, killed or timed out meanwhile) leaves no marker: its half-made
 * system tables would deny root its login, so the folder is emptied and initialised again.
 */
export async function initialiseDataDir(server: DatabaseServer, dataDir: string, cacheDir: string): Promise<void> {
  if (existsSync(join(dataDir, INITIALISED))) return;
  mkdirSync(dataDir, { recursive: true });
  for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
  const user = isRoot ? ['--user=root'] : [];
  const [command, args] =
    server.flavour === 'mariadb' && server.installer
      ? [server.installer, ['--no-defaults', '--auth-root-authentication-method=normal', '--skip-test-db', ...user]]
      : [server.server, ['--no-defaults', '--initialize-insecure', ...user]];
  const template = dataDirTemplate(cacheDir, `db-${server.flavour}`, [programIdentity(server.server), programIdentity(command), ...args]);
  await fillFromTemplate(template, dataDir, async () => {
    await runProgram(command, [...args, `--datadir=${dataDir}`], { timeoutMs: 120_000 }, {
      message: `Could not initialise the warehouse's data directory ${dataDir}.`,
      tryThis: 'check the disk has space and the folder is writable, then run "slowdata-tour down" and "slowdata-tour up"',
    });
  }, { leaveOut: ownedByOneServer });
  writeFileSync(join(dataDir, INITIALISED), `${new Date().toISOString()}\n`);
}

/** MySQL writes its server UUID and TLS keys at initialisation; each environment makes its own at first start. */
const ownedByOneServer = (name: string) => name === 'auto.cnf' || name.endsWith('.pem');

/** The server's own error log goes to the service log, so its start and shutdown lines show up in `logs db`. */
export function serverArgs(server: DatabaseServer, dataDir: string, socket: string, port: number, logFile: string): string[] {
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${socket}`,
    `--pid-file=${join(dataDir, 'mysqld.pid')}`,
    `--log-error=${logFile}`,
    '--innodb-buffer-pool-size=64M',
  ];
  if (server.flavour === 'mysql') args.push('--mysqlx=OFF');
  if (isRoot) args.push('--user=root');
  return args;
}

/** Root on the socket answers: the server is up, though the warehouse user may not exist yet. */
export async function rootAnswers(socket: string): Promise<boolean> {
  const { default: mysql } = await import('mysql2/promise');
  const connection = await mysql.createConnection({ socketPath: socket, user: 'root', connectTimeout: 2000 });
  await connection.end();
  return true;
}

/** The warehouse database, its user (password set every start, so a changed one applies) and its schema. */
export async function provisionWarehouse(socket: string, endpoint: MysqlEndpoint): Promise<void> {
  const { default: mysql } = await import('mysql2/promise');
  const connection = await mysql.createConnection({ socketPath: socket, user: 'root', connectTimeout: 5000 });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${endpoint.database}\``);
    for (const host of ['127.0.0.1', 'localhost']) {
      await connection.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [endpoint.user, host, endpoint.password]);
      await connection.query('ALTER USER ?@? IDENTIFIED BY ?', [endpoint.user, host, endpoint.password]);
      await connection.query(`GRANT ALL PRIVILEGES ON \`${endpoint.database}\`.* TO ?@?`, [endpoint.user, host]);
    }
    await connection.query(`USE \`${endpoint.database}\``);
    await applySchema(connection);
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}
