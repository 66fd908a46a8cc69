import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../src/common/wait.js';
import { isAlive, processStartTicks } from '../../../src/runtime/local/processes.js';
import { StateLock, type LockHolder } from '../../../src/runtime/state-lock.js';

const newHome = () => mkdtempSync(join(tmpdir(), 'slowdata-lock-'));

/** A real process that holds the lock file's place: a child that only sleeps. */
function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return child;
}

function holdAs(home: string, holder: LockHolder): void {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'lock'), JSON.stringify(holder));
}

describe('StateLock (pid + start-time lock of a state home)', () => {
  it('lets one holder in at a time: the second waits, says so once, and gets in when the first releases', async () => {
    const lock = new StateLock(newHome());
    const order: string[] = [];
    let release!: () => void;
    const firstHeld = new Promise<void>((resolve) => {
      void lock.withLock('up', async () => {
        order.push('first in');
        resolve();
        await new Promise<void>((r) => (release = r));
        order.push('first out');
      });
    });
    await firstHeld;
    const waits: LockHolder[] = [];
    const second = lock.withLock('stop db', async () => order.push('second in'), { onWait: (h) => waits.push(h), waitMs: 10_000 });
    await waitFor(async () => (waits.length > 0 ? true : undefined), { what: 'the second to wait', timeoutMs: 5000, intervalMs: 10 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ pid: process.pid, command: 'up' });
    release();
    await second;
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(lock.holder()).toBeUndefined();
  });

  it('refuses in words when the holder does not finish in time, naming it', async () => {
    const home = newHome();
    const child = sleeper();
    try {
      await waitFor(async () => (processStartTicks(child.pid!) !== undefined ? true : undefined), { what: 'the child', timeoutMs: 5000, intervalMs: 10 });
      holdAs(home, { pid: child.pid!, startTicks: processStartTicks(child.pid!), command: 'up', since: Date.UTC(2026, 10, 30, 20, 51, 2) });
      await expect(new StateLock(home).acquire('down', { waitMs: 300 })).rejects.toThrow(
        `Another slowdata-tour command is changing this environment: up (pid ${child.pid}, since 20:51:02 UTC); "down" did not run.`,
      );
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is free as soon as its holder dies, and a recycled pid (same pid, other start time) does not hold it', async () => {
    const home = newHome();
    const child = sleeper();
    await waitFor(async () => (processStartTicks(child.pid!) !== undefined ? true : undefined), { what: 'the child', timeoutMs: 5000, intervalMs: 10 });
    holdAs(home, { pid: child.pid!, startTicks: processStartTicks(child.pid!), command: 'up', since: Date.now() });
    const lock = new StateLock(home);
    expect(lock.holder()?.pid).toBe(child.pid);
    child.kill('SIGKILL');
    await waitFor(async () => (!isAlive(child.pid!, { startTicks: processStartTicks(child.pid!) }) ? true : undefined), { what: 'the child to die', timeoutMs: 5000, intervalMs: 10 });
    const release = await lock.acquire('up', { waitMs: 0 });
    expect(lock.holder()?.pid).toBe(process.pid);
    release();

    // Our own pid with another start time: a process that is not the holder.
    holdAs(home, { pid: process.pid, startTicks: (processStartTicks(process.pid) ?? 0) + 12345, command: 'up', since: Date.now() });
    const again = await lock.acquire('down', { waitMs: 0 });
    again();
    expect(existsSync(join(home, 'lock'))).toBe(false);
  });

  it('stops waiting when aborted', async () => {
    const lock = new StateLock(newHome());
    const release = await lock.acquire('up');
    const controller = new AbortController();
    const waiting = lock.acquire('stop db', { signal: controller.signal, waitMs: 60_000 });
    controller.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
    release();
  });
});
