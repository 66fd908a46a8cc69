import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * JDK class-data sharing for the JVM services: the classes a service loads while it runs are
 * written to an archive when it exits, and later starts map that archive instead of reading,
 * parsing and verifying every class again.
 *
 * The archive a start uses lives in the artifact cache, named after what it depends on (the java
 * binary and the service's classpath), so a new JDK or new jars get a new one. The first start
 * dumps to its own data directory (-XX:ArchiveClassesAtExit, JDK 13+) and the archive is moved
 * into the cache in one rename once that JVM has exited: several environments on one machine
 * share the cache, and none ever maps a half-written file. Without an archive, or with one the
 * JVM rejects, the JVM starts as it would without (-Xshare:auto is the default).
 */
export interface ClassDataArchive {
  /** The archive starts use, in the cache. */
  cached: string;
  /** Where a start without a cached archive dumps one, in the service's data directory. */
  pending: string;
}

const TARGET_SUFFIX = '.target';

export function classDataArchive(cacheDir: string, dataDir: string, service: string, java: string, classpath: readonly string[]): ClassDataArchive {
  let javaId = java;
  try {
    const real = realpathSync(java);
    javaId = `${real}@${statSync(real).mtimeMs}`;
  } catch {
    // a java that cannot be resolved still gets a name of its own
  }
  const key = createHash('sha256').update([javaId, ...classpath].join('\n')).digest('hex').slice(0, 16);
  return { cached: join(cacheDir, 'cds', `${service}-${key}.jsa`), pending: join(dataDir, `${service}-classes.jsa`) };
}

/** The JVM flags for a start: use the cached archive, or dump one at exit. */
export function classDataFlags(archive: ClassDataArchive): string[] {
  if (existsSync(archive.cached)) return [`-XX:SharedArchiveFile=${archive.cached}`];
  rmSync(archive.pending, { force: true });
  writeFileSync(`${archive.pending}${TARGET_SUFFIX}`, archive.cached);
  return [`-XX:ArchiveClassesAtExit=${archive.pending}`];
}

/**
 * Moves an archive the service dumped at exit into the cache (copy to a temporary name beside it,
 * then rename: atomic, also across file systems), or only removes it when `keep` is false (the
 * JVM was killed, perhaps while writing it). Call once the JVM has gone; safe to call when there
 * is nothing to move.
 */
export function adoptClassData(dataDir: string, service: string, keep = true): void {
  const pending = join(dataDir, `${service}-classes.jsa`);
  const targetFile = `${pending}${TARGET_SUFFIX}`;
  if (!existsSync(targetFile)) return;
  try {
    const target = readFileSync(targetFile, 'utf8').trim();
    if (keep && existsSync(pending) && statSync(pending).size > 0 && !existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      copyFileSync(pending, temporary);
      renameSync(temporary, target);
    }
  } catch {
    // An archive is only an optimisation: a failure to keep it costs the next start some seconds.
  } finally {
    rmSync(pending, { force: true });
    rmSync(targetFile, { force: true });
  }
}
