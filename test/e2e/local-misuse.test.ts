import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/common/paths.js';
import { isPortOpen } from '../../src/common/ports.js';
import { waitFor } from '../../src/common/wait.js';
import type { Endpoints } from '../../src/engines/endpoints.js';
import type { PipelineReport } from '../../src/engines/pipeline-report.js';
import type { Comparison } from '../../src/engines/types.js';
import { processesOfHome } from '../../src/runtime/local/leftovers.js';
import { LocalRuntime } from '../../src/runtime/local/local-runtime.js';
import { isAlive } from '../../src/runtime/local/processes.js';
import { StateStore } from '../../src/runtime/state.js';
import { createPaint } from '../../src/text/paint.js';
import { quitNoteLines } from '../../src/text/quit-note-text.js';
import { cliJson, runCli, type CliRun } from '../helpers/cli.js';

/**
 * Misuse of the environment control on one real local stack, in order: an interrupted up, two ups
 * at once (finishing it), a state directory made immutable, the data lake deleted under the
 * running pipeline, and a process that slipped past the state. One stack for all, to keep the
 * machine's load down; each test leaves the stack running for the next.
 */

const INTERVAL_SECONDS = 2;
const home = mkdtempSync(join(tmpdir(), 'slowdata-misuse-'));
// Ports away from the usual ones: other stacks on this machine start from those at the same time.
const portsFrom = 20_000 + Math.floor(Math.random() * 400) * 100;
const env = { SLOWDATA_HOME: home, SLOWDATA_PORTS_FROM: String(portsFrom) };
const store = new StateStore(home);
const plain = createPaint(false);

interface StatusJson {
  exists: boolean;
  services: Array<{ name: string; state: string; detail?: string }>;
  endpoints: Endpoints;
  pipeline?: PipelineReport | null;
}

const output = (run: CliRun) => `${run.stdout}\n${run.stderr}`;
const knownPids = () => Object.values(store.read()?.services ?? {}).flatMap((r) => (r.pid === undefined ? [] : [r.pid]));
/** Processes of this home that are a service of ours but that the state does not record. */
const unknownServices = () => processesOfHome(home).filter((p) => p.service !== undefined && !knownPids().includes(p.pid));

function chattr(flag: '+i' | '-i', ...paths: string[]): void {
  execFileSync('chattr', [flag, ...paths]);
}

