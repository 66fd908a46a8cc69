// `npm run test:images`: the Docker runtime with the official images, for a machine whose
// Docker engine reaches Docker Hub (not part of `npm test`, and not of CI: no registry is
// reachable there). It pulls the pinned images through `up`, then checks what the tour rests
// on: lag, stop/start, a crash the restart policy recovers from, agreement after the drain,
// the whole tour run non-interactively, and that `down` leaves nothing behind.
// It uses the project name "slowdata": run it with no tour environment up on that engine.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/common/wait.js';
import type { Comparison } from '../../src/engines/types.js';
import { CLI, cliJson, runCli } from '../helpers/cli.js';

const INTERVAL_SECONDS = 10;
const home = mkdtempSync(join(tmpdir(), 'slowdata-images-'));
const env = { SLOWDATA_HOME: home, NO_COLOR: '1' };
const docker = new Docker();
const project = { label: ['com.docker.compose.project=slowdata'] };
const compare = () => cliJson<Comparison>(['compare'], env);

async function leftovers() {
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters: project }),
    docker.listNetworks({ filters: project }),
    docker.listVolumes({ filters: project }),
  ]);
  return { containers: containers.length, networks: networks.length, volumes: (volumes.Volumes ?? []).length };
}

async function states(): Promise<Record<string, string>> {
  const status = await cliJson<{ services: Array<{ name: string; state: string }> }>(['status'], env);
  return Object.fromEntries(status.services.map((s) => [s.name, s.state]));
}

async function waitUntilEqual(timeoutMs: number): Promise<Comparison> {
  return waitFor(
    async () => {
      const c = await compare();
      return c.engines.warehouse.ok && c.engines.kafka.ok && c.engines.warehouse.count === c.engines.kafka.count && c.stores.every((s) => s.delta === 0) ? c : undefined;
    },
    { what: 'the warehouse to catch up with Kafka', timeoutMs, intervalMs: 2000 },
  );
}

beforeAll(async () => {
  await docker.ping();
  expect(await leftovers(), 'a "slowdata" project already exists on this engine: remove it first').toEqual({ containers: 0, networks: 0, volumes: 0 });
  const up = await runCli(['up', '--runtime', 'docker', '--interval', String(INTERVAL_SECONDS), '--rate', '4'], env, 40 * 60_000);
  if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
}, 40 * 60_000);

afterAll(async () => {
  await runCli(['down', '--runtime', 'docker'], env, 300_000);
  rmSync(home, { recursive: true, force: true });
});

describe('the Docker runtime with the official images', { timeout: 10 * 60_000 }, () => {
  it('brings every service up; doctor then sees every image on the engine', async () => {
    expect(Object.values(await states())).toEqual(['running', 'running', 'running', 'running', 'running', 'running']);
    const doctor = await runCli(['doctor', '--runtime', 'docker', '--json'], env);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('Every image is on the engine.');
  });

  it('Kafka stays seconds fresh while the warehouse lags by up to a batch', async () => {
    const samples: Comparison[] = [];
    const until = Date.now() + (INTERVAL_SECONDS * 2 + 5) * 1000;
    while (Date.now() < until) {
      samples.push(await compare());
      await sleep(1000);
    }
    expect(samples.every((s) => s.engines.kafka.ok && s.engines.warehouse.ok)).toBe(true);
    const lags = (engine: 'kafka' | 'warehouse') => samples.map((s) => s.engines[engine].lagMs ?? Number.POSITIVE_INFINITY);
    expect(Math.max(...lags('kafka'))).toBeLessThan(5_000);
    expect(Math.max(...lags('warehouse'))).toBeLessThanOrEqual((INTERVAL_SECONDS + 10) * 1000);
    expect(Math.max(...lags('warehouse'))).toBeGreaterThan(Math.max(...lags('kafka')));
  });

  it('with db, connect and pipeline stopped, SQL on Kafka keeps counting; started again, all run', async () => {
    expect((await runCli(['stop', 'db', 'connect', 'pipeline'], env)).code).toBe(0);
    const first = await compare();
    expect(first.engines.warehouse.ok).toBe(false);
    expect(first.engines.kafka.ok).toBe(true);
    await waitFor(async () => ((await compare()).engines.kafka.count! > first.engines.kafka.count! ? true : undefined), {
      what: 'the Kafka count to grow',
      timeoutMs: 30_000,
      intervalMs: 1000,
    });
    expect((await runCli(['start', 'db', 'connect', 'pipeline'], env, 600_000)).code).toBe(0);
    expect(Object.values(await states()).every((state) => state === 'running')).toBe(true);
  });

  it('a killed broker is restarted by its restart policy and turns healthy again', async () => {
    await docker.getContainer('slowdata-kafka-1').kill({ signal: 'SIGKILL' });
    await waitFor(async () => ((await docker.getContainer('slowdata-kafka-1').inspect()).RestartCount > 0 ? true : undefined), {
      what: 'Docker to restart kafka',
      timeoutMs: 60_000,
      intervalMs: 1000,
    });
    await waitFor(async () => ((await states()).kafka === 'running' ? true : undefined), { what: 'kafka to be healthy again', timeoutMs: 180_000, intervalMs: 2000 });
  });

  it('after the generator stops and the pipeline drains, both engines agree to the cent', async () => {
    expect((await runCli(['stop', 'generator'], env)).code).toBe(0);
    const settled = await waitUntilEqual((INTERVAL_SECONDS * 3 + 60) * 1000);
    expect(settled.engines.kafka.total).toBe(settled.engines.warehouse.total);
    expect(settled.engines.kafka.count).toBeGreaterThan(0);
  });

  it('down leaves no container, network or volume', async () => {
    expect((await runCli(['down'], env, 300_000)).code).toBe(0);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  it('the whole tour runs non-interactively on Docker, and leaves nothing behind', { timeout: 40 * 60_000 }, async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [CLI, '--runtime', 'docker', '--interval', String(INTERVAL_SECONDS)], { env: { ...process.env, ...env }, timeout: 40 * 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err }),
      );
    });
    expect(code, stderr).toBe(0);
    for (let n = 1; n <= 8; n++) expect(stdout).toContain(`✓ Step ${n} done.`);
    expect(stdout).toContain('Nothing of the tour is left running.');
    expect(await leftovers()).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });
});
