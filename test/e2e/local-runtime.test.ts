import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Producer, stringSerializers } from '@platformatic/kafka';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortOpen } from '../../src/common/ports.js';
import { waitFor } from '../../src/common/wait.js';
import type { Comparison } from '../../src/engines/types.js';
import { isAlive } from '../../src/runtime/local/processes.js';
import { StateStore } from '../../src/runtime/state.js';
import type { Endpoints } from '../../src/engines/endpoints.js';
import { cliJson, runCli } from '../helpers/cli.js';
import { isLoopback, listeningAddresses } from '../helpers/listening-sockets.js';

const INTERVAL_SECONDS = 5;
const home = mkdtempSync(join(tmpdir(), 'slowdata-e2e-'));
const env = { SLOWDATA_HOME: home };

interface StatusJson {
  runtime: string;
  services: Array<{ name: string; state: string }>;
  endpoints: Endpoints;
}

const compare = () => cliJson<Comparison>(['compare'], env);

/** Both engines answer with the same count and the same sums, to the cent. */
async function waitUntilEqual(timeoutMs = 60_000): Promise<Comparison> {
  return waitFor(
    async () => {
      const c = await compare();
      const equal = c.engines.warehouse.ok && c.engines.kafka.ok && c.engines.warehouse.count === c.engines.kafka.count && c.stores.every((s) => s.delta === 0);
      return equal ? c : undefined;
    },
    { what: 'the warehouse to catch up with Kafka', timeoutMs, intervalMs: 1000 },
  );
}

