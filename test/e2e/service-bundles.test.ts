// The generator's and pipeline's single-file bundles (dist/bundles, what the Docker runtime's
// containers get and nothing else) run from an empty folder with no node_modules, against the
// real local runtime: the generator produces, the pipeline loads, both engines agree. The
// compose file's healthcheck commands for Kafka, Trino and Streambased run here too, against
// the real local Kafka and Trino (the official images cannot be pulled on this machine).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/common/paths.js';
import { waitFor } from '../../src/common/wait.js';
import type { Endpoints } from '../../src/engines/endpoints.js';
import type { Comparison } from '../../src/engines/types.js';
import { DEFAULT_COMPOSE_FILE, loadComposeFile } from '../../src/runtime/docker/compose-file.js';
import { SHAPE_ONLY_VARIABLES } from '../../src/runtime/docker/environment-plan.js';
import { cliJson, runCli } from '../helpers/cli.js';

const run = promisify(execFile);
const home = mkdtempSync(join(tmpdir(), 'slowdata-bundles-'));
const env = { SLOWDATA_HOME: home };
const empty = mkdtempSync(join(tmpdir(), 'slowdata-empty-'));
const compose = loadComposeFile(DEFAULT_COMPOSE_FILE, SHAPE_ONLY_VARIABLES);
let endpoints: Endpoints;

/** A child environment with nothing that could point Node at the checkout's packages. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: empty, ...extra };
}

function node(script: string, args: string[], extra: Record<string, string> = {}, timeout = 60_000) {
  return run(process.execPath, [join(empty, script), ...args], { cwd: empty, env: bareEnv(extra), timeout });
}

/** The healthcheck command as Docker would run it: CMD as argv, CMD-SHELL through sh -c. */
function healthcheck(service: string, port: number, containerPort: number) {
  const [kind, ...rest] = compose.services.get(service)!.healthcheck!.test;
  const argv = rest.map((part) => part.replaceAll(`127.0.0.1/${containerPort}`, `127.0.0.1/${port}`).replaceAll(`127.0.0.1:${containerPort}`, `127.0.0.1:${port}`));
  const [command, ...args] = kind === 'CMD-SHELL' ? ['sh', '-c', argv.join(' ')] : argv;
  return run(command!, args, { timeout: 10_000 }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? 1,
  );
}

beforeAll(async () => {
  // Nothing for Node to resolve packages from, in the folder or above it.
  for (let dir = empty; dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
  for (const bundle of ['generator.mjs', 'pipeline.mjs']) copyFileSync(join(packageRoot, 'dist', 'bundles', bundle), join(empty, bundle));

  const up = await runCli(['up', '--runtime', 'local', '--interval', '3600', '--rate', '1'], env, 20 * 60_000);
  if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
  endpoints = (await cliJson<{ endpoints: Endpoints }>(['status'], env)).endpoints;
  // The environment's own generator and pipeline step aside: the copies in the empty folder do their work.
  expect((await runCli(['stop', 'generator', 'pipeline'], env)).code).toBe(0);
});

afterAll(async () => {
  await runCli(['down'], env);
  rmSync(empty, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('the service bundles, alone in an empty folder', () => {
  it('hold everything: the folder has the two files and nothing else', () => {
    expect(readdirSync(empty).sort()).toEqual(['generator.mjs', 'pipeline.mjs']);
  });

  it('the generator produces to the real Kafka', async () => {
    const before = await cliJson<Comparison>(['compare'], env);
    const { stdout } = await node('generator.mjs', ['--bootstrap', endpoints.kafka, '--rate', '50', '--limit', '100']);
    expect(stdout).toMatch(/limit reached: produced 100 records/);
    const after = await waitFor(
      async () => {
        const c = await cliJson<Comparison>(['compare'], env);
        return c.engines.kafka.ok && c.engines.kafka.count! >= (before.engines.kafka.count ?? 0) + 100 ? c : undefined;
      },
      { what: 'Trino to see the 100 records', timeoutMs: 30_000, intervalMs: 1000 },
    );
    expect(after.engines.kafka.count).toBeGreaterThanOrEqual(100);
  });

  it('the pipeline loads the data lake into the real warehouse, schema included, until both engines agree', async () => {
    const datalake = join(home, 'data', 'datalake', 'transactions.jsonl');
    const db = endpoints.mysql;
    const dbEnv = { SLOWDATA_DB_HOST: db.host, SLOWDATA_DB_PORT: String(db.port), SLOWDATA_DB_USER: db.user, SLOWDATA_DB_PASSWORD: db.password, SLOWDATA_DB_NAME: db.database };
    const agreed = await waitFor(
      async () => {
        await node('pipeline.mjs', ['--datalake', datalake, '--interval', '1', '--once'], dbEnv);
        const c = await cliJson<Comparison>(['compare'], env);
        const equal = c.engines.warehouse.ok && c.engines.kafka.ok && c.engines.warehouse.count === c.engines.kafka.count && c.stores.every((s) => s.delta === 0);
        return equal ? c : undefined;
      },
      { what: 'the warehouse to hold what Kafka holds', timeoutMs: 90_000, intervalMs: 1000 },
    );
    expect(agreed.engines.warehouse.count).toBeGreaterThanOrEqual(100);
  });
});

describe("the compose file's healthchecks, run against the real local services", () => {
  it("Kafka's (bash /dev/tcp, an ApiVersions request) passes on a broker and fails where none listens", async () => {
    const port = Number(endpoints.kafka.split(':')[1]);
    expect(await healthcheck('kafka', port, 19092)).toBe(0);
    expect(await healthcheck('kafka', 1, 19092)).not.toBe(0);
  });

  it("Trino's and Streambased's (/v1/info, starting false) pass on a started Trino", async () => {
    const port = Number(new URL(endpoints.trino).port);
    expect(await healthcheck('trino', port, 8080)).toBe(0);
    expect(await healthcheck('streambased', port, 8080)).toBe(0);
    expect(await healthcheck('streambased', 1, 8080)).not.toBe(0);
  });
});
