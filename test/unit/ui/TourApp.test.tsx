import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import { TourProgressFile } from '../../../src/tour/tour-progress.js';
import { describe, expect, it } from 'vitest';
import { TourApp } from '../../../src/ui/components/TourApp.js';
import { pullFailed } from '../../../src/runtime/docker/docker-errors.js';
import { createPaint } from '../../../src/text/paint.js';
import { openTourSession } from '../../../src/tour/tour-session.js';
import { FAKE_ENDPOINTS, FakeRuntime, fakeEngines } from '../tour/fake-runtime.js';
import type { Engines } from '../../../src/tour/context.js';

const ENTER = '\r';
const ESC = '\u001B';
const CTRL_C = '\u0003';

/** Waits for a frame that matches the pattern, or of which the predicate holds. */
async function waitForFrame(lastFrame: () => string | undefined, pattern: RegExp | ((frame: string) => boolean), timeoutMs = 3000): Promise<string> {
  const matches = typeof pattern === 'function' ? pattern : (frame: string) => pattern.test(frame);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (matches(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${pattern}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Esc until the SQL prompt has closed and the step's own screen is back. */
async function closeQuestion(stdin: { write: (data: string) => void }, lastFrame: () => string | undefined): Promise<void> {
  for (let i = 0; i < 3 && /Your own question, on both engines/.test(lastFrame() ?? ''); i++) {
    stdin.write(ESC);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await waitForFrame(lastFrame, (frame) => !frame.includes('Your own question, on both engines'));
}

/** Gives the test terminal another size, as a real terminal's resize would. */
function resize(stdout: NodeJS.EventEmitter, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
  stdout.emit('resize');
}

async function renderTour(startAt?: number, progress?: TourProgressFile, size = { columns: 100, rows: 60 }, before?: (engines: Engines) => Promise<unknown>) {
  const runtime = new FakeRuntime();
  const engines = fakeEngines(runtime);
  await before?.(engines);
  const session = await openTourSession({ step: startAt, rate: 2, intervalSeconds: 60, keep: false }, { runtime, engines, progress });
  const copied: string[] = [];
  const element = <TourApp session={session} paint={createPaint(false)} copyToClipboard={(text) => copied.push(text)} liveIntervalMs={30} />;
  const app = render(element);
  resize(app.stdout, size.columns, size.rows);
  // The size reaches the screen through a state update: wait for a frame drawn at it.
  await waitForFrame(app.lastFrame, (frame) => frame.split('\n').every((line) => line.length <= size.columns));
  /**
   * What the app ended with (`exit('interrupted')`…), as runInteractiveTour reads it. Ink keeps one
   * instance per stdout: rendering the same element there again hands back that instance.
   */
  const exitReason = () => inkRender(element, { stdout: app.stdout as unknown as NodeJS.WriteStream, stdin: app.stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false }).waitUntilExit();
  return { ...app, runtime, copied, exitReason };
}

/** Resolves with what the promise gave, or with 'still running' after `ms`. */
function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> {
  return Promise.race([promise, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

describe('TourApp (fake runtime)', () => {
  it('waits for Enter, then runs the steps one by one, live views refreshing', async () => {
    const { lastFrame, stdin, unmount, copied } = await renderTour();
    expect(await waitForFrame(lastFrame, /Step 1 of 10 · Start the environment {2}not run yet/)).toContain('Enter run step 1');
    stdin.write(ENTER);
    const step1 = await waitForFrame(lastFrame, /The environment is up/);
    expect(step1).toContain('● kafka');
    stdin.write(ENTER);
    const step2 = await waitForFrame(lastFrame, /Step 2 of 10.*✓ done/);
    expect(step2).toMatch(/store +│ +amount +│ +payment term +│ +item +│ +event time \(UTC\) +│ +age/);
    expect(step2).toMatch(/ST-1103 +│ +57\.31 +│ +GBR +│ +40170725 +│/);
    expect(step2).toMatch(/✗ invalid +│ +│ +\{"storeId":"ST-1100…/);
    stdin.write(ENTER);
    expect(await waitForFrame(lastFrame, /Step 3 of 10.*✓ done/)).toMatch(/ST-1100 │ +500\.00/);
    stdin.write(ENTER);
    expect(await waitForFrame(lastFrame, /Step 4 of 10.*✓ done/)).toMatch(/ST-1100 │ +600\.00/);
    stdin.write(ENTER);
    const step5 = await waitForFrame(lastFrame, /Step 5 of 10.*live, refreshing[\s\S]*Kafka sees/);
    const records = /kafka +│ +(\d+)/.exec(step5)?.[1];
    expect(await waitForFrame(lastFrame, new RegExp(`kafka +│ +(?!${records} )\\d+ `))).toContain('Kafka sees');
    stdin.write(ENTER);
    const question = await waitForFrame(lastFrame, /Your own question, on both engines/);
    expect(question).toContain('count and sum per payment term');
    await closeQuestion(stdin, lastFrame);
    const step6Done = await waitForFrame(lastFrame, /Step 6 of 10 · Ask your own question {2}✓ done/);
    expect(step6Done).toMatch(/paymenttermcode[\s\S]*GBR/);
    stdin.write('/');
    await waitForFrame(lastFrame, /Your own question, on both engines/);
    await closeQuestion(stdin, lastFrame);
    stdin.write(ENTER);
    const badData = await waitForFrame(lastFrame, /Step 7 of 10 · Bad data arrives[\s\S]*Set aside by both engines/);
    expect(badData).toContain('Written to the topic transactions (6 records):');
    expect(badData).toMatch(/wrong-type +\{"storeId":"ST-1100","amount":"lots"\}/);
    expect(badData).toMatch(/the same 7 lines: missing-field 2, not-json 1, empty 1, not-an-object 1,\s+wrong-type 2\./);
    stdin.write(ENTER);
    const step6 = await waitForFrame(lastFrame, /Step 8 of 10[\s\S]*■ db \(warehouse\)[\s\S]*The warehouse cannot answer/);
    expect(step6).toContain('■ Stopped: db, connect, pipeline');
    expect(step6).toContain('Last lines of the db log:');
    expect(step6).toContain('● trino');
    expect(step6).toContain('slowdata-tour stop db connect pipeline');
    stdin.write('c');
    expect(await waitForFrame(lastFrame, /Copied to the clipboard: slowdata-tour stop db connect pipeline/)).toBeTruthy();
    expect(copied).toEqual(['slowdata-tour stop db connect pipeline']);
    unmount();
  });

  it('at 80×24, every step fits the terminal: nothing wider than 80 columns, nothing taller than 23 rows', async () => {
    // Bad records on the topic from the start: step 4 also says which one breaks the seed's query.
    const { lastFrame, stdin, unmount } = await renderTour(undefined, undefined, { columns: 80, rows: 24 }, (engines) => engines.writeBadRecords(FAKE_ENDPOINTS.kafka, ['amount-text']));
    const fits = (frame: string) => {
      const lines = frame.split('\n');
      expect(lines.length, frame).toBeLessThanOrEqual(23);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    };
    fits(await waitForFrame(lastFrame, /Step 1 of 10/));
    const patterns = [/Step 1 of 10.*✓ done/, /Step 2 of 10.*✓ done/, /Step 3 of 10.*✓ done/, /Step 4 of 10.*✓ done[\s\S]*failed on Kafka/, /Step 5 of 10[\s\S]*Kafka sees/, /Step 6 of 10.*✓ done/, /Step 7 of 10[\s\S]*Set aside by both engines, the same 8 lines/, /Step 8 of 10[\s\S]*cannot answer/, /Step 9 of 10[\s\S]*nothing lost[\s\S]*Kafka sees/];
    for (const pattern of patterns) {
      stdin.write(ENTER);
      if (String(pattern).includes('Step 6')) {
        fits(await waitForFrame(lastFrame, /Your own question, on both engines/));
        await closeQuestion(stdin, lastFrame);
      }
      const frame = await waitForFrame(lastFrame, pattern);
      fits(frame);
      expect(frame.split('\n').at(-1)).toMatch(/Enter (→ step \d|finish).* q quit$/);
    }
    // The store table keeps every store; the step's text gives way first.
    expect(lastFrame()).toMatch(/ST-1100/);
    unmount();
  });

  it('shows every key on ?, and hides them again on Esc', async () => {
    const { lastFrame, stdin, unmount } = await renderTour();
    await waitForFrame(lastFrame, /not run yet/);
    stdin.write('?');
    const keys = await waitForFrame(lastFrame, /Keys/);
    for (const key of ['Enter', 'r ', 'c ', 's ', 'Esc', 'q ', 'Ctrl-C']) expect(keys).toContain(key);
    stdin.write(ESC);
    await waitForFrame(lastFrame, (frame) => !frame.includes('show or hide this list'));
    unmount();
  });

  it('remembers the last step done, and started again offers to continue there or start over', async () => {
    const progress = new TourProgressFile(join(mkdtempSync(join(tmpdir(), 'slowdata-progress-')), 'tour-progress.json'));
    const first = await renderTour(undefined, progress);
    first.stdin.write(ENTER);
    await waitForFrame(first.lastFrame, /The environment is up/);
    first.stdin.write(ENTER);
    await waitForFrame(first.lastFrame, /Step 2 of 10.*✓ done/);
    first.unmount();
    expect(progress.read()).toMatchObject({ lastDone: 2, total: 10 });

    const again = await renderTour(undefined, progress);
    const offer = await waitForFrame(again.lastFrame, /welcome back/);
    expect(offer).toContain('the last tour got to step 2 of 10');
    expect(offer).toContain('Enter continue at step 3 · s start over');
    again.stdin.write(ENTER);
    await waitForFrame(again.lastFrame, /Step 3 of 10 · Query the warehouse {2}not run yet/);
    again.unmount();

    const over = await renderTour(undefined, progress);
    await waitForFrame(over.lastFrame, /welcome back/);
    over.stdin.write('s');
    await waitForFrame(over.lastFrame, /Step 1 of 10 · Start the environment {2}not run yet/);
    over.unmount();
  });

  for (const localRuntimeCanRun of [true, false]) {
    it(`a Docker image that cannot be downloaded ${localRuntimeCanRun ? 'offers, on l, to go on with the local runtime, and step 1 runs again on it' : 'offers no other runtime when the local one cannot run either'}`, async () => {
      const docker = new FakeRuntime();
      docker.upError = pullFailed('mysql:8.4', new Error('Get "https://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused'), localRuntimeCanRun);
      const local = new FakeRuntime();
      const session = await openTourSession({ rate: 2, intervalSeconds: 60, keep: false }, { runtime: docker, engines: fakeEngines(docker), localRuntime: async () => local });
      const { lastFrame, stdin, unmount } = render(<TourApp session={session} paint={createPaint(false)} copyToClipboard={() => {}} liveIntervalMs={30} />);
      await waitForFrame(lastFrame, /not run yet/);
      stdin.write(ENTER);
      const failed = await waitForFrame(lastFrame, /Step 1 of 10.*✗ failed[\s\S]*Could not download the image mysql:8\.4/);
      stdin.write('l');
      if (localRuntimeCanRun) {
        expect(failed).toMatch(/l (go on with the )?local runtime · Enter → step 2/);
        await waitForFrame(lastFrame, /Step 1 of 10.*✓ done[\s\S]*The environment is up/);
        expect(session.context.runtime).toBe(local);
        expect(local.exists).toBe(true);
      } else {
        expect(failed).not.toMatch(/l (go on with the )?local runtime/);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(lastFrame()).toMatch(/Step 1 of 10.*✗ failed/);
        expect(session.context.runtime).toBe(docker);
      }
      unmount();
    });
  }

  it('Ctrl-C at the idle SQL prompt quits as interrupted, as it does on a step', async () => {
    const { lastFrame, stdin, unmount, exitReason } = await renderTour();
    await waitForFrame(lastFrame, /not run yet/);
    stdin.write('/');
    await waitForFrame(lastFrame, /Your own question, on both engines[\s\S]*sql>/);
    const ended = exitReason();
    // Esc closes the prompt, it does not end the tour.
    stdin.write(ESC);
    await waitForFrame(lastFrame, (frame) => !frame.includes('Your own question, on both engines'));
    expect(await settledWithin(ended, 200)).toBe('still running');
    stdin.write('/');
    await waitForFrame(lastFrame, /Your own question, on both engines[\s\S]*sql>/);
    stdin.write(CTRL_C);
    expect(await settledWithin(ended, 3000)).toBe('interrupted');
    unmount();
  });

  it('reruns the current step on r', async () => {
    const { lastFrame, stdin, unmount } = await renderTour(2);
    await waitForFrame(lastFrame, /Step 2 of 10.*(✓ done|✗ failed)/);
    expect(lastFrame()).toContain('Step 2 needs the environment to be up, and it is not. Run step 1 (Start the environment) first.');
    stdin.write('r');
    await waitForFrame(lastFrame, /Step 2 of 10.*✗ failed/);
    unmount();
  });
});
