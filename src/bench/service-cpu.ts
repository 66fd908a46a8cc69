import { setTimeout as sleep } from 'node:timers/promises';
import { LINUX_CLOCK_TICKS_PER_SECOND, procStatFields } from '../runtime/local/processes.js';

/** CPU seconds (user and system) the processes have used so far; one that is gone counts 0. */
export function cpuSeconds(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    const fields = procStatFields(pid);
    // Fields 14 and 15 of the stat line; procStatFields starts at field 3.
    if (fields) total += (Number(fields[11]) + Number(fields[12])) / LINUX_CLOCK_TICKS_PER_SECOND;
  }
  return total;
}

export interface Settled {
  waitedMs: number;
  /** The processes' CPU use over the last window, in cores. */
  cores: number;
}

/**
 * Waits until the processes together use less than `cores` of CPU over a window: a JVM goes on
 * compiling for a while after it is ready, and a command timed then measures that, not itself.
 * Gives up after `timeoutMs`, returning the last figure.
 */
export async function settle(pids: () => readonly number[], { cores = 0.15, windowMs = 2000, timeoutMs = 60_000 } = {}): Promise<Settled> {
  const began = Date.now();
  let before = cpuSeconds(pids());
  for (;;) {
    await sleep(windowMs);
    const now = cpuSeconds(pids());
    const used = (now - before) / (windowMs / 1000);
    before = now;
    if (used < cores || Date.now() - began >= timeoutMs) return { waitedMs: Date.now() - began, cores: used };
  }
}
