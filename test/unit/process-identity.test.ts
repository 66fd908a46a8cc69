import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/common/errors.js';
import { waitFor } from '../../src/common/wait.js';
import { LocalRuntime } from '../../src/runtime/local/local-runtime.js';
import {
  defaultProcessTable,
  identify,
  parseLstart,
  procProcessTable,
  psProcessTable,
  START_TOLERANCE_MS,
  type ProcessTable,
} from '../../src/runtime/local/process-table.js';
import { isAlive, launch, leftAloneMessage, terminate, type Launched } from '../../src/runtime/local/processes.js';
import { StateStore } from '../../src/runtime/state.js';
import type { ProgressEvent } from '../../src/runtime/types.js';

const realProc = procProcessTable();
/** The macOS path on this Linux machine: /proc is made unavailable, so the default table falls back to ps. */
const withoutProc = (): ProcessTable => defaultProcessTable('linux', '/nonexistent-proc');
const brokenPs = psProcessTable({ command: '/nonexistent/ps' });

const launchedHere: Launched[] = [];
const dir = mkdtempSync(join(tmpdir(), 'slowdata-identity-'));

/** A real `sleep` in its own process group, started the way the runtime starts services. */
function startSleep(table: ProcessTable = withoutProc()): Launched {
  const launched = launch({ command: 'sleep', args: ['300'], env: {}, logFile: join(dir, 'sleep.log') }, table);
  launchedHere.push(launched);
  return launched;
}

/** Still the very process we started: alive, not a zombie, same start tick (read from the real /proc). */
function untouched(launched: Launched, ticks: number | undefined): boolean {
  const now = realProc.lookup(launched.pid);
  return now.kind === 'live' && now.start.startTicks === ticks;
}

/** Live (not zombie) processes whose command line holds `argument`, from the real /proc. */
function livingWithArgument(argument: string): number[] {
  return readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && realProc.lookup(pid).kind === 'live')
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(argument);
      } catch {
        return false;
      }
    });
}

afterEach(async () => {
  // Cleans up with the real /proc identity, read before the test changed anything.
  for (const launched of launchedHere.splice(0)) {
    const now = realProc.lookup(launched.pid);
    if (now.kind === 'live') await terminate(launched.pid, now.start, 2000, realProc);
  }
});

describe('parseLstart', () => {
  it('reads ps lstart in the C locale, in local time', () => {
    expect(parseLstart('Mon Nov 30 20:43:49 2026')).toBe(new Date(2026, 10, 30, 20, 43, 49).getTime());
    expect(parseLstart('  Tue Mar  3 07:05:09 2026 ')).toBe(new Date(2026, 2, 3, 7, 5, 9).getTime());
    expect(parseLstart('lun. 30 nov. 2026 20:43:49')).toBeUndefined();
    expect(parseLstart('')).toBeUndefined();
  });
});

describe('psProcessTable with ps injected', () => {
  const fail = (status: number | null, code?: string) => () => {
    throw Object.assign(new Error('ps failed'), { status, code, stdout: '' });
  };

  it('tells a missing process, a zombie, a live one and an unreadable answer apart', () => {
    expect(psProcessTable({ exec: fail(1) }).lookup(42)).toEqual({ kind: 'absent' });
    expect(psProcessTable({ exec: fail(null, 'ENOENT') }).lookup(42)).toMatchObject({ kind: 'unreadable', why: expect.stringContaining('ENOENT') });
    expect(psProcessTable({ exec: () => 'Z+   Mon Nov 30 20:43:49 2026\n' }).lookup(42)).toEqual({ kind: 'zombie' });
    expect(psProcessTable({ exec: () => 'Ss   Mon Nov 30 20:43:49 2026\n' }).lookup(42)).toEqual({
      kind: 'live',
      start: { startEpochMs: new Date(2026, 10, 30, 20, 43, 49).getTime() },
    });
    expect(psProcessTable({ exec: () => 'S  30.11.2026 20:43\n' }).lookup(42)).toMatchObject({ kind: 'unreadable' });
  });

  it('runs ps in the C locale', () => {
    let seen: NodeJS.ProcessEnv = {};
    psProcessTable({
      exec: (_command, args, env) => {
        seen = env;
        // One -o per column: POSIX lets a header ("=") run to the end of its argument, commas included.
        expect(args).toEqual(['-o', 'stat=', '-o', 'lstart=', '-p', '42']);
        return '';
      },
    }).lookup(42);
    expect(seen.LC_ALL).toBe('C');
  });
});