describe('the data path on the real local runtime', () => {
  let endpoints: Endpoints;

  beforeAll(async () => {
    const up = await runCli(['up', '--runtime', 'local', '--interval', String(INTERVAL_SECONDS), '--rate', '4'], env, 20 * 60_000);
    if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
    endpoints = (await cliJson<StatusJson>(['status'], env)).endpoints;
  });

  afterAll(async () => {
    await runCli(['down'], env);
  });

  it('brings every service up, says so in status --json, and a second up changes nothing', async () => {
    const status = await cliJson<StatusJson>(['status'], env);
    expect(status.runtime).toBe('local');
    expect(status.services.map((s) => [s.name, s.state])).toEqual(['db', 'kafka', 'connect', 'trino', 'generator', 'pipeline'].map((n) => [n, 'running']));
    expect(status.endpoints.kafka).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(status.endpoints.trino).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(status.endpoints.mysql).toMatchObject({ host: '127.0.0.1', user: 'slowdata', database: 'warehouse' });
    expect(status.endpoints.mysql.password.length).toBeGreaterThanOrEqual(20);

    const again = await runCli(['up', '--runtime', 'local'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already up; nothing to do/);
  });

  it('every port its processes listen on is bound to the loopback interface only', () => {
    const state = new StateStore(home).read()!;
    const listening = Object.entries(state.services).flatMap(([name, record]) => listeningAddresses(record.pid!).map((address) => `${name} ${address}`));
    // Kafka (three listeners), Connect, Trino and the database at least.
    expect(listening.length).toBeGreaterThanOrEqual(6);
    expect(listening.filter((entry) => !isLoopback(entry.slice(entry.indexOf(' ') + 1)))).toEqual([]);
  });

  // Without the flag, JOL (Trino sizes objects with it) starts a second JVM to attach HotSpot's
  // Serviceability Agent to Trino, and Trino waits for it: 1.5-3 s of its start.
  it("Trino starts without attaching HotSpot's Serviceability Agent to itself", () => {
    const log = readFileSync(join(home, 'logs', 'trino.log'), 'utf8');
    expect(log).toMatch(/Serviceability Agent attach skipped due to jol\.skipHotspotSAAttach flag/);
  });

  it('while the generator runs, Kafka stays seconds fresh and the warehouse lags by up to a batch', async () => {
    // Sample at irregular moments, so a compare that happens to take about one batch interval
    // cannot land on the same phase of every batch; stop once the sawtooth has shown, or after a minute.
    const samples: Comparison[] = [];
    const started = Date.now();
    const warehouseRange = () => {
      const lags = samples.map((s) => s.engines.warehouse.lagMs ?? 0);
      return Math.max(...lags) - Math.min(...lags);
    };
    while (Date.now() - started < 60_000) {
      samples.push(await compare());
      if (Date.now() - started >= INTERVAL_SECONDS * 2 * 1000 && warehouseRange() > 1_500) break;
      await sleep(200 + Math.random() * 1_300);
    }
    expect(samples.every((s) => s.engines.kafka.ok && s.engines.warehouse.ok)).toBe(true);
    const lags = (engine: 'kafka' | 'warehouse') => samples.map((s) => s.engines[engine].lagMs ?? Number.POSITIVE_INFINITY);
    expect(Math.max(...lags('kafka'))).toBeLessThan(5_000);
    expect(Math.max(...lags('warehouse'))).toBeLessThanOrEqual((INTERVAL_SECONDS + 6) * 1000);
    // The batch path's sawtooth: the warehouse's lag grows between loads and drops at each load.
    expect(Math.max(...lags('warehouse')) - Math.min(...lags('warehouse'))).toBeGreaterThan(1_500);
    expect(Math.max(...lags('warehouse'))).toBeGreaterThan(Math.max(...lags('kafka')));
    expect(samples.at(-1)!.engines.kafka.count).toBeGreaterThan(samples[0]!.engines.kafka.count!);
  });

  it('after the generator stops and the pipeline drains, both engines agree to the cent, malformed records set aside', async () => {
    const producer = new Producer({ clientId: 'e2e', bootstrapBrokers: [endpoints.kafka], serializers: stringSerializers });
    await producer.send({ messages: [{ topic: 'transactions', value: 'this is not json' }, { topic: 'transactions', value: '{"storeId":"ST-1100"}' }] });
    await producer.close();

    expect((await runCli(['stop', 'generator'], env)).code).toBe(0);
    const settled = await waitUntilEqual();
    expect(settled.engines.kafka.total).toBe(settled.engines.warehouse.total);
    expect(settled.stores.length).toBe(10);

    const connection = await mysql.createConnection(endpoints.mysql);
    const [[rejects]] = await connection.query<mysql.RowDataPacket[]>('SELECT count(*) AS n FROM rejects');
    await connection.end();
    expect(Number(rejects?.n)).toBe(2);
  });

  it('with db, connect and pipeline stopped, the warehouse is an error entry and SQL on Kafka keeps counting', async () => {
    expect((await runCli(['start', 'generator'], env)).code).toBe(0);
    const stop = await runCli(['stop', 'db', 'connect', 'pipeline'], env);
    expect(stop.code).toBe(0);
    const status = await cliJson<StatusJson>(['status'], env);
    expect(Object.fromEntries(status.services.map((s) => [s.name, s.state]))).toMatchObject({ db: 'stopped', connect: 'stopped', pipeline: 'stopped', kafka: 'running', trino: 'running', generator: 'running' });

    const first = await compare();
    expect(first.engines.warehouse.ok).toBe(false);
    expect(first.engines.warehouse.error).toMatch(/warehouse is not reachable/);
    expect(first.engines.kafka.ok).toBe(true);
    const grown = await waitFor(
      async () => {
        const c = await compare();
        return c.engines.kafka.ok && c.engines.kafka.count! > first.engines.kafka.count! ? c : undefined;
      },
      { what: 'the Kafka count to grow', timeoutMs: 20_000, intervalMs: 500 },
    );
    expect(grown.engines.warehouse.ok).toBe(false);
  });

  it('started again, the warehouse catches up with nothing lost and nothing doubled', async () => {
    expect((await runCli(['start', 'db', 'connect', 'pipeline'], env, 300_000)).code).toBe(0);
    await sleep(3000);
    expect((await runCli(['stop', 'generator'], env)).code).toBe(0);
    const settled = await waitUntilEqual(90_000);
    expect(settled.engines.warehouse.count).toBe(settled.engines.kafka.count);
    const connection = await mysql.createConnection(endpoints.mysql);
    const [[dupes]] = await connection.query<mysql.RowDataPacket[]>('SELECT count(*) - count(DISTINCT eventid) AS n FROM transactions');
    await connection.end();
    expect(Number(dupes?.n)).toBe(0);
  });

  it('down leaves no process of the environment and no port of it listening', async () => {
    const state = new StateStore(home).read();
    expect(state).toBeDefined();
    const records = Object.values(state!.services);
    const ports = Object.values(state!.ports);
    expect((await runCli(['down'], env)).code).toBe(0);
    for (const record of records) expect(isAlive(record.pid!, record)).toBe(false);
    for (const port of ports) expect(await isPortOpen(port)).toBe(false);
    expect(new StateStore(home).read()).toBeUndefined();
    expect((await runCli(['status', '--json'], env)).stdout).toMatch(/"exists": false/);
  });
});
