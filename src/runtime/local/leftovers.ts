import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SERVICE_NAMES, type ServiceName } from '../types.js';

/** A process on this machine and its command line. */
export interface ProcessEntry {
  pid: number;
  /** The command line as one string, arguments separated by spaces. */
  commandLine: string;
}

/** Lists the machine's processes; tests may pass their own. */
export interface ProcessLister {
  list(): ProcessEntry[];
}

/** /proc/PID/cmdline where there is a /proc (Linux), `ps` elsewhere (macOS). */
export const systemProcesses: ProcessLister = {
  list() {
    return existsSync('/proc/self/cmdline') ? fromProc() : fromPs();
  },
};

function fromProc(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      if (commandLine) entries.push({ pid: Number(name), commandLine });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return entries;
}

function fromPs(): ProcessEntry[] {
  const out = execFileSync('ps', ['-axww', '-o', 'pid=,args='], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), commandLine: m[2]! }));
}

/** A process of one state home, and which service it is, when its arguments say. */
export interface Leftover extends ProcessEntry {
  service: ServiceName | undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Which service a command line of ours belongs to. */
export function serviceOf(commandLine: string): ServiceName | undefined {
  const named = /-Dslowdata\.service=(\w+)/.exec(commandLine)?.[1];
  if (named && (SERVICE_NAMES as readonly string[]).includes(named)) return named as ServiceName;
  if (/services[\\/]generator\.js/.test(commandLine)) return 'generator';
  if (/services[\\/]pipeline\.js/.test(commandLine)) return 'pipeline';
  if (/--datadir=/.test(commandLine)) return 'db';
  return undefined;
}

/**
 * The processes whose command line names this state home (every service of the local runtime
 * has it in its arguments: a data directory, a config file under it, or --home), except `exclude`
 * (the ones the state knows, and this process and its parent).
 */
export function processesOfHome(home: string, lister: ProcessLister = systemProcesses, exclude: Iterable<number> = []): Leftover[] {
  const skip = new Set([...exclude, process.pid, process.ppid]);
  // The home as a whole path: followed by a separator or the end, preceded by the start, a space, = or :.
  const pattern = new RegExp(`(^|[\\s=:])${escapeRegExp(home.replace(/[\\/]+$/, ''))}([\\\\/]|\\s|$)`);
  return lister
    .list()
    .filter((p) => !skip.has(p.pid) && pattern.test(p.commandLine))
    .map((p) => ({ ...p, service: serviceOf(p.commandLine) }));
}