describe('procProcessTable on a fake /proc', () => {
  it('gives exact ticks and an epoch time from the boot time', () => {
    const root = mkdtempSync(join(tmpdir(), 'slowdata-proc-'));
    mkdirSync(join(root, 'self'));
    writeFileSync(join(root, 'self', 'stat'), '1 (x) R');
    writeFileSync(join(root, 'stat'), 'cpu 1 2 3\nbtime 1700000000\n');
    mkdirSync(join(root, '77'));
    // Field 22 (start time) is 12345 ticks; the command name holds spaces and a parenthesis.
    const fields = ['S', ...Array.from({ length: 18 }, () => '0'), '12345', '0'];
    writeFileSync(join(root, '77', 'stat'), `77 (a (b) c) ${fields.join(' ')}`);
    mkdirSync(join(root, '78'));
    writeFileSync(join(root, '78', 'stat'), `78 (z) Z ${fields.slice(1).join(' ')}`);
    const table = procProcessTable(root);
    expect(table.lookup(77)).toEqual({ kind: 'live', start: { startTicks: 12345, startEpochMs: 1_700_000_000_000 + 123_450 } });
    expect(table.lookup(78)).toEqual({ kind: 'zombie' });
    expect(table.lookup(79)).toEqual({ kind: 'absent' });
    expect(procProcessTable(join(root, 'missing')).lookup(77)).toMatchObject({ kind: 'unreadable' });
  });

  it('is chosen on Linux when /proc is there, and ps everywhere else', () => {
    expect(defaultProcessTable('linux').source).toBe('/proc');
    expect(defaultProcessTable('linux', '/nonexistent-proc').source).toBe('ps');
    expect(defaultProcessTable('darwin').source).toBe('ps');
    expect(defaultProcessTable('freebsd').source).toBe('ps');
  });
});

