import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { programIdentity } from './program-identity.js';

const run = promisify(execFile);

/**
 * JDK class-data sharing for the JVM services: the classes a service has loaded by the time it
 * is ready are written once to an archive in the artifact cache, and every later start maps that
 * archive instead of reading, parsing and verifying each class again.
 *
 * The archive is named after what it depends on (the java binary and the service's classpath), so
 * a new JDK or new jars get a new one. A start without one runs with -XX:+RecordDynamicDumpInfo
 * and, once ready, `jcmd <pid> VM.cds dynamic_dump` writes it (JDK 17+) to a temporary name that
 * is then renamed: several environments on one machine share the cache, and none ever maps a
 * half-written file. (Dumping at exit, -XX:ArchiveClassesAtExit, lost the archive whenever a
 * slow shutdown ran into the stop's grace period.) Without an archive, or with one the JVM
 * rejects, the JVM starts as it would without: -Xshare:auto is the default.
 */
export interface ClassDataArchive {
  java: string;
  /** The archive starts use. */
  file: string;
}

export function classDataArchive(cacheDir: string, service: string, java: string, classpath: readonly string[]): ClassDataArchive {
  const key = createHash('sha256').update([programIdentity(java), ...classpath].join('\n')).digest('hex').slice(0, 16);
  return { java, file: join(cacheDir, 'cds', `${service}-${key}.jsa`) };
}

/** The JVM flags for a start: map the archive, or record what a dump needs. */
export function classDataFlags(archive: ClassDataArchive): string[] {
  return existsSync(archive.file) ? [`-XX:SharedArchiveFile=${archive.file}`] : ['-XX:+RecordDynamicDumpInfo'];
}

/**
 * Writes the archive from the running JVM `pid` when there is none yet (it pauses that JVM for a
 * second or two, once). Never fails: an archive is only an optimisation.
 */
export async function dumpClassData(archive: ClassDataArchive, pid: number): Promise<void> {
  if (existsSync(archive.file)) return;
  const jcmd = join(dirname(archive.java), 'jcmd');
  if (!existsSync(jcmd)) return;
  const temporary = `${archive.file}.${process.pid}.${pid}.tmp`;
  try {
    mkdirSync(dirname(archive.file), { recursive: true });
    await run(jcmd, [String(pid), 'VM.cds', 'dynamic_dump', temporary], { timeout: 120_000 });
    if (existsSync(temporary) && statSync(temporary).size > 0) renameSync(temporary, archive.file);
  } catch {
    // no archive this time; the next start tries again
  } finally {
    rmSync(temporary, { force: true });
  }
}
