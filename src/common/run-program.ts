import { execFile } from 'node:child_process';
import { UserError } from './errors.js';

export interface ProgramFailure {
  /** What could not be done, as the sentence the user reads. */
  message: string;
  tryThis: string;
  /** Which lines of the program's output explain the failure; by default its last non-empty ones. */
  explainingLines?: (lines: string[]) => string[];
}

export interface RunProgramOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const SHOWN_LINES = 8;

/** The output lines of a failed child process (execFile's error carries stdout and stderr). */
export function outputLinesOf(error: unknown): string[] {
  const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
  return `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '');
}

/**
 * Runs a program to completion and returns its output. When it fails (exit code, signal, timeout,
 * or missing), the error is a UserError in the caller's words, with the lines of output that explain it.
 */
export function runProgram(command: string, args: readonly string[], options: RunProgramOptions, failure: ProgramFailure): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ stdout, stderr });
        return;
      }
      const lines = outputLinesOf({ stdout, stderr });
      const picked = failure.explainingLines?.(lines) ?? [];
      const logTail = (picked.length > 0 ? picked : lines).slice(-SHOWN_LINES);
      if (logTail.length === 0) logTail.push(error.message);
      reject(new UserError(failure.message, { tryThis: failure.tryThis, logTail, cause: error }));
    });
  });
}
