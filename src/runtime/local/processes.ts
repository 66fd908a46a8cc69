import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../../common/errors.js';
import { defaultProcessTable, identify, procStatFields, type ProcessIdentity, type ProcessTable } from './process-table.js';

export { LINUX_CLOCK_TICKS_PER_SECOND, procStatFields, type ProcessIdentity, type ProcessTable } from './process-table.js';

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  logFile: string;
}

export interface Launched extends ProcessIdentity {
  pid: number;
  /** Size of the log when the process started: readiness looks only at what comes after. */
  logOffset: number;
}

/**
 * Starts a process in its own process group, detached from ours, its output appended to a log file,
 * and records when it started (see ProcessIdentity). Where that cannot be read, the process is
 * stopped at once (it is surely ours until Node reaps it) and nothing is left that could not be
 * stopped safely later.
 */
export function launch(spec: LaunchSpec, table: ProcessTable = defaultProcessTable()): Launched {
  let logOffset = 0;
  try {
    logOffset = statSync(spec.logFile).size;
  } catch {
    logOffset = 0;
  }
  const fd = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    const now = table.lookup(child.pid);
    if (now.kind === 'unreadable') {
      child.kill('SIGKILL');
      throw new UserError(`The local runtime cannot tell its processes apart from others here: ${now.why}.`, {
        tryThis: 'make sure "ps" is on the PATH, or use --runtime docker',
      });
    }
    child.unref();
    // 'absent' or 'zombie': it exited at once; readiness reports that with its log.
    return { pid: child.pid, ...(now.kind === 'live' ? now.start : {}), logOffset };
  } finally {
    closeSync(fd);
  }
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot (Linux only). */
export function processStartTicks(pid: number): number | undefined {
  const ticks = procStatFields(pid)?.[19];
  return ticks === undefined ? undefined : Number(ticks);
}

/**
 * True when the process we started (same pid, same start time) is still alive. False when it is gone,
 * when its pid now belongs to another program, and when that cannot be told (see `identify`).
 */
export function isAlive(pid: number, recorded: ProcessIdentity | undefined, table: ProcessTable = defaultProcessTable()): boolean {
  return identify(pid, recorded, table).kind === 'ours';
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export type TerminateOutcome =
  /** It was ours and has stopped (or was already gone). */
  | { kind: 'stopped' | 'gone' }
  /** Left alone: its pid belongs to another program now, or nothing confirms it is ours. */
  | { kind: 'other' | 'unconfirmed'; pid: number; why: string };

/** One sentence for a process left alone, naming its pid. */
export function leftAloneMessage(what: string, outcome: Extract<TerminateOutcome, { pid: number }>): string {
  return outcome.kind === 'other'
    ? `${what} (pid ${outcome.pid}) was not running: pid ${outcome.pid} now belongs to another program (${outcome.why}), which was left alone.`
    : `${what} (pid ${outcome.pid}) was not stopped: ${outcome.why}, so it cannot be told apart from another program that reused pid ${outcome.pid}; check it with "ps -p ${outcome.pid}" and stop it yourself if it is the tour's.`;
}

/**
 * Asks the process group to stop, and kills it when it has not within the grace period. Safe to call
 * twice. Signals only a process whose start time matches the recorded one; anything else is left
 * alone and said in the outcome.
 */
export async function terminate(
  pid: number,
  recorded: ProcessIdentity | undefined,
  graceMs = 20_000,
  table: ProcessTable = defaultProcessTable(),
): Promise<TerminateOutcome> {
  const first = identify(pid, recorded, table);
  if (first.kind === 'gone') return { kind: 'gone' };
  if (first.kind !== 'ours') return { kind: first.kind, pid, why: first.why };
  // Asked again before every step: the pid is ours only until the moment it exits.
  const check = (): TerminateOutcome | undefined => {
    const now = identify(pid, recorded, table);
    if (now.kind === 'ours') return undefined;
    return now.kind === 'unconfirmed' ? { kind: 'unconfirmed', pid, why: now.why } : { kind: 'stopped' };
  };
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    const done = check();
    if (done) return done;
    await sleep(100);
  }
  const before = check();
  if (before) return before;
  signalGroup(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5000;
  while (Date.now() < killDeadline) {
    const done = check();
    if (done) return done;
    await sleep(50);
  }
  return { kind: 'stopped' };
}

/** The last `lines` lines of a file (empty when it does not exist). */
export async function tail(file: string, lines: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const all = buffer.toString('utf8').split('\n');
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines);
  } finally {
    await handle.close();
  }
}

/** The text appended to a file since `offset`. */
export async function readFrom(file: string, offset: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    if (size <= offset) return '';
    const buffer = Buffer.alloc(Math.min(size - offset, 1024 * 1024));
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
