import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPortOpen } from '../../src/common/ports.js';
import { LocalRuntime } from '../../src/runtime/local/local-runtime.js';
import { isAlive } from '../../src/runtime/local/processes.js';
import { StateStore } from '../../src/runtime/state.js';

describe('an interrupted up on the real local runtime', () => {
  it('stops waiting as soon as it is aborted, and down still removes what had started', async () => {
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'slowdata-abort-')));
    const runtime = new LocalRuntime(store);
    const controller = new AbortController();
    const began = Date.now();
    let abortedAt = 0;
    const up = runtime.up({
      rate: 2,
      intervalSeconds: 5,
      signal: controller.signal,
      onProgress: (event) => {
        // The first service ready: the others are still starting (Trino takes half a minute).
        if (event.kind === 'service' && event.state === 'ready' && abortedAt === 0) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    await expect(up).rejects.toThrow(/abort/i);
    expect(abortedAt).toBeGreaterThan(began);
    expect(Date.now() - abortedAt).toBeLessThan(5_000);

    const state = store.read()!;
    const started = Object.values(state.services);
    expect(started.length).toBeGreaterThan(0);
    expect(started.some((s) => isAlive(s.pid!, s))).toBe(true);

    await runtime.down();
    for (const record of started) expect(isAlive(record.pid!, record)).toBe(false);
    for (const port of Object.values(state.ports)) expect(await isPortOpen(port)).toBe(false);
    expect(store.read()).toBeUndefined();
  }, 180_000);
});
