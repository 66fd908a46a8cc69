/**
 * A second Trino server for the platform tests, as a company would run one: HTTPS only for clients
 * (a certificate signed by a private CA the test makes with openssl) and a password file
 * (PBKDF2, Trino's file authenticator). It reads the local runtime's Kafka, so both Trinos see
 * the same topic. The file authenticator's plugin is not in the tour's pruned Trino, so it is
 * unpacked once from the Trino tarball Maven already holds, into the tour's cache.
 */
import { randomBytes, pbkdf2Sync } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { cacheHome, environmentDir } from '../../src/common/paths.js';
import { pickPort } from '../../src/common/ports.js';
import { runProgram } from '../../src/common/run-program.js';
import { loadVersions } from '../../src/common/versions.js';
import { waitFor } from '../../src/common/wait.js';
import { trinoCatalogEnv, trinoJvmOptions } from '../../src/runtime/local/services.js';
import { findTools } from '../../src/runtime/local/tools.js';
import { certificates } from './test-ca.js';
import { startTestServer } from './test-server.js';

export interface SecureTrino {
  /** https://127.0.0.1:<port> */
  url: string;
  user: string;
  password: string;
  /** The private CA's certificate (PEM): what a platform file's tls.caFile names. */
  caFile: string;
  stop(): Promise<void>;
}

const PLUGIN = 'password-authenticators';

class TrinoExited extends Error {}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  await runProgram(command, args, { cwd, timeoutMs: 10 * 60_000 }, { message: `${command} ${args.join(' ')} failed.`, tryThis: 'see its output below' });
}

/** The file authenticator's plugin, unpacked once beside the tour's Trino; its shared jars are hard links into Trino's lib/, as in the tarball. */
async function passwordPlugin(trinoHome: string, version: string): Promise<string> {
  const root = join(cacheHome(), `test-trino-${version}-${PLUGIN}`);
  const plugin = join(root, `trino-server-${version}`, 'plugin', PLUGIN);
  if (existsSync(join(root, '.complete'))) return plugin;
  rmSync(root, { recursive: true, force: true });
  const lib = join(root, `trino-server-${version}`, 'lib');
  mkdirSync(lib, { recursive: true });
  for (const jar of readdirSync(join(trinoHome, 'lib'))) linkSync(join(trinoHome, 'lib', jar), join(lib, jar));
  const tarball = join(homedir(), '.m2', 'repository', 'io', 'trino', 'trino-server', version, `trino-server-${version}.tar.gz`);
  if (!existsSync(tarball)) await run('mvn', ['-B', '-q', 'dependency:get', `-Dartifact=io.trino:trino-server:${version}:tar.gz`], root);
  await run('tar', ['xzf', tarball, '-C', root, `trino-server-${version}/plugin/${PLUGIN}`], root);
  writeFileSync(join(root, '.complete'), `${new Date().toISOString()}\n`);
  return plugin;
}

/** Trino's PBKDF2 entry: iterations, then salt and hash in hex (PBKDF2WithHmacSHA1). */
function passwordLine(user: string, password: string): string {
  const iterations = 1000;
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha1');
  return `${user}:${iterations}:${salt.toString('hex')}:${hash.toString('hex')}\n`;
}

/**
 * Whether a query that reads the topic runs to its end. /v1/info stops saying "starting" before
 * the coordinator counts itself as a worker; until then a query that reads rows (unlike the
 * `LIMIT 0` probe of `up`) fails with NO_NODES_AVAILABLE.
 */
async function answersOnTheTopic(url: string, user: string, password: string, agent: Agent): Promise<boolean> {
  const headers = {
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    'x-trino-user': user,
    'x-trino-catalog': 'kafka',
    'x-trino-schema': 'default',
  };
  type Page = { nextUri?: string; error?: { message: string } };
  const read = async (response: Awaited<ReturnType<typeof fetch>>): Promise<Page> => (response.ok ? ((await response.json()) as Page) : { error: { message: `HTTP ${response.status}` } });
  let page = await read(await fetch(`${url}/v1/statement`, { method: 'POST', body: 'SELECT count(*) FROM transactions', headers, dispatcher: agent }));
  while (page.nextUri && !page.error) page = await read(await fetch(page.nextUri, { headers, dispatcher: agent }));
  if (page.error) throw new Error(page.error.message);
  return true;
}

