import { readdirSync, readFileSync } from 'node:fs';
import { procStatFields } from '../runtime/local/processes.js';

/** VmRSS of one process in KiB (0 when it is gone or has none, e.g. a zombie). */
export function residentKiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match?.[1] ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process group of a pid (field 5 of /proc/PID/stat). */
function groupOf(pid: number): number | undefined {
  const group = procStatFields(pid)?.[2];
  return group === undefined ? undefined : Number(group);
}

/**
 * Resident memory of a service in KiB: the process the runtime started plus every other member
 * of its process group (the runtime starts each service as a group leader, so children count too).
 */
export function groupResidentKiB(leader: number): { kib: number; processes: number } {
  let kib = residentKiB(leader);
  let processes = kib > 0 ? 1 : 0;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === leader) continue;
    if (groupOf(pid) !== leader) continue;
    const rss = residentKiB(pid);
    kib += rss;
    if (rss > 0) processes += 1;
  }
  return { kib, processes };
}
