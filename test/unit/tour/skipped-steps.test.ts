import { describe, expect, it } from 'vitest';
import { runPlainTour } from '../../../src/plain/plain-tour.js';
import type { RuntimeAbility } from '../../../src/runtime/types.js';
import { createPaint } from '../../../src/text/paint.js';
import { openTourSession } from '../../../src/tour/tour-session.js';
import { FakeRuntime, fakeEngines } from './fake-runtime.js';

/** A fake runtime that, like your own platform, cannot stop, start or remove services, nor take test records. */
class ReadOnlyRuntime extends FakeRuntime {
  readonly cannot: Partial<Record<RuntimeAbility, string>> = { 'control-services': 'not yours to stop or start', remove: 'nothing to remove', 'write-topic': 'not yours to write to' };
  changed: string[] = [];
  override async stop(): Promise<void> {
    this.changed.push('stop');
  }
  override async start(): Promise<void> {
    this.changed.push('start');
  }
  override async down(): Promise<void> {
    this.changed.push('down');
  }
}

describe('steps the runtime cannot do', () => {
  it('are skipped with the runtime\'s reason in their place, and never call it', async () => {
    const runtime = new ReadOnlyRuntime();
    const session = await openTourSession({ rate: 2, intervalSeconds: 60, keep: false }, { runtime, engines: fakeEngines(runtime) });
    let output = '';
    const code = await runPlainTour(session, { paint: createPaint(false), json: false, columns: 100, write: (text) => (output += text), samples: 1, sampleIntervalMs: 5 });
    expect(code).toBe(0);
    expect(runtime.changed).toEqual([]);
    expect(output).toContain('↷ Skipped: not yours to stop or start');
    expect(output).toContain('↷ Skipped: not yours to write to');
    expect(output).toContain('↷ Step 7 skipped.');
    expect(output).toContain('↷ Step 8 skipped.');
    expect(output).toContain('↷ Step 9 skipped.');
    expect(output).toContain('↷ Skipped: nothing to remove');
    expect(output).toContain('✓ Step 5 done.');
    expect(output).toContain('✓ Step 6 done.');
    expect(output).not.toContain('■ Stopped');
  });

  it('the step runner returns a skipped outcome', async () => {
    const runtime = new ReadOnlyRuntime();
    const session = await openTourSession({ step: 8, rate: 2, intervalSeconds: 60, keep: false }, { runtime, engines: fakeEngines(runtime) });
    await runtime.up({ rate: 2, intervalSeconds: 60 });
    const result = await session.runner.run(session.selected[0]!, () => undefined);
    expect(result).toEqual({ ok: true, outcome: { kind: 'skipped', reason: 'not yours to stop or start' } });
  });
});
