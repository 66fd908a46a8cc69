import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * When a process started, as recorded in the state file and as read back later. A pid alone names
 * a process only until it exits: the kernel hands the number to the next program. The start time
 * tells ours apart from whatever reuses the pid after a crash or a reboot.
 */
export interface ProcessIdentity {
  /** Linux only: field 22 of /proc/PID/stat (clock ticks since boot). Exact. Older state files have only this. */
  startTicks?: number;
  /** Any platform: the start time in ms since the epoch, compared within START_TOLERANCE_MS. */
  startEpochMs?: number;
}

/**
 * How far two readings of one process's start time may differ: `ps` gives whole seconds, and a start
 * time worked out from /proc (boot time + ticks) moves by up to a second when the clock is adjusted.
 */
export const START_TOLERANCE_MS = 2_000;

export type ProcessLookup =
  | { kind: 'absent' }
  | { kind: 'zombie' }
  | { kind: 'live'; start: ProcessIdentity }
  /** The process may exist, but its start time cannot be read here (no /proc, no usable ps). */
  | { kind: 'unreadable'; why: string };

/** Reads a process's start time: /proc on Linux, `ps` elsewhere. Injected so every branch runs in tests on Linux. */
export interface ProcessTable {
  /** Where the start times come from, for messages ("/proc", "ps"). */
  readonly source: string;
  lookup(pid: number): ProcessLookup;
}

/** Linux's USER_HZ: the unit of /proc/PID/stat's times (start, user, system). It is 100 on every Linux architecture userland sees. */
export const LINUX_CLOCK_TICKS_PER_SECOND = 100;

/**
 * The fields of PROC/PID/stat from the third (state) on, so field N of proc(5) is at index N - 3;
 * undefined where there is no such process or no /proc.
 */
