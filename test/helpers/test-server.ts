/**
 * A server process a test starts itself (the second Trino, the second Kafka): its output in a log
 * file, stopped with SIGTERM (SIGKILL after a grace period), and killed if the test process exits first.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface TestServer {
  /** Set once the process has exited. */
  exitCode(): number | null;
  /** The end of its log, for a failure message. */
  logTail(): string;
  stop(): Promise<void>;
}

export function startTestServer(command: string, args: string[], options: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv; graceMs?: number }): TestServer {
  const log = openSync(options.logFile, 'a');
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', log, log], env: options.env ?? process.env });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    exitCode: () => child.exitCode,
    logTail: () => readFileSync(options.logFile, 'utf8').slice(-3000),
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
