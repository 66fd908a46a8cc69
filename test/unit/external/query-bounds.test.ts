import { describe, expect, it } from 'vitest';
import { bounded, QueryStopped } from '../../../src/engines/query-bounds.js';

const never = () => new Promise<never>(() => undefined);

describe('a bounded query', () => {
  it('past its deadline is cancelled on the server and says so', async () => {
    let cancelled = 0;
    const error = await bounded({ timeoutMs: 20 }, never(), async () => void cancelled++).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryStopped);
    expect((error as Error).message).toBe('the query took longer than 0 s and was cancelled on the server');
    expect(cancelled).toBe(1);
  });

  it('Ctrl-C (the signal) cancels it at once, and an answer in time is returned untouched', async () => {
    const controller = new AbortController();
    let cancelled = 0;
    const pending = bounded({ signal: controller.signal }, never(), async () => void cancelled++).catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toMatchObject({ why: 'cancelled' });
    expect(cancelled).toBe(1);
    expect(await bounded({ timeoutMs: 1000 }, Promise.resolve(42), async () => void cancelled++)).toBe(42);
    expect(cancelled).toBe(1);
  });
});
