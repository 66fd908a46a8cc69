import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Command lines that mean some environment (ours or anyone's) is running on this machine. */
const STACK_PATTERNS = ['slowdata.service=', 'dist/(services|bundles)/(generator|pipeline).m?js'] as const;

async function matching(pattern: string): Promise<string[]> {
  try {
    const { stdout } = await run('pgrep', ['-af', pattern]);
    return stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.includes('pgrep'));
  } catch (error) {
    // pgrep exits 1 when nothing matches.
    if ((error as { code?: number }).code === 1) return [];
    throw error;
  }
}

/** Processes of any running slowdata environment (other people's included). */
export async function runningStacks(): Promise<string[]> {
  const found = await Promise.all(STACK_PATTERNS.map(matching));
  return found.flat();
}

/**
 * Measurements on a shared 2-core machine are only worth something when nothing else runs:
 * waits (polling every 30 s) until no other environment is up, and fails past the deadline.
 * Never stops anything itself.
 */
export async function waitForQuietMachine(log: (line: string) => void, timeoutMs = 15 * 60_000, intervalMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await runningStacks();
    if (busy.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`another slowdata environment is still running after ${Math.round(timeoutMs / 60_000)} min; not starting a second one:\n${busy.join('\n')}`);
    }
    log(`another slowdata environment is running (${busy.length} processes); checking again in ${intervalMs / 1000} s`);
    await sleep(intervalMs);
  }
}
