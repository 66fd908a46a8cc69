import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../common/errors.js';
import { fileSystemUserError } from '../common/fs-errors.js';
import { isAlive, processStartTicks } from './local/processes.js';

/** Who holds the lock: enough to know whether it still lives, and to name it to a person. */
export interface LockHolder {
  pid: number;
  /** The holder's kernel start time, so a recycled pid is never taken for the holder. */
  startTicks: number | undefined;
  /** What it is doing, in words: "up", "stop db connect". */
  command: string;
  since: number;
  /** Tells two holds by the same process apart. */
  token?: string;
}

/** How the lock tells a live holder from a dead one; tests may pass their own. */
export interface ProcessIdentity {
  startTicks(pid: number): number | undefined;
  isAlive(pid: number, startTicks?: number): boolean;
}

/** Without a start time (no /proc), a holder whose pid answers counts as alive: better to wait than to take a live holder's lock. */
function pidAnswers(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const ownProcesses: ProcessIdentity = {
  startTicks: processStartTicks,
  isAlive: (pid, startTicks) => (startTicks === undefined ? pidAnswers(pid) : isAlive(pid, { startTicks })),
};

export interface LockOptions {
  /** How long to wait for another command to finish before refusing. @default 15 minutes, or SLOWDATA_LOCK_WAIT_SECONDS */
  waitMs?: number;
  /** Called once when the lock is held by another live command and this one starts waiting. */
  onWait?: (holder: LockHolder) => void;
  /** Stops the waiting (the user quit). */
  signal?: AbortSignal;
}

export const LOCK_FILE = 'lock';

export function defaultLockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.SLOWDATA_LOCK_WAIT_SECONDS);
  return Number.isFinite(seconds) && seconds >= 0 && env.SLOWDATA_LOCK_WAIT_SECONDS !== '' ? seconds * 1000 : 15 * 60_000;
}

/** "up (pid 1234, since 20:51:02)" */
export function describeHolder(holder: LockHolder): string {
  return `${holder.command} (pid ${holder.pid}, since ${new Date(holder.since).toISOString().slice(11, 19)} UTC)`;
}

/**
 * One state-changing command at a time per state directory. The lock is a file holding the
 * holder's pid and kernel start time, created atomically (a hard link of a complete file, so it is
 * never seen half-written). A holder that has died (or whose pid now belongs to another process)
 * no longer holds it: the next command takes it over at once, with no timeout to wait out.
 */
export class StateLock {
  constructor(
    readonly home: string,
    private readonly identity: ProcessIdentity = ownProcesses,
  ) {}

  get file(): string {
    return join(this.home, LOCK_FILE);
  }

  /** The live holder, if any (a dead holder's lock is treated as free). */
  holder(): LockHolder | undefined {
    const holder = this.readHolder(this.file);
    return holder && this.identity.isAlive(holder.pid, holder.startTicks) ? holder : undefined;
  }

  /** Runs `work` holding the lock; waits for another holder, and refuses in words when it does not finish in time. */
  async withLock<T>(command: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const release = await this.acquire(command, options);
    try {
      return await work();
    } finally {
      release();
    }
  }

  async acquire(command: string, options: LockOptions = {}): Promise<() => void> {
    const waitMs = options.waitMs ?? defaultLockWaitMs();
    const deadline = Date.now() + waitMs;
    let told = false;
    const mine: LockHolder = { pid: process.pid, startTicks: this.identity.startTicks(process.pid), command, since: Date.now(), token: randomBytes(6).toString('hex') };
    for (;;) {
      options.signal?.throwIfAborted();
      if (this.tryCreate(mine)) return () => this.release(mine);
      const holder = this.readHolder(this.file);
      if (!holder || !this.identity.isAlive(holder.pid, holder.startTicks)) {
        this.breakStale(holder);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new UserError(`Another slowdata-tour command is changing this environment: ${describeHolder(holder)}; "${command}" did not run.`, {
          tryThis: `wait for it to finish and run "slowdata-tour ${command}" again ("slowdata-tour status" shows what runs meanwhile)`,
        });
      }
      if (!told) {
        options.onWait?.(holder);
        told = true;
      }
      await sleep(Math.min(250, Math.max(1, deadline - Date.now())), undefined, { signal: options.signal });
    }
  }

  /** Creates the lock file with our content, atomically; false when it exists. */
  private tryCreate(mine: LockHolder): boolean {
    const temp = join(this.home, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(this.home, { recursive: true });
      writeFileSync(temp, JSON.stringify(mine), { mode: 0o600 });
      try {
        linkSync(temp, this.file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      } finally {
        rmQuietly(temp);
      }
    } catch (error) {
      throw fileSystemUserError(error, "the environment's state directory", 'Nothing was started or stopped.') ?? error;
    }
  }

  private readHolder(file: string): LockHolder | undefined {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
      if (typeof data.pid !== 'number') return undefined;
      return { pid: data.pid, startTicks: typeof data.startTicks === 'number' ? data.startTicks : undefined, command: String(data.command ?? 'a command'), since: Number(data.since ?? 0), token: typeof data.token === 'string' ? data.token : undefined };
    } catch {
      return undefined;
    }
  }

  /**
   * Removes a dead holder's lock. It is moved aside first and checked: should another command have
   * taken the lock over between our look and the move, it is put back untouched.
   */
  private breakStale(seen: LockHolder | undefined): void {
    const aside = join(this.home, `${LOCK_FILE}.stale.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      renameSync(this.file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw fileSystemUserError(error, "the environment's state directory", 'Nothing was started or stopped.') ?? error;
    }
    const moved = this.readHolder(aside);
    const sameAsSeen = moved?.pid === seen?.pid && moved?.token === seen?.token;
    if (!sameAsSeen && moved && this.identity.isAlive(moved.pid, moved.startTicks)) {
      try {
        linkSync(aside, this.file);
      } catch {
        // A third command took it meanwhile; the live one we moved keeps running and releases nothing.
      }
    }
    rmQuietly(aside);
  }

  private release(mine: LockHolder): void {
    const current = this.readHolder(this.file);
    if (current?.pid === mine.pid && current.token === mine.token) rmQuietly(this.file);
    // `down` removes everything else in the home; leave no empty folder behind.
    try {
      rmdirSync(this.home);
    } catch {
      // not empty, or gone
    }
  }
}

function rmQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
