import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  logFile: string;
}

export interface Launched {
  pid: number;
  /** Kernel start time of the process, so a recycled pid is never mistaken for ours. */
  startTicks: number | undefined;
  /** Size of the log when the process started: readiness looks only at what comes after. */
  logOffset: number;
}

/** Starts a process in its own process group, detached from ours, its output appended to a log file. */
export function launch(spec: LaunchSpec): Launched {
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
    child.unref();
    return { pid: child.pid, startTicks: processStartTicks(child.pid), logOffset };
  } finally {
    closeSync(fd);
  }
}

/**
 * The fields of /proc/PID/stat from the third (state) on, so field N of proc(5) is at index N - 3;
 * undefined where there is no such process or no /proc (macOS).
 */
export function procStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
export function processStartTicks(pid: number): number | undefined {
  const ticks = procStatFields(pid)?.[19];
  return ticks === undefined ? undefined : Number(ticks);
}

function isZombie(pid: number): boolean {
  return procStatFields(pid)?.[0] === 'Z';
}

/** True when the process we started (same pid, same start time) is still alive. */
export function isAlive(pid: number, startTicks?: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (isZombie(pid)) return false;
  if (startTicks === undefined) return true;
  const now = processStartTicks(pid);
  return now === undefined || now === startTicks;
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

/** Asks the process group to stop, and kills it when it has not within the grace period. Safe to call twice. */
export async function terminate(pid: number, startTicks: number | undefined, graceMs = 20_000): Promise<void> {
  if (!isAlive(pid, startTicks)) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid, startTicks)) return;
    await sleep(100);
  }
  signalGroup(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5000;
  while (Date.now() < killDeadline && isAlive(pid, startTicks)) await sleep(50);
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
