import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { packageRoot } from '../common/paths.js';

export interface RunNodeOptions {
  /** Past this, the program is stopped (SIGTERM) and the run fails. */
  timeoutMs: number;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /**
   * Where the program's output goes: `'inherit'` streams it through (the default), `'ignore'`
   * drops it, a path appends it to that file. Unless inherited, its last lines come with a failure.
   */
  output?: 'inherit' | 'ignore' | { logFile: string };
  /** How the program is named in a failure; by default its script and arguments. */
  what?: string;
}

const SHOWN_LINES = 8;

/**
 * Runs a Node program (a script of this package, with `process.execPath`) to completion, from the
 * package root. Resolves with its wall-clock time in ms; rejects on a non-zero exit or past the deadline.
 * The benchmark's one child-process runner: the generator's bulk fill, the CLI under a stopwatch, `up` and `down`.
 */
export function runNode(script: string, args: readonly string[], options: RunNodeOptions): Promise<number> {
  const output = options.output ?? 'inherit';
  const what = options.what ?? [script, ...args].join(' ');
  return new Promise((resolvePromise, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [script, ...args], {
      cwd: packageRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', output === 'inherit' ? 'inherit' : 'pipe', output === 'inherit' ? 'inherit' : 'pipe'],
    });
    let captured = '';
    if (output !== 'inherit') {
      const keep = (chunk: Buffer) => void (captured += chunk.toString());
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
    }
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${what} did not finish within ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const elapsed = Math.round(performance.now() - began);
      if (typeof output === 'object') {
        try {
          appendFileSync(output.logFile, captured);
        } catch {
          // a log that cannot be written (its folder removed, e.g. by `down`) loses this output, not the run
        }
      }
      if (code === 0) {
        resolvePromise(elapsed);
        return;
      }
      const lines = captured.split('\n').filter((line) => line.trim() !== '').slice(-SHOWN_LINES);
      reject(new Error(`${what} exited with code ${code}${lines.length > 0 ? `:\n${lines.join('\n')}` : ''}`));
    });
  });
}
