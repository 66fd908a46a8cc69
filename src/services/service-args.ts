import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

/** Parses a service program's flags with a zod schema; a bad flag exits with one line on stderr. */
export function parseServiceArgs<S extends z.ZodType>(program: string, schema: S, options: NonNullable<ParseArgsConfig['options']>, argv = process.argv.slice(2)): z.infer<S> {
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    const result = schema.safeParse(values);
    if (result.success) return result.data;
    throw new Error(result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  } catch (error) {
    process.stderr.write(`${program}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

/** Resolves when the process is asked to stop (SIGTERM or SIGINT). */
export function stopRequested(): { signal: AbortSignal } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return { signal: controller.signal };
}

export function log(program: string, message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${program} ${message}\n`);
}