let chattrWorks = false;
beforeAll(() => {
  const probe = mkdtempSync(join(tmpdir(), 'slowdata-chattr-'));
  try {
    chattr('+i', probe);
    chattr('-i', probe);
    chattrWorks = true;
  } catch {
    chattrWorks = false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
});

afterAll(async () => {
  try {
    chattr('-i', home, join(home, 'state.json'));
  } catch {
    // not set
  }
  await runCli(['down'], env, 180_000);
}, 200_000);

describe('environment control under misuse, on the real local runtime', () => {
  it('an up interrupted after the db started leaves its services running, and status and the quit note say so', async () => {
    const runtime = new LocalRuntime(store, { ...process.env, ...env });
    const controller = new AbortController();
    const up = runtime.up({ rate: 4, intervalSeconds: INTERVAL_SECONDS, signal: controller.signal });
    up.catch(() => undefined);
    // Abort as soon as the db's process is recorded: before it is ready, so before its warehouse user exists.
    await waitFor(async () => (store.read()?.services.db?.pid !== undefined ? true : undefined), { what: 'the db to be launched', timeoutMs: 600_000, intervalMs: 20 });
    controller.abort();
    await expect(up).rejects.toThrow(/abort/i);

    const db = store.read()!.services.db!;
    expect(isAlive(db.pid!, db)).toBe(true);
    expect(db.readyAt).toBeUndefined();

    const status = await runtime.status();
    const dbState = status.services.find((s) => s.name === 'db')!;
    expect(dbState.state).not.toBe('stopped');
    expect(dbState.detail).toMatch(/interrupted.*slowdata-tour up/);
    const note = quitNoteLines(status, plain).join('\n');
    expect(note).not.toMatch(/every service stopped/);
    expect(note).toMatch(/running but not ready[^;]*\bdb\b/);
  }, 15 * 60_000);

  it('two ups at once: one finishes the interrupted start, the other waits and then has nothing to do; a third command gives up in words', async () => {
    const first = runCli(['up', '--runtime', 'local', '--interval', String(INTERVAL_SECONDS), '--rate', '4'], env, 15 * 60_000);
    const second = runCli(['up', '--runtime', 'local', '--interval', String(INTERVAL_SECONDS), '--rate', '4'], env, 15 * 60_000);
    await waitFor(async () => (store.lock.holder() ? true : undefined), { what: 'an up to hold the lock', timeoutMs: 30_000, intervalMs: 50 });
    const third = await runCli(['stop', 'generator'], { ...env, SLOWDATA_LOCK_WAIT_SECONDS: '1' });
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/Another slowdata-tour command is changing this environment: up \(pid \d+, since .*\); "stop generator" did not run\./);
    expect(third.stderr).not.toMatch(/Unexpected error|\n\s+at /);

    const runs = await Promise.all([first, second]);
    for (const run of runs) expect(run.code, output(run)).toBe(0);
    const [finisher, waiter] = /Waiting: another slowdata-tour command/.test(runs[0]!.stdout) ? [runs[1]!, runs[0]!] : [runs[0]!, runs[1]!];
    expect(waiter.stdout).toMatch(/Waiting: another slowdata-tour command is changing this environment: up \(pid \d+/);
    expect(waiter.stdout).toMatch(/already up; nothing to do/);
    expect(finisher.stdout).toMatch(/finishing the interrupted start of [^.]*db/);
    expect(finisher.stdout).not.toMatch(/Waiting/);

    // The warehouse user matches the state: the pipeline logs in and loads.
    const loaded = await waitFor(
      async () => {
        const c = await cliJson<Comparison>(['compare'], env);
        return c.engines.warehouse.ok && (c.engines.warehouse.count ?? 0) > 0 ? c : undefined;
      },
      { what: 'the pipeline to load its first batch', timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(loaded.engines.warehouse.error).toBeNull();
    const status = await cliJson<StatusJson>(['status'], env);
    expect(status.services.every((s) => s.state === 'running')).toBe(true);
    expect(unknownServices()).toEqual([]);
  }, 16 * 60_000);

  it('status --json and compare --json show the pipeline\'s last batch', async () => {
    const status = await waitFor(
      async () => {
        const s = await cliJson<StatusJson>(['status'], env);
        return s.pipeline?.lastBatch ? s : undefined;
      },
      { what: 'a last batch in status', timeoutMs: 30_000, intervalMs: 1000 },
    );
    expect(status.pipeline!.stalled).toBeNull();
    expect(status.pipeline!.lastBatch!.loaded).toBeGreaterThan(0);
    expect(Date.now() - status.pipeline!.lastBatch!.at).toBeLessThan(60_000);
    const text = await runCli(['status'], env);
    expect(text.stdout).toMatch(/Pipeline's last batch: \d\d:\d\d:\d\d UTC \(.* ago\): [\d,]+ loaded, \d+ set aside/);
    const comparison = await cliJson<Comparison>(['compare'], env);
    expect(comparison.pipeline?.lastBatch?.loaded).toBeGreaterThan(0);
  }, 120_000);

  it('a state directory that cannot be written: one sentence naming the path and the cause, nothing started or stopped', async (ctx) => {
    if (!chattrWorks) ctx.skip();
    expect((await runCli(['stop', 'generator'], env)).code).toBe(0);
    const before = store.read()!;
    const stateFile = join(home, 'state.json');

    // The whole folder immutable (root ignores permissions, not the immutable attribute): the lock cannot even be taken.
    chattr('+i', home, stateFile);
    try {
      for (const args of [['start', 'generator'], ['stop', 'pipeline'], ['up'], ['down']]) {
        const run = await runCli(args, env, 180_000);
        expect(run.code, output(run)).toBe(1);
        expect(run.stderr).toMatch(new RegExp(`^Cannot change the environment's state directory: ${home}[^:]*: the operation is not permitted \\(is the file or folder immutable\\? see lsattr\\) \\(EPERM\\)\\. Nothing was started or stopped\\.`));
        expect(run.stderr).not.toMatch(/Unexpected error|\n\s+at /);
      }
    } finally {
      chattr('-i', home);
    }
    // Only the state file immutable: the lock is taken, the state cannot be rewritten, so nothing happens.
    try {
      const run = await runCli(['start', 'generator'], env, 180_000);
      expect(run.code, output(run)).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^Cannot change the environment's state directory: ${stateFile}`));
      expect(run.stderr).toMatch(/Nothing was started or stopped\./);
    } finally {
      chattr('-i', stateFile);
    }
    // Nothing was started (no generator, known or not) and nothing stopped (the pipeline still runs).
    expect(processesOfHome(home).filter((p) => p.service === 'generator')).toEqual([]);
    const after = store.read()!;
    expect(after.services).toEqual(before.services);
    expect(isAlive(after.services.pipeline!.pid!, after.services.pipeline!)).toBe(true);
    expect(store.lock.holder()).toBeUndefined();

    expect((await runCli(['start', 'generator'], env)).code).toBe(0);
  }, 600_000);

  it('the data lake deleted under the running pipeline: status, compare and the text say it stalled; recover brings it back, nothing lost, nothing doubled', async () => {
    rmSync(join(home, 'data', 'datalake', 'transactions.jsonl'));
    const stalled = await waitFor(
      async () => {
        const s = await cliJson<StatusJson>(['status'], env);
        return s.pipeline?.stalled ? s : undefined;
      },
      { what: 'the pipeline to report a stall', timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(stalled.pipeline!.stalled).toMatchObject({ kind: 'datalake-replaced' });
    expect(stalled.pipeline!.stalled!.reason).toMatch(/transactions\.jsonl is gone/);
    const comparison = await cliJson<Comparison>(['compare'], env);
    expect(comparison.pipeline?.stalled?.kind).toBe('datalake-replaced');
    const text = await runCli(['compare'], env);
    expect(text.stdout).toMatch(/Pipeline stalled since \d\d:\d\d:\d\d UTC .*is gone/);
    expect(text.stdout).toMatch(/Way back: slowdata-tour recover/);

    const recover = await runCli(['recover'], env, 300_000);
    expect(recover.code, output(recover)).toBe(0);
    expect(recover.stdout).toMatch(/Connect rewrites the data lake from the beginning of the topic/);
    await waitFor(
      async () => {
        const s = await cliJson<StatusJson>(['status'], env);
        return s.pipeline && !s.pipeline.stalled ? s : undefined;
      },
      { what: 'the stall to end', timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect((await runCli(['stop', 'generator'], env)).code).toBe(0);
    const settled = await waitFor(
      async () => {
        const c = await cliJson<Comparison>(['compare'], env);
        const equal = c.engines.warehouse.ok && c.engines.kafka.ok && c.engines.warehouse.count === c.engines.kafka.count && c.stores.every((s) => s.delta === 0);
        return equal ? c : undefined;
      },
      { what: 'the warehouse to catch up with Kafka', timeoutMs: 90_000, intervalMs: 1000 },
    );
    expect(settled.engines.warehouse.total).toBe(settled.engines.kafka.total);
    expect(settled.pipeline?.stalled).toBeNull();
  }, 600_000);

  it('down also stops a process of this state home that the state does not know, and says so', async () => {
    const { endpoints } = await cliJson<StatusJson>(['status'], env);
    const stray = spawn(process.execPath, [join(packageRoot, 'dist', 'services', 'generator.js'), '--bootstrap', endpoints.kafka, '--rate', '1', '--home', home], {
      detached: true,
      stdio: 'ignore',
    });
    stray.unref();
    const strayPid = stray.pid!;
    await waitFor(async () => (unknownServices().some((p) => p.pid === strayPid) ? true : undefined), { what: 'the stray to show up', timeoutMs: 10_000, intervalMs: 100 });

    const state = store.read()!;
    const down = await runCli(['down'], env, 180_000);
    expect(down.code, output(down)).toBe(0);
    expect(down.stdout).toMatch(new RegExp(`Stopped a process of this environment that its state did not know: generator \\(pid ${strayPid}\\)\\.`));
    expect(pidAnswers(strayPid)).toBe(false);
    for (const [name, record] of Object.entries(state.services)) expect(isAlive(record.pid!, record), `${name} (pid ${record.pid}) still runs`).toBe(false);
    for (const port of Object.values(state.ports)) expect(await isPortOpen(port)).toBe(false);
    expect(processesOfHome(home)).toEqual([]);
  }, 300_000);
});

/** Whether any process answers to this pid (signal 0). */
function pidAnswers(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
