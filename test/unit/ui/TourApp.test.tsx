import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { TourApp } from '../../../src/ui/components/TourApp.js';
import { createPaint } from '../../../src/text/paint.js';
import { openTourSession } from '../../../src/tour/tour-session.js';
import { FakeRuntime, fakeEngines } from '../tour/fake-runtime.js';

const ENTER = '\r';

async function waitForFrame(lastFrame: () => string | undefined, pattern: RegExp, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (pattern.test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${pattern}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function renderTour(startAt?: number) {
  const runtime = new FakeRuntime();
  const session = await openTourSession({ step: startAt, rate: 2, intervalSeconds: 60, keep: false }, { runtime, engines: fakeEngines(runtime) });
  const app = render(<TourApp session={session} paint={createPaint(false)} liveIntervalMs={30} />);
  return { ...app, runtime };
}

describe('TourApp (fake runtime)', () => {
  it('waits for Enter, then runs the steps one by one, live views refreshing', async () => {
    const { lastFrame, stdin, unmount } = await renderTour();
    expect(await waitForFrame(lastFrame, /Step 1 of 8 · Start the environment {2}not run yet/)).toContain('Enter run step 1');
    stdin.write(ENTER);
    const step1 = await waitForFrame(lastFrame, /The environment is up/);
    expect(step1).toContain('● kafka');
    stdin.write(ENTER);
    expect(await waitForFrame(lastFrame, /Step 2 of 8.*✓ done/)).toContain('{"storeId":"ST-1103"');
    stdin.write(ENTER);
    expect(await waitForFrame(lastFrame, /Step 3 of 8.*✓ done/)).toMatch(/ST-1100 │ +500\.00/);
    stdin.write(ENTER);
    expect(await waitForFrame(lastFrame, /Step 4 of 8.*✓ done/)).toMatch(/ST-1100 │ +600\.00/);
    stdin.write(ENTER);
    const step5 = await waitForFrame(lastFrame, /Step 5 of 8.*live, refreshing[\s\S]*Kafka sees/);
    const records = /kafka +│ +(\d+)/.exec(step5)?.[1];
    expect(await waitForFrame(lastFrame, new RegExp(`kafka +│ +(?!${records} )\\d+ `))).toContain('Kafka sees');
    stdin.write(ENTER);
    const step6 = await waitForFrame(lastFrame, /Step 6 of 8[\s\S]*■ db \(warehouse\)[\s\S]*The warehouse cannot answer/);
    expect(step6).toContain('■ Stopped: db, connect, pipeline');
    expect(step6).toContain('Last lines of the db log:');
    expect(step6).toContain('● trino');
    unmount();
  });

  it('reruns the current step on r', async () => {
    const { lastFrame, stdin, unmount } = await renderTour(2);
    await waitForFrame(lastFrame, /Step 2 of 8.*(✓ done|✗ failed)/);
    expect(lastFrame()).toContain('Step 2 needs the environment to be up, and it is not. Run step 1 (Start the environment) first.');
    stdin.write('r');
    await waitForFrame(lastFrame, /Step 2 of 8.*✗ failed/);
    unmount();
  });
});