describe('process identity on this machine, with /proc made unavailable to the reader', () => {
  it('records the start time from ps, and /proc agrees with it within the tolerance', () => {
    const launched = startSleep();
    expect(launched.startTicks).toBeUndefined();
    expect(launched.startEpochMs).toBeDefined();
    const fromProc = realProc.lookup(launched.pid);
    expect(fromProc.kind).toBe('live');
    if (fromProc.kind !== 'live') return;
    expect(Math.abs(fromProc.start.startEpochMs! - launched.startEpochMs!)).toBeLessThanOrEqual(START_TOLERANCE_MS);
    // A record made with /proc on Linux (ticks and epoch) is confirmed by ps alone, through the epoch time.
    expect(identify(launched.pid, fromProc.start, withoutProc())).toEqual({ kind: 'ours' });
    expect(isAlive(launched.pid, launched, withoutProc())).toBe(true);
  });

  it('stops its own process once ps confirms the start time', async () => {
    const launched = startSleep();
    expect(await terminate(launched.pid, launched, 5000, withoutProc())).toEqual({ kind: 'stopped' });
    expect(realProc.lookup(launched.pid).kind).not.toBe('live');
    expect(isAlive(launched.pid, launched, withoutProc())).toBe(false);
    expect(await terminate(launched.pid, launched, 5000, withoutProc())).toEqual({ kind: 'gone' });
  });

  it('never signals a recycled pid: a live process that started at another time', async () => {
    const launched = startSleep();
    const ticks = (realProc.lookup(launched.pid) as { start: { startTicks: number } }).start.startTicks;
    const recorded = { startEpochMs: launched.startEpochMs! - 3_600_000 };
    expect(isAlive(launched.pid, recorded, withoutProc())).toBe(false);
    const outcome = await terminate(launched.pid, recorded, 5000, withoutProc());
    expect(outcome).toMatchObject({ kind: 'other', pid: launched.pid });
    expect(untouched(launched, ticks)).toBe(true);
    expect(leftAloneMessage('db', outcome as never)).toMatch(new RegExp(`pid ${launched.pid} now belongs to another program`));
  });

  it('never signals a process whose start time was not recorded, and names its pid', async () => {
    const launched = startSleep();
    const ticks = (realProc.lookup(launched.pid) as { start: { startTicks: number } }).start.startTicks;
    const outcome = await terminate(launched.pid, {}, 5000, withoutProc());
    expect(outcome).toEqual({ kind: 'unconfirmed', pid: launched.pid, why: 'no start time was recorded for it' });
    expect(leftAloneMessage('kafka', outcome as never)).toMatch(new RegExp(`kafka \\(pid ${launched.pid}\\) was not stopped: no start time was recorded`));
    expect(untouched(launched, ticks)).toBe(true);
  });

  it('never signals a process recorded with /proc ticks only (an older state file) when only ps can be asked', async () => {
    const launched = startSleep(realProc);
    const outcome = await terminate(launched.pid, { startTicks: launched.startTicks }, 5000, withoutProc());
    expect(outcome).toMatchObject({ kind: 'unconfirmed', pid: launched.pid, why: expect.stringMatching(/cannot be compared with what ps gives/) });
    expect(untouched(launched, launched.startTicks)).toBe(true);
  });

  it('never signals anything when no start time can be read now (no /proc, ps missing)', async () => {
    const launched = startSleep();
    const ticks = (realProc.lookup(launched.pid) as { start: { startTicks: number } }).start.startTicks;
    expect(isAlive(launched.pid, launched, brokenPs)).toBe(false);
    const outcome = await terminate(launched.pid, launched, 5000, brokenPs);
    expect(outcome).toMatchObject({ kind: 'unconfirmed', pid: launched.pid, why: expect.stringMatching(/start time cannot be read here/) });
    expect(untouched(launched, ticks)).toBe(true);
  });

  it('refuses to launch where no start time can be read, and leaves no process behind', async () => {
    let error: unknown;
    try {
      launch({ command: 'sleep', args: ['299.123'], env: {}, logFile: join(dir, 'refused.log') }, brokenPs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/cannot tell its processes apart/);
    await waitFor(async () => livingWithArgument('299.123').length === 0, { what: 'the refused sleep to be gone', timeoutMs: 5000, intervalMs: 50 });
  });
});

describe('the local runtime with /proc made unavailable', () => {
  function stateWith(services: Record<string, { pid: number; startTicks?: number; startEpochMs?: number }>): StateStore {
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'slowdata-identity-state-')));
    // Port 1: nothing listens there, so every health check fails fast.
    const ports = { db: 1, kafka: 1, kafkaInternal: 1, kafkaController: 1, connect: 1, trino: 1 };
    store.write({ runtime: 'local', createdAt: 1, dbPassword: 'abcdefgh12', ports, options: { rate: 2, intervalSeconds: 60 }, services });
    return store;
  }

  it('status, stop and down name the pids they cannot confirm, and signal none of them', async () => {
    const recycled = startSleep();
    const unrecorded = startSleep();
    const ours = startSleep();
    const ticks = [recycled, unrecorded].map((l) => (realProc.lookup(l.pid) as { start: { startTicks: number } }).start.startTicks);
    const store = stateWith({
      db: { pid: recycled.pid, startEpochMs: recycled.startEpochMs! - 3_600_000 },
      kafka: { pid: unrecorded.pid },
      connect: { pid: ours.pid, startEpochMs: ours.startEpochMs },
    });
    const runtime = new LocalRuntime(store, {}, undefined, withoutProc());

    const status = await runtime.status();
    const byName = Object.fromEntries(status.services.map((s) => [s.name, s]));
    expect(byName.db).toEqual({ name: 'db', state: 'stopped', detail: `pid ${recycled.pid} now belongs to another program` });
    expect(byName.kafka?.state).toBe('stopped');
    expect(byName.kafka?.detail).toMatch(new RegExp(`^unknown: pid ${unrecorded.pid} is alive, but no start time was recorded`));
    // Connect is ours and alive; its health check fails (nothing listens), so it is unhealthy, not stopped.
    expect(byName.connect).toMatchObject({ state: 'unhealthy', detail: expect.stringMatching(new RegExp(`^pid ${ours.pid}\\b`)) });

    const events: ProgressEvent[] = [];
    await runtime.down((event) => events.push(event));
    const notes = events.flatMap((e) => (e.kind === 'note' ? [e.message] : []));
    expect(notes).toHaveLength(2);
    expect(notes.some((n) => n.includes(`db (pid ${recycled.pid}) was not running: pid ${recycled.pid} now belongs to another program`))).toBe(true);
    expect(notes.some((n) => n.includes(`kafka (pid ${unrecorded.pid}) was not stopped`))).toBe(true);
    expect(untouched(recycled, ticks[0])).toBe(true);
    expect(untouched(unrecorded, ticks[1])).toBe(true);
    expect(realProc.lookup(ours.pid).kind).not.toBe('live');
    expect(store.read()).toBeUndefined();
  }, 30_000);

  it('stop reports a pid it left alone and forgets the service', async () => {
    const unrecorded = startSleep();
    const store = stateWith({ pipeline: { pid: unrecorded.pid } });
    const events: ProgressEvent[] = [];
    await new LocalRuntime(store, {}, undefined, withoutProc()).stop(['pipeline'], (event) => events.push(event));
    expect(events).toContainEqual({ kind: 'service', name: 'pipeline', state: 'stopped', detail: `pid ${unrecorded.pid} not signalled` });
    expect(store.read()?.services.pipeline).toBeUndefined();
    expect(realProc.lookup(unrecorded.pid).kind).toBe('live');
  });
});