export function procStatFields(pid: number, procRoot = '/proc'): string[] | undefined {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Start times from /proc: exact ticks, and the epoch time from the boot time in /proc/stat. */
export function procProcessTable(procRoot = '/proc'): ProcessTable {
  let bootSeconds: number | undefined;
  const bootTime = (): number | undefined => {
    if (bootSeconds !== undefined) return bootSeconds;
    try {
      const match = /^btime (\d+)$/m.exec(readFileSync(`${procRoot}/stat`, 'utf8'));
      bootSeconds = match?.[1] ? Number(match[1]) : undefined;
    } catch {
      bootSeconds = undefined;
    }
    return bootSeconds;
  };
  return {
    source: procRoot,
    lookup(pid) {
      const fields = procStatFields(pid, procRoot);
      if (!fields) return existsSync(`${procRoot}/self/stat`) ? { kind: 'absent' } : { kind: 'unreadable', why: `${procRoot} cannot be read` };
      if (fields[0] === 'Z' || fields[0] === 'X') return { kind: 'zombie' };
      const ticks = Number(fields[19]);
      if (!Number.isFinite(ticks)) return { kind: 'unreadable', why: `${procRoot}/${pid}/stat has no start time` };
      const boot = bootTime();
      const start: ProcessIdentity = { startTicks: ticks };
      if (boot !== undefined) start.startEpochMs = boot * 1000 + Math.round((ticks * 1000) / LINUX_CLOCK_TICKS_PER_SECOND);
      return { kind: 'live', start };
    },
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses `ps -o lstart=` in the C locale ("Mon Nov 30 20:43:49 2026", local time) to ms since the
 * epoch; undefined when the text has another shape.
 */
export function parseLstart(text: string): number | undefined {
  const match = /^\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const [, monthName, day, hours, minutes, seconds, year] = match;
  const month = MONTHS.indexOf(monthName!.toLowerCase());
  if (month < 0) return undefined;
  return new Date(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds)).getTime();
}

export interface PsOptions {
  /** The ps program; /bin/ps or /usr/bin/ps by default, else `ps` from the PATH. */
  command?: string;
  /** Runs ps and returns its output; throws like execFileSync. Injected in tests. */
  exec?: (command: string, args: string[], env: NodeJS.ProcessEnv) => string;
}

function execPs(command: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
}

/**
 * Start times from `ps -o stat= -o lstart= -p PID` (macOS, the BSDs, and Linux without /proc): whole
 * seconds in local time, read in the C locale so month names are English. ps exits 1 with no output
 * when there is no such process.
 */
export function psProcessTable(options: PsOptions = {}): ProcessTable {
  // macOS and the BSDs keep ps in /bin; a PATH trimmed by a launcher may miss it.
  const command = options.command ?? (['/bin/ps', '/usr/bin/ps'].find((path) => existsSync(path)) ?? 'ps');
  const exec = options.exec ?? execPs;
  return {
    source: 'ps',
    lookup(pid) {
      let output: string;
      try {
        output = exec(command, ['-o', 'stat=', '-o', 'lstart=', '-p', String(pid)], { ...process.env, LC_ALL: 'C', LANG: 'C' });
      } catch (error) {
        const failure = error as NodeJS.ErrnoException & { status?: number | null; stdout?: string };
        if (failure.status === 1 && !String(failure.stdout ?? '').trim()) return { kind: 'absent' };
        return { kind: 'unreadable', why: `"${command} -o lstart= -p ${pid}" failed (${failure.code ?? `exit ${failure.status}`})` };
      }
      const line = output.split('\n').find((l) => l.trim() !== '');
      if (!line) return { kind: 'absent' };
      const [state = '', ...rest] = line.trim().split(/\s+/);
      if (state.startsWith('Z')) return { kind: 'zombie' };
      const startEpochMs = parseLstart(rest.join(' '));
      if (startEpochMs === undefined) return { kind: 'unreadable', why: `"${command} -o lstart=" printed "${rest.join(' ')}", which is not a start time` };
      return { kind: 'live', start: { startEpochMs } };
    },
  };
}

/** /proc where the platform is Linux and /proc can be read; `ps` everywhere else. */
export function defaultProcessTable(platform: NodeJS.Platform = process.platform, procRoot = '/proc'): ProcessTable {
  if ((platform === 'linux' || platform === 'android') && existsSync(`${procRoot}/self/stat`)) return procProcessTable(procRoot);
  return psProcessTable();
}

export type Identification =
  /** Alive, and the start time matches the recorded one. */
  | { kind: 'ours' }
  /** No such process any more (or only its zombie). */
  | { kind: 'gone' }
  /** The pid is alive but belongs to another program: it started at another time. */
  | { kind: 'other'; why: string }
  /** The pid is alive, and nothing says whether it is ours. Never signal it. */
  | { kind: 'unconfirmed'; why: string };

function describeStart(start: ProcessIdentity, unit: 'ticks' | 'epoch'): string {
  if ((unit === 'epoch' || start.startTicks === undefined) && start.startEpochMs !== undefined) return new Date(start.startEpochMs).toISOString();
  return `tick ${start.startTicks} since boot`;
}

/** Compares a recorded identity with what the table says now; a pid answering signal 0 is not enough. */
export function identify(pid: number, recorded: ProcessIdentity | undefined, table: ProcessTable): Identification {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: a process with this pid exists but belongs to another user; its start time still decides.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return { kind: 'gone' };
  }
  const now = table.lookup(pid);
  if (now.kind === 'absent' || now.kind === 'zombie') return { kind: 'gone' };
  if (now.kind === 'unreadable') return { kind: 'unconfirmed', why: `its start time cannot be read here: ${now.why}` };
  if (recorded?.startTicks === undefined && recorded?.startEpochMs === undefined) {
    return { kind: 'unconfirmed', why: 'no start time was recorded for it' };
  }
  if (recorded.startTicks !== undefined && now.start.startTicks !== undefined) {
    return recorded.startTicks === now.start.startTicks
      ? { kind: 'ours' }
      : { kind: 'other', why: `it started at ${describeStart(now.start, 'ticks')}, ours at ${describeStart(recorded, 'ticks')}` };
  }
  if (recorded.startEpochMs !== undefined && now.start.startEpochMs !== undefined) {
    return Math.abs(recorded.startEpochMs - now.start.startEpochMs) <= START_TOLERANCE_MS
      ? { kind: 'ours' }
      : { kind: 'other', why: `it started at ${describeStart(now.start, 'epoch')}, ours at ${describeStart(recorded, 'epoch')}` };
  }
  return {
    kind: 'unconfirmed',
    why: `the start time recorded for it (${describeStart(recorded, 'ticks')}) cannot be compared with what ${table.source} gives here`,
  };
}
