// The package as users get it: `npm pack`, installed into a temporary prefix the way npx
// installs it (dependencies beside the package in node_modules, not inside it), then run from
// another working directory: --list, doctor, up on the real local runtime, compare, down. And
// the Docker plan that install builds: every bind exists, under the state home (which Docker
// Desktop shares), and the node containers' /app holds the two bundles they need.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/common/paths.js';
import type { Comparison } from '../../src/engines/types.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'slowdata-package-'));
const prefix = join(work, 'prefix');
const elsewhere = join(work, 'elsewhere');
const home = join(work, 'home');
const installed = join(prefix, 'node_modules', 'slowdata-tour');
const env = { ...process.env, SLOWDATA_HOME: home };
let tarball: string;
let files: string[];

function cli(args: string[], timeout = 120_000) {
  return run(join(prefix, 'node_modules', '.bin', 'slowdata-tour'), args, { cwd: elsewhere, env, timeout, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
}

beforeAll(async () => {
  for (const dir of [prefix, elsewhere, home]) rmSync(dir, { recursive: true, force: true });
  await run('mkdir', ['-p', prefix, elsewhere]);
  // dist/ is built before the tests (npm test builds); packing does not build again.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: packageRoot, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(work, packed!.filename);
  files = packed!.files.map((file) => file.path);
  await run('npm', ['install', '--prefix', prefix, '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', tarball], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
}, 600_000);

afterAll(async () => {
  await cli(['down']);
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds what it needs and not the benchmark, the sources or the tests', () => {
    for (const needed of ['dist/cli.js', 'dist/bundles/generator.mjs', 'dist/bundles/pipeline.mjs', 'environment/docker-compose.yml', 'environment/db/schema.sql', 'environment/versions.json', 'steps/01-start.md', 'README.md']) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((file) => /^dist\/bench\/|^src\/|^test\/|^scripts\/|\.map$|node_modules/.test(file))).toEqual([]);
  });

  it('installs like npx installs it: dependencies beside the package, none inside it', () => {
    expect(existsSync(join(installed, 'package.json'))).toBe(true);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    expect(existsSync(join(prefix, 'node_modules', '@platformatic', 'kafka'))).toBe(true);
    expect(existsSync(join(prefix, 'node_modules', 'vitest'))).toBe(false);
  });
});

describe('the installed package, run from another folder', () => {
  it('--list lists the steps', async () => {
    const list = await cli(['--list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/1\b.*\n[\s\S]*8\b/);
  });

  it('doctor checks both runtimes and passes when one can run', async () => {
    const doctor = await cli(['doctor', '--json']);
    const report = JSON.parse(doctor.stdout) as { docker: { ok: boolean }; local: { ok: boolean; checks: Array<{ message: string }> } };
    expect(report.local.ok).toBe(true);
    expect(doctor.code).toBe(0);
  });

  it('up --runtime local, compare --json, down', { timeout: 20 * 60_000 }, async () => {
    const up = await cli(['up', '--runtime', 'local', '--interval', '5'], 20 * 60_000);
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);
    const comparison = JSON.parse((await cli(['compare', '--json'])).stdout) as Comparison;
    expect(comparison.engines.kafka.ok).toBe(true);
    expect(comparison.engines.warehouse.ok).toBe(true);
    // The installed package's own generator bundle runs under the local runtime.
    const status = JSON.parse((await cli(['status', '--json'])).stdout) as { services: Array<{ name: string; state: string }> };
    expect(status.services.every((service) => service.state === 'running')).toBe(true);
    const down = await cli(['down']);
    expect(down.code).toBe(0);
    expect(existsSync(join(home, 'state.json'))).toBe(false);
  });

  it('builds a Docker plan whose binds exist, live under the state home, and give the node containers their bundles', async () => {
    // Runs inside the installed package, with its own modules, as `up` would on Docker.
    const script = `
      const pkg = ${JSON.stringify(installed)};
      const { StateStore } = await import(pkg + '/dist/runtime/state.js');
      const { stageContainerFiles } = await import(pkg + '/dist/runtime/docker/container-files.js');
      const { DEFAULT_COMPOSE_FILE, loadComposeFile } = await import(pkg + '/dist/runtime/docker/compose-file.js');
      const { servicesToRun, composeVariables } = await import(pkg + '/dist/runtime/docker/environment-plan.js');
      const store = new StateStore(${JSON.stringify(join(work, 'docker-home'))});
      const file = stageContainerFiles(store, DEFAULT_COMPOSE_FILE);
      const state = { dbPassword: 'password-1', ports: {}, options: { rate: 2, intervalSeconds: 60 } };
      const services = new Set();
      for (const engine of ['trino', 'streambased']) {
        const shape = loadComposeFile(DEFAULT_COMPOSE_FILE, { SLOWDATA_DB_PASSWORD: 'x' });
        for (const s of servicesToRun(shape, { profiles: ['superset', 'akhq', 'schema-registry'], engine })) services.add(s);
      }
      const project = loadComposeFile(file, composeVariables(state, [...services], 'trino'));
      const binds = [...services].flatMap((s) => project.services.get(s).mounts.filter((m) => m.kind === 'bind').map((m) => ({ service: s, source: m.source, target: m.target })));
      process.stdout.write(JSON.stringify({ home: store.home, binds }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: elsewhere });
    const plan = JSON.parse(stdout) as { home: string; binds: Array<{ service: string; source: string; target: string }> };
    expect(plan.binds.length).toBeGreaterThanOrEqual(15);
    for (const bind of plan.binds) {
      expect(existsSync(bind.source), `${bind.service} ${bind.source}`).toBe(true);
      expect(bind.source.startsWith(`${plan.home}/`), `${bind.service} ${bind.source}`).toBe(true);
      if (statSync(bind.source).isFile()) expect(statSync(bind.source).size, bind.source).toBeGreaterThan(0);
    }
    for (const service of ['generator', 'pipeline']) {
      const app = plan.binds.filter((bind) => bind.service === service && bind.target === '/app');
      expect(app).toHaveLength(1);
      expect(readdirSync(app[0]!.source).sort()).toEqual(['generator.mjs', 'pipeline.mjs']);
    }
  });
});
