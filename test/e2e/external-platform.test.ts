/**
 * Your own platform: the local runtime, started separately in a home of its own, stands in as
 * someone else's Kafka, Trino and warehouse. The tour and `compare` reach it only through a
 * platform file, as a warehouse user that can only SELECT, with a password from an environment
 * variable; their numbers must agree with what the local runtime itself reports.
 *
 * With --produce, the tour's generator writes to the platform's Kafka (the local runtime's own
 * generator stopped) and the platform's Trino counts what it wrote.
 *
 * Trino behind HTTPS with a password is a second Trino server on the same Kafka (test/helpers/
 * secure-trino.ts): a certificate from a private CA, a password file, and HTTPS only for clients.
 * Kafka behind SASL and TLS, for --produce, is a second broker (test/helpers/secure-kafka.ts).
 * Needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickPort } from '../../src/common/ports.js';
import { waitFor } from '../../src/common/wait.js';
import type { Endpoints } from '../../src/engines/endpoints.js';
import { KAFKA_DECODED_VALID_RECORD } from '../../src/engines/query.js';
import type { Comparison } from '../../src/engines/types.js';
import { LocalLayout } from '../../src/runtime/local/layout.js';
import { StateStore } from '../../src/runtime/state.js';
import { cliJson, runCli } from '../helpers/cli.js';
import { startSecureKafka, type SecureKafka } from '../helpers/secure-kafka.js';
import { startSecureTrino, type SecureTrino } from '../helpers/secure-trino.js';

const home = mkdtempSync(join(tmpdir(), 'slowdata-e2e-platform-'));
/** The person using --platform has a state home of their own, which the platform never touches. */
const userHome = mkdtempSync(join(tmpdir(), 'slowdata-e2e-user-'));
const files = mkdtempSync(join(tmpdir(), 'slowdata-e2e-platform-files-'));
const localEnv = { SLOWDATA_HOME: home };
const READER = 'reader';
const READER_PASSWORD = 'Read-only-password-123';
const userEnv = { SLOWDATA_HOME: userHome, READER_PW: READER_PASSWORD, NO_COLOR: '1' };

let endpoints: Endpoints;

interface PlatformOptions {
  warehousePort?: number;
  warehouseTls?: boolean;
  trinoUrl?: string;
  /** Login and TLS lines for sqlOnKafka, as YAML under it (the user line replaces the default). */
  trinoLogin?: { user: string; passwordEnv?: string; tls?: string };
  warehouseTable?: string;
  kafkaValue?: string;
  warehouseEventTime?: { column: string; kind: 'epoch-ms' | 'timestamp' };
  dropField?: boolean;
  /** The optional Kafka bootstrap and topic, for the opt-in generator (--produce). */
  kafka?: boolean;
  /** The whole kafka field as YAML, instead of the local runtime's Kafka. */
  kafkaYaml?: string;
}

function platformFile(name: string, options: PlatformOptions = {}): string {
  const eventTime = options.warehouseEventTime ?? { column: 'eventtime', kind: 'epoch-ms' };
  const text = `# Someone else's platform, as its owner would describe it.
sqlOnKafka:
  url: ${options.trinoUrl ?? endpoints.trino}
  user: ${options.trinoLogin?.user ?? 'analyst'}
${options.trinoLogin?.passwordEnv ? `  passwordEnv: ${options.trinoLogin.passwordEnv}\n` : ''}${options.trinoLogin?.tls ? `  tls: ${options.trinoLogin.tls}\n` : ''}  catalog: kafka
  schema: default
  sessionProperties:
    query_max_run_time: 1m
  measure:
    table: transactions
    key: storeid
    value: ${options.kafkaValue ?? 'amount'}
    eventTime: eventtime
    eventTimeKind: epoch-ms
    filter: "${KAFKA_DECODED_VALID_RECORD}"
warehouse:
  host: 127.0.0.1
  port: ${options.warehousePort ?? endpoints.mysql.port}
  user: ${READER}
  passwordEnv: READER_PW
${options.dropField ? '' : '  database: warehouse\n'}${options.warehouseTls ? '  tls: {}\n' : ''}  measure:
    table: ${options.warehouseTable ?? 'transactions'}
    key: storeid
    value: amount
    eventTime: ${eventTime.column}
    eventTimeKind: ${eventTime.kind}
${options.kafkaYaml ?? (options.kafka ? `kafka:\n  bootstrap: ${endpoints.kafka}\n  topic: transactions\n` : '')}`;
  const file = join(files, name);
  writeFileSync(file, text);
  return file;
}