/** Starts the server in `dir` against the Kafka at `kafkaBootstrap` and waits until it answers HTTPS with the password. */
export async function startSecureTrino(dir: string, kafkaBootstrap: string): Promise<SecureTrino> {
  const versions = loadVersions();
  const trinoHome = join(cacheHome(), `trino-${versions.trino}`);
  const tools = await findTools();
  const plugins = join(dir, 'plugin');
  mkdirSync(plugins, { recursive: true });
  symlinkSync(join(trinoHome, 'plugin', 'kafka'), join(plugins, 'kafka'));
  symlinkSync(await passwordPlugin(trinoHome, versions.trino), join(plugins, PLUGIN));
  const { caFile, keystore } = await certificates(dir);
  const user = 'analyst';
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  writeFileSync(join(dir, 'password.db'), passwordLine(user, password), { mode: 0o600 });
  writeFileSync(join(dir, 'password-authenticator.properties'), `password-authenticator.name=file\nfile.password-file=${join(dir, 'password.db')}\n`);
  const httpPort = await pickPort(41000);
  const httpsPort = await pickPort(httpPort + 1);
  writeFileSync(
    join(dir, 'config.properties'),
    [
      'coordinator=true',
      'node-scheduler.include-coordinator=true',
      `http-server.http.port=${httpPort}`,
      `discovery.uri=http://127.0.0.1:${httpPort}`,
      'http-server.https.enabled=true',
      `http-server.https.port=${httpsPort}`,
      `http-server.https.keystore.path=${keystore}`,
      'http-server.authentication.type=PASSWORD',
      `password-authenticator.config-files=${join(dir, 'password-authenticator.properties')}`,
      `internal-communication.shared-secret=${randomBytes(24).toString('base64')}`,
      'catalog.management=static',
      'query.max-memory=512MB',
      'query.max-memory-per-node=256MB',
      'http-server.log.enabled=false',
      '',
    ].join('\n'),
  );
  const server = startTestServer(
    tools.trinoJava,
    [
      ...trinoJvmOptions(),
      '-Xms192m',
      '-Dnode.environment=slowdata_secure',
      '-Dnode.id=slowdata-secure',
      '-Dnode.bind-ip=127.0.0.1',
      '-Dnode.internal-address=127.0.0.1',
      `-Dnode.data-dir=${join(dir, 'data')}`,
      `-Dconfig=${join(dir, 'config.properties')}`,
      `-Dlog.levels-file=${join(environmentDir, 'trino', 'log.properties')}`,
      `-Dcatalog.config-dir=${join(environmentDir, 'trino', 'catalog')}`,
      `-Dplugin.dir=${plugins}`,
      '-cp',
      join(trinoHome, 'lib', '*'),
      'io.trino.server.TrinoServer',
    ],
    { cwd: dir, logFile: join(dir, 'trino.log'), graceMs: 15_000, env: { ...process.env, ...trinoCatalogEnv(kafkaBootstrap) } },
  );
  const stop = () => server.stop();
  const url = `https://127.0.0.1:${httpsPort}`;
  const agent = new Agent({ connect: { ca: readFileSync(caFile, 'utf8') } });
  try {
    await waitFor(
      async () => {
        if (server.exitCode() !== null) throw new TrinoExited(`the secure Trino exited ${server.exitCode()}:\n${server.logTail()}`);
        const info = await fetch(`${url}/v1/info`, { dispatcher: agent }).then((r) => (r.ok ? (r.json() as Promise<{ starting: boolean }>) : undefined)).catch(() => undefined);
        return info && !info.starting ? answersOnTheTopic(url, user, password, agent) : undefined;
      },
      { what: 'the secure Trino to start and read the topic', timeoutMs: 240_000, intervalMs: 1000, isFatal: (error) => error instanceof TrinoExited },
    );
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await agent.close();
  }
  return { url, user, password, caFile, stop };
}
