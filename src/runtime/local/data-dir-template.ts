import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A fresh data directory made once and copied afterwards. Kafka's storage format and the
 * database's initialisation each run a program on every `up` from nothing (a JVM start, or the
 * server bootstrapping its system tables: one to two CPU-seconds each, while Trino starts beside
 * them), and what they write depends only on the program and its settings. The first run's result
 * is kept in the artifact cache, named after those; later runs copy it.
 *
 * The template is written under a temporary name and then renamed, so several environments
 * sharing the cache never copy a half-written one. Keeping it is only an optimisation: a template
 * that cannot be written is skipped.
 */
export interface DataDirTemplate {
  /** The cache folder that holds the template once it is complete. */
  dir: string;
}

export function dataDirTemplate(cacheDir: string, service: string, dependsOn: readonly string[]): DataDirTemplate {
  const key = createHash('sha256').update(dependsOn.join('\n')).digest('hex').slice(0, 16);
  return { dir: join(cacheDir, 'templates', `${service}-${key}`) };
}

/**
 * Fills `target` (absent, or an empty folder) from the template when there is one; otherwise runs
 * `create`, which makes `target` (the program's own settings name it), and keeps the result as the
 * template. Returns whether the template was used.
 */
export async function fillFromTemplate(
  template: DataDirTemplate,
  target: string,
  create: () => Promise<void>,
  options: { leaveOut?: (fileName: string) => boolean } = {},
): Promise<boolean> {
  if (existsSync(template.dir)) {
    // Copied beside the target and renamed onto it: a copy cut short never looks like a finished one.
    const copying = `${target}.copying`;
    try {
      rmSync(copying, { recursive: true, force: true });
      mkdirSync(dirname(target), { recursive: true });
      cpSync(template.dir, copying, { recursive: true });
      renameSync(copying, target);
      return true;
    } catch {
      // a full disk, a template removed meanwhile: the program itself says what is wrong
      rmSync(copying, { recursive: true, force: true });
      rmSync(target, { recursive: true, force: true });
      await create();
      return false;
    }
  }
  await create();
  keep(template, target, options.leaveOut);
  return false;
}

function keep(template: DataDirTemplate, made: string, leaveOut: (fileName: string) => boolean = () => false): void {
  const temporary = `${template.dir}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(template.dir), { recursive: true });
    cpSync(made, temporary, { recursive: true, filter: (source) => !leaveOut(basename(source)) });
    renameSync(temporary, template.dir);
  } catch {
    // another environment kept its own first, or the cache is not writable: the next run makes one again
    try {
      rmSync(temporary, { recursive: true, force: true });
    } catch {
      // nothing was written
    }
  }
}
