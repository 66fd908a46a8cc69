import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/common/paths.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const CLI = join(packageRoot, 'dist', 'cli.js');

/** Runs the built CLI as a user would, without a terminal, and collects what it printed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI with --json and parses what it printed; a failure shows its output. */
export async function cliJson<T>(args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const run = await runCli([...args, '--json'], env);
  if (run.code !== 0) throw new Error(`slowdata-tour ${args.join(' ')} exited ${run.code}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}
