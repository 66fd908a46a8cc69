import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** What is being waited for, in words: it names the condition in a timeout message. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
  /** A check error for which this is true ends the wait at once (e.g. the process being waited for has exited). */
  isFatal?: (error: unknown) => boolean;
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly waitedMs: number,
    readonly lastError: unknown,
  ) {
    const last = lastError instanceof Error ? ` (last check: ${lastError.message})` : '';
    super(`Timed out after ${Math.round(waitedMs / 1000)} s waiting for ${what}${last}`);
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `check` until it returns a value other than `undefined`/`false`, or throws
 * WaitTimeoutError at the deadline. A check that throws counts as "not yet", unless `isFatal` says it ends the wait.
 */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, options: WaitOptions): Promise<T> {
  const started = Date.now();
  const interval = options.intervalMs ?? 250;
  let lastError: unknown;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (options.isFatal?.(error)) throw error;
      lastError = error;
    }
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) throw new WaitTimeoutError(options.what, waited, lastError);
    await sleep(Math.min(interval, options.timeoutMs - waited), undefined, { signal: options.signal });
  }
}