const localCompare = () => cliJson<Comparison>(['compare'], localEnv);

describe('the same comparison on your own platform (the local runtime standing in)', () => {
  let platform: string;

  beforeAll(async () => {
    const up = await runCli(['up', '--runtime', 'local', '--interval', '5', '--rate', '4'], localEnv, 20 * 60_000);
    if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
    endpoints = (await cliJson<{ endpoints: Endpoints }>(['status'], localEnv)).endpoints;
    // A warehouse user that can only read, created as root on the local server's socket.
    const root = await mysql.createConnection({ socketPath: new LocalLayout(new StateStore(home)).dbSocket, user: 'root' });
    for (const host of ['127.0.0.1', 'localhost']) {
      await root.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [READER, host, READER_PASSWORD]);
      await root.query('GRANT SELECT ON `warehouse`.* TO ?@?', [READER, host]);
    }
    // The same data with its event time as a TIMESTAMP, as many warehouses keep it.
    await root.query('CREATE OR REPLACE VIEW warehouse.transactions_ts AS SELECT storeid, amount, FROM_UNIXTIME(eventtime / 1000) AS happened FROM warehouse.transactions');
    await root.end();
    platform = platformFile('platform.yaml');
  });

  afterAll(async () => {
    // Whatever happened, the generator --produce started is stopped before the platform goes.
    if (existsSync(join(files, 'produce.yaml'))) await runCli(['down', '--platform', join(files, 'produce.yaml')], userEnv);
    await runCli(['down'], localEnv);
    rmSync(files, { recursive: true, force: true });
    rmSync(userHome, { recursive: true, force: true });
  });

  it('up checks every endpoint read-only; status shows them with the password variable, never the password', async () => {
    const up = await runCli(['up', '--platform', platform], userEnv);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`✓ the warehouse at 127.0.0.1:${endpoints.mysql.port} answers; its table and columns are there.`);
    expect(up.stdout).toContain(`✓ SQL on Kafka at ${endpoints.trino} answers; its table and columns are there.`);
    const status = await runCli(['status', '--platform', platform], userEnv);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Runtime: external/);
    expect(status.stdout).toContain('password from $READER_PW');
    expect(status.stdout + status.stderr).not.toContain(READER_PASSWORD);
    const json = await runCli(['status', '--platform', platform, '--json'], userEnv);
    expect(json.stdout).not.toContain(READER_PASSWORD);
    expect(JSON.parse(json.stdout).endpoints.mysql).toMatchObject({ user: READER, passwordVariable: 'READER_PW', password: '' });
    // Nothing of the platform lands in the user's state home, and it refuses to change the platform.
    const stop = await runCli(['stop', 'db', '--platform', platform], userEnv);
    expect(stop.code).toBe(1);
    expect(stop.stderr).toMatch(/never changes your platform/);
    expect(existsSync(join(userHome, 'state.json'))).toBe(false);
  });

  it('the reader really can only read', async () => {
    const reader = await mysql.createConnection({ host: '127.0.0.1', port: endpoints.mysql.port, user: READER, password: READER_PASSWORD, database: 'warehouse' });
    await expect(reader.query("INSERT INTO rejects (source, position, line, reason, rejectedat) VALUES ('x', 1, 'x', 'x', 1)")).rejects.toThrow(/denied/i);
    await reader.end();
  });

  it('compare --json through the platform file agrees with the local runtime to the cent', async () => {
    // The generator picks one of 10 stores at random for each record: at 4 records a second, a few
    // seconds after up one store may have none yet. Every store has some before it stops.
    await waitFor(async () => ((await localCompare()).stores.filter((s) => s.kafka !== null).length === 10 ? true : undefined), {
      what: 'a record of every store on the topic',
      timeoutMs: 60_000,
      intervalMs: 1000,
    });
    expect((await runCli(['stop', 'generator'], localEnv)).code).toBe(0);
    const settled = await waitFor(
      async () => {
        const c = await localCompare();
        return c.engines.warehouse.ok && c.engines.kafka.ok && c.engines.warehouse.count === c.engines.kafka.count && c.stores.every((s) => s.delta === 0) ? c : undefined;
      },
      { what: 'the warehouse to catch up with Kafka', timeoutMs: 60_000, intervalMs: 1000 },
    );
    const theirs = await cliJson<Comparison>(['compare', '--platform', platform], userEnv);
    for (const engine of ['warehouse', 'kafka'] as const) {
      expect(theirs.engines[engine], theirs.engines[engine].error ?? undefined).toMatchObject({ ok: true, count: settled.engines[engine].count, total: settled.engines[engine].total, maxEventTime: settled.engines[engine].maxEventTime });
    }
    expect(theirs.stores).toEqual(settled.stores);
    expect(theirs.stores.length).toBe(10);

    // Your own query goes through the file's user, catalog and schema and agrees with the local runtime.
    const sql = 'SELECT count(*) AS n FROM transactions';
    const asked = await runCli(['query', sql, '--platform', platform, '--json'], userEnv);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).not.toContain(READER_PASSWORD);
    const answers = JSON.parse(asked.stdout) as { engines: Record<'warehouse' | 'kafka', { ok: boolean; rows: unknown[][] }> };
    expect(Number(answers.engines.warehouse.rows[0]?.[0])).toBe(settled.engines.warehouse.count);
    expect(answers.engines.kafka.ok).toBe(true);
    expect(Number(answers.engines.kafka.rows[0]?.[0])).toBeGreaterThanOrEqual(settled.engines.kafka.count!);
    // verify cannot reconcile arbitrary tables by eventId, and says so in one sentence.
    const verify = await runCli(['verify', '--platform', platform], userEnv);
    expect(verify.code).toBe(1);
    expect(verify.stderr.split('\n')[0]).toMatch(/^verify does not run on your own platform yet: it reconciles record by record by eventId/);

    // A TIMESTAMP event time gives the same freshness (to the second FROM_UNIXTIME keeps).
    const timestamped = platformFile('timestamp.yaml', { warehouseTable: 'transactions_ts', warehouseEventTime: { column: 'happened', kind: 'timestamp' } });
    const viaTimestamp = await cliJson<Comparison>(['compare', '--platform', timestamped], userEnv);
    expect(viaTimestamp.engines.warehouse.total).toBe(settled.engines.warehouse.total);
    expect(Math.abs(viaTimestamp.engines.warehouse.maxEventTime! - settled.engines.warehouse.maxEventTime!)).toBeLessThan(1000);
  });

  it('the tour runs on the platform: its numbers are the platform\'s, and the steps that stop or start services are skipped with the reason', async () => {
    const run = await runCli(['--yes', '--json', '--platform', platform], userEnv, 5 * 60_000);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; steps: Array<{ number: number; ok: boolean; outcome?: { kind: string; reason?: string; result?: { count: number; total: number } }; samples?: Comparison[] }> };
    expect(report.ok).toBe(true);
    const byNumber = new Map(report.steps.map((s) => [s.number, s]));
    const local = await localCompare();
    expect(byNumber.get(3)?.outcome?.result).toMatchObject({ count: local.engines.warehouse.count, total: local.engines.warehouse.total });
    expect(byNumber.get(4)?.outcome?.result).toMatchObject({ count: local.engines.kafka.count, total: local.engines.kafka.total });
    expect(byNumber.get(5)?.samples?.at(-1)?.stores).toEqual(local.stores);
    expect(byNumber.get(7)?.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/does not write test records to your topics/) });
    for (const number of [8, 9]) expect(byNumber.get(number)?.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/does not stop or start services on your platform/) });
    expect(byNumber.get(10)?.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/nothing to remove/) });
    // The platform is still there and unchanged: the local runtime's services all still run.
    const status = await cliJson<{ services: Array<{ name: string; state: string }> }>(['status'], localEnv);
    expect(status.services.filter((s) => s.name !== 'generator').every((s) => s.state === 'running')).toBe(true);
    expect(readdirSync(userHome).filter((f) => f !== 'tour-progress.json')).toEqual([]);
  });

  it('--produce runs the generator against the file\'s Kafka, only when asked; the platform\'s Trino counts what it wrote; stop and down stop only it', async () => {
    const localGenerator = async () => (await cliJson<{ services: Array<{ name: string; state: string }> }>(['status'], localEnv)).services.find((s) => s.name === 'generator')?.state;
    const ours = async (file: string) => (await cliJson<{ services: Array<{ name: string; state: string; detail?: string }> }>(['status', '--platform', file], userEnv)).services.find((s) => s.name === 'generator');
    const kafkaCount = async (file: string) => (await cliJson<Comparison>(['compare', '--platform', file], userEnv)).engines.kafka.count ?? 0;
    expect(await localGenerator()).toBe('stopped');

    const refused = await runCli(['up', '--platform', platform, '--produce'], userEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(`--produce needs the field "kafka" (bootstrap and topic) in the platform file ${platform}; without it nothing is written to your platform.`);
    const producing = platformFile('produce.yaml', { kafka: true });
    const before = await kafkaCount(producing);
    const checkedOnly = await runCli(['up', '--platform', producing], userEnv);
    expect(checkedOnly.code, checkedOnly.stderr).toBe(0);
    expect(await ours(producing)).toBeUndefined();

    const up = await runCli(['up', '--platform', producing, '--produce', '--rate', '20'], userEnv);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/The generator produces to transactions at 127\.0\.0\.1:\d+, 20 records\/s/);
    expect(await ours(producing)).toMatchObject({ state: 'running', detail: expect.stringMatching(/started by the tour \(--produce\)/) });
    const grown = await waitFor(async () => {
      const now = await kafkaCount(producing);
      return now >= before + 40 ? now : undefined;
    }, { what: 'the platform\'s Trino to count the produced records', timeoutMs: 60_000, intervalMs: 1000 });
    expect(grown).toBeGreaterThanOrEqual(before + 40);
    // The platform's own generator was left alone.
    expect(await localGenerator()).toBe('stopped');

    const stop = await runCli(['stop', 'generator', '--platform', producing], userEnv);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain('Stopped the generator the tour started on your platform; nothing else there was touched.');
    expect(await ours(producing)).toBeUndefined();
    const stopped = await kafkaCount(producing);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await kafkaCount(producing)).toBe(stopped);

    expect((await runCli(['up', '--platform', producing, '--produce'], userEnv)).code).toBe(0);
    const down = await runCli(['down', '--platform', producing], userEnv);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain('Stopped the generator the tour started on your platform');
    expect(await ours(producing)).toBeUndefined();
    const status = await cliJson<{ services: Array<{ name: string; state: string }> }>(['status'], localEnv);
    expect(status.services.filter((s) => s.name !== 'generator').every((s) => s.state === 'running')).toBe(true);
  }, 4 * 60_000);

  it('each broken endpoint or file gives one clear sentence', async () => {
    const up = async (file: string, env: NodeJS.ProcessEnv = userEnv) => {
      const run = await runCli(['up', '--platform', file], env);
      expect(run.code).toBe(1);
      return run.stderr.split('\n')[0] ?? '';
    };
    const freePort = await pickPort(40000);
    expect(await up(platformFile('wrong-port.yaml', { warehousePort: freePort }))).toBe(`The warehouse is not reachable: nothing answers on 127.0.0.1:${freePort} (check the host and port in the platform file).`);
    expect(await up(platform, { ...userEnv, READER_PW: 'not-the-password' })).toBe(`The warehouse refused the login of user ${READER} on 127.0.0.1:${endpoints.mysql.port}: check the password in $READER_PW.`);
    expect(await up(platformFile('missing-table.yaml', { warehouseTable: 'no_such_table' }))).toMatch(/^The warehouse has no such table: Table 'warehouse\.no_such_table' doesn't exist\.$/);
    expect(await up(platformFile('missing-column.yaml', { kafkaValue: 'no_such_column' }))).toMatch(/^SQL on Kafka has no such column: .*no_such_column.* cannot be resolved\.$/);
    expect(await up(platformFile('warehouse-tls.yaml', { warehouseTls: true }))).toBe(`TLS mismatch on 127.0.0.1:${endpoints.mysql.port}: TLS is on in the platform file, but the server does not support TLS.`);
    const httpsUrl = endpoints.trino.replace('http://', 'https://');
    expect(await up(platformFile('trino-tls.yaml', { trinoUrl: httpsUrl }))).toBe(`TLS mismatch on ${httpsUrl}: TLS is on in the platform file, but the server does not speak TLS on that port.`);
    expect(await up(platformFile('missing-field.yaml', { dropField: true }))).toBe('Platform file missing-field.yaml: field "warehouse.database" is missing (expected a database name (text)).');
    expect(await up(platform, { SLOWDATA_HOME: userHome, READER_PW: undefined })).toBe('Platform file platform.yaml: field "warehouse.passwordEnv" names the environment variable READER_PW, and it is not set.');
  });

  describe('Trino behind HTTPS with a password (a second Trino on the same Kafka)', () => {
    const secureDir = mkdtempSync(join(tmpdir(), 'slowdata-e2e-secure-trino-'));
    let secure: SecureTrino;
    let secureEnv: NodeJS.ProcessEnv;
    const file = (name: string, tls: string, user = secure.user) => platformFile(name, { trinoUrl: secure.url, trinoLogin: { user, passwordEnv: 'TRINO_PW', tls } });
    const firstLine = (text: string) => text.split('\n')[0] ?? '';

    beforeAll(async () => {
      // Both Trinos count the same topic: nothing may write to it while they are compared.
      expect((await runCli(['stop', 'generator'], localEnv)).code).toBe(0);
      secure = await startSecureTrino(secureDir, endpoints.kafka);
      secureEnv = { ...userEnv, TRINO_PW: secure.password };
    }, 6 * 60_000);

    afterAll(async () => {
      await secure?.stop();
      rmSync(secureDir, { recursive: true, force: true });
    });

    it('up, compare and your own query log in over HTTPS, trusting the file\'s CA, and agree with the plain platform; the password never shows', async () => {
      const trusted = file('secure.yaml', `{ caFile: ${secure.caFile} }`);
      const up = await runCli(['up', '--platform', trusted], secureEnv);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toContain(`✓ SQL on Kafka at ${secure.url} answers; its table and columns are there.`);
      const plain = await cliJson<Comparison>(['compare', '--platform', platform], userEnv);
      const overHttps = await cliJson<Comparison>(['compare', '--platform', trusted], secureEnv);
      expect(overHttps.engines.kafka, overHttps.engines.kafka.error ?? undefined).toMatchObject({ ok: true, count: plain.engines.kafka.count, total: plain.engines.kafka.total, maxEventTime: plain.engines.kafka.maxEventTime });
      expect(overHttps.stores).toEqual(plain.stores);

      const asked = await runCli(['query', 'SELECT count(*) AS n FROM transactions', '--platform', trusted, '--engine', 'kafka', '--json'], secureEnv);
      expect(asked.code, asked.stderr).toBe(0);
      const answer = JSON.parse(asked.stdout) as { engines: { kafka: { ok: boolean; rows: unknown[][] } } };
      expect(answer.engines.kafka.ok).toBe(true);
      expect(Number(answer.engines.kafka.rows[0]?.[0])).toBeGreaterThanOrEqual(plain.engines.kafka.count!);
      for (const run of [up, asked]) expect(run.stdout + run.stderr).not.toContain(secure.password);
    });

    it('a wrong password, an untrusted certificate and verification turned off each say what they mean, in up and in your own query', async () => {
      const trusted = file('secure.yaml', `{ caFile: ${secure.caFile} }`);
      const query = (path: string, env: NodeJS.ProcessEnv) => runCli(['query', 'SELECT 1', '--platform', path, '--engine', 'kafka'], env);
      const ENGINE_FAILED = 2;
      /** up refuses with the sentence as its first line; your own query fails on that engine with the same sentence. */
      const bothSay = async (path: string, env: NodeJS.ProcessEnv, sentence: string) => {
        const up = await runCli(['up', '--platform', path], env);
        expect(up.code).toBe(1);
        expect(firstLine(up.stderr)).toBe(`${sentence}.`);
        const asked = await query(path, env);
        expect(asked.code).toBe(ENGINE_FAILED);
        expect(asked.stdout + asked.stderr).toContain(sentence);
        return [up, asked];
      };

      const wrongPassword = await bothSay(trusted, { ...secureEnv, TRINO_PW: 'not-the-password' }, `SQL on Kafka refused the login of user ${secure.user} on ${secure.url} (HTTP 401): check the password in $TRINO_PW`);
      const untrusted = await bothSay(
        file('untrusted.yaml', '{}'),
        secureEnv,
        `TLS mismatch on ${secure.url}: the server's certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); give its CA file in tls.caFile`,
      );

      const unchecked = file('unchecked.yaml', '{ verify: false }');
      const warning = 'Warning: TLS verification is off for SQL on Kafka (unchecked.yaml)';
      const upUnchecked = await runCli(['up', '--platform', unchecked], secureEnv);
      expect(upUnchecked.code, upUnchecked.stderr).toBe(0);
      expect(upUnchecked.stderr).toContain(warning);
      const askedUnchecked = await query(unchecked, secureEnv);
      expect(askedUnchecked.code, askedUnchecked.stderr).toBe(0);
      expect(askedUnchecked.stderr).toContain(warning);
      expect(askedUnchecked.stdout).toMatch(/\b1\b/);
      for (const run of [...wrongPassword, ...untrusted, upUnchecked, askedUnchecked]) expect(run.stdout + run.stderr).not.toContain(secure.password);
    });
  });

  describe('--produce to a Kafka behind SASL and TLS (a second broker)', () => {
    const kafkaDir = mkdtempSync(join(tmpdir(), 'slowdata-e2e-secure-kafka-'));
    let broker: SecureKafka;
    const names = ['sasl.yaml', 'sasl-untrusted.yaml'];
    const file = (name: string, tls: string) =>
      platformFile(name, { kafkaYaml: `kafka:\n  bootstrap: ${broker.bootstrap}\n  topic: transactions\n  sasl: { mechanism: PLAIN, user: ${broker.user}, passwordEnv: KAFKA_PW }\n  tls: ${tls}\n` });
    const generatorPid = () => (JSON.parse(readFileSync(join(userHome, 'platform-generator', 'generator.json'), 'utf8')) as { pid: number }).pid;

    beforeAll(async () => {
      broker = await startSecureKafka(kafkaDir);
      await broker.createTopic('transactions');
    }, 4 * 60_000);

    afterAll(async () => {
      for (const name of names) if (existsSync(join(files, name))) await runCli(['down', '--platform', join(files, name)], { ...userEnv, KAFKA_PW: broker?.password });
      await broker?.stop();
      rmSync(kafkaDir, { recursive: true, force: true });
    });

    it('the generator logs in with the file\'s user and the password from its variable, over TLS trusting the file\'s CA; the records arrive; the password is on no command line', async () => {
      const env = { ...userEnv, KAFKA_PW: broker.password };
      const producing = file('sasl.yaml', `{ caFile: ${broker.caFile} }`);
      const up = await runCli(['up', '--platform', producing, '--produce', '--rate', '20'], env);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toContain(`The generator produces to transactions at ${broker.bootstrap}, 20 records/s`);
      expect(readFileSync(`/proc/${generatorPid()}/cmdline`, 'utf8')).not.toContain(broker.password);
      expect(up.stdout + up.stderr).not.toContain(broker.password);
      const arrived = await waitFor(async () => {
        const n = await broker.count('transactions');
        return n >= 40 ? n : undefined;
      }, { what: 'the records to arrive on the SASL and TLS broker', timeoutMs: 60_000, intervalMs: 500 });
      expect(arrived).toBeGreaterThanOrEqual(40);
      const down = await runCli(['down', '--platform', producing], env);
      expect(down.code, down.stderr).toBe(0);
      const stopped = await broker.count('transactions');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await broker.count('transactions')).toBe(stopped);
    });

    it('a wrong password and an untrusted certificate each stop --produce at once, with one sentence', async () => {
      const trusted = file('sasl.yaml', `{ caFile: ${broker.caFile} }`);
      const before = await broker.count('transactions');
      const began = Date.now();
      const wrong = await runCli(['up', '--platform', trusted, '--produce'], { ...userEnv, KAFKA_PW: 'not-the-password' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr.split('\n')[0]).toMatch(new RegExp(`^Kafka at ${broker.bootstrap} refused the login of user ${broker.user}: check the password in \\$KAFKA_PW\\.$`));
      const untrusted = await runCli(['up', '--platform', file('sasl-untrusted.yaml', '{}'), '--produce'], { ...userEnv, KAFKA_PW: broker.password });
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr.split('\n')[0]).toMatch(new RegExp(`^TLS mismatch on ${broker.bootstrap}: the server's certificate is not trusted \\(\\w+\\); give its CA file in tls\\.caFile\\.$`));
      // Neither waited out the generator's minute to become ready.
      expect(Date.now() - began).toBeLessThan(30_000);
      expect(await broker.count('transactions')).toBe(before);
    });
  });
});
