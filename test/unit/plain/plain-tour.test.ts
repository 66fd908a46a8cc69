import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPaint } from '../../../src/text/paint.js';
import { UserError } from '../../../src/common/errors.js';
import { runTourCommand } from '../../../src/cli-tour.js';
import { runPlainTour } from '../../../src/plain/plain-tour.js';
import { openTourSession } from '../../../src/tour/tour-session.js';
import { FAKE_ENDPOINTS, FakeRuntime, fakeEngines } from '../tour/fake-runtime.js';

async function plainRun(runtime: FakeRuntime, options: { json?: boolean; from?: number } = {}) {
  const session = await openTourSession({ from: options.from, rate: 2, intervalSeconds: 60, keep: false }, { runtime, engines: fakeEngines(runtime) });
  let output = '';
  const code = await runPlainTour(session, {
    paint: createPaint(false),
    json: options.json ?? false,
    columns: 100,
    write: (text) => (output += text),
    samples: 2,
    sampleIntervalMs: 5,
  });
  return { code, output };
}

function streamCollector() {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let text = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('the plain tour (fake runtime)', () => {
  it('goes through all ten steps and tells the story in words', async () => {
    const runtime = new FakeRuntime();
    const { code, output } = await plainRun(runtime);
    expect(code).toBe(0);
    for (let n = 1; n <= 10; n++) expect(output).toContain(`✓ Step ${n} done.`);
    // Bad data arrives: what was written, what the pipeline set aside, both engines agreeing on it.
    expect(output).toContain('Written to the topic transactions (6 records):');
    expect(output).toMatch(/not JSON at all \(partition 0, offset \d+\)/);
    expect(output).toContain('wrong-type  {"storeId":"ST-1100","amount":"lots"}');
    expect(output).toContain('Set aside by both engines, the same 7 lines: missing-field 2, not-json 1, empty 1, not-an-object 1, wrong-type 2.');
    expect(output).toContain("Both apply the pipeline's validity rule: no record's content can break SQL on Kafka.");
    // Bringing the pipeline back ends with the record-by-record check.
    expect(output).toContain('nothing lost, nothing duplicated.');
    expect(output).toContain('● kafka ready');
    expect(output).toContain('SELECT storeid, sum(amount) FROM transactions GROUP BY storeid ORDER BY storeid');
    expect(output).toContain('■ Stopped: db, connect, pipeline');
    expect(output).toContain('The warehouse cannot answer; SQL on Kafka still does');
    expect(output).toContain('db: last line');
    expect(output).toContain('The environment is removed');
    expect(output).toContain('Nothing of the tour is left running.');
    expect(output).not.toMatch(/\u001B\[/);
    expect(runtime.exists).toBe(false);
  });

  it('meeting the data, points to Superset when it runs, as the seed demo did', async () => {
    const runtime = new FakeRuntime();
    runtime.extras = [{ name: 'Superset', url: 'http://127.0.0.1:8088', login: 'user admin, password: the warehouse password ("slowdata-tour status" shows it)' }];
    const { output } = await plainRun(runtime);
    const stepTwo = output.slice(output.indexOf('Step 2 of 10'), output.indexOf('Step 3 of 10'));
    expect(stepTwo).toContain('Superset  http://127.0.0.1:8088  (user admin, password: the warehouse password');
    expect((await plainRun(new FakeRuntime())).output).not.toContain('Also running');
  });

  it('names the record that breaks the seed query on Kafka, and shows the robust form that ran instead', async () => {
    const runtime = new FakeRuntime();
    const engines = fakeEngines(runtime);
    await runtime.up({ rate: 2, intervalSeconds: 60 });
    const session = await openTourSession({ step: 4, rate: 2, intervalSeconds: 60, keep: false }, { runtime, engines });
    const before = await session.runner.run(session.selected[0]!, () => undefined);
    expect(before).toMatchObject({ ok: true, outcome: { kind: 'query' } });
    expect(before.ok && before.outcome.kind === 'query' && before.outcome.seedFallback).toBeFalsy();

    await engines.writeBadRecords(FAKE_ENDPOINTS.kafka, ['amount-text']);
    let output = '';
    await runPlainTour(session, { paint: createPaint(false), json: false, columns: 100, write: (text) => (output += text) });
    expect(output).toContain("The seed's query, as written, failed on Kafka: SQL on Kafka read a record whose field has the wrong type");
    expect(output).toContain('The record at fault: partition 0, offset 9, amount = lots');
    expect(output).toContain('WITH transactions AS (…the valid records, deduplicated…)');
  });

  it('prints one JSON document with the figures, and nothing else', async () => {
    const { code, output } = await plainRun(new FakeRuntime(), { json: true });
    expect(code).toBe(0);
    const report = JSON.parse(output) as { ok: boolean; steps: { number: number; samples?: { engines: { warehouse: { ok: boolean } } }[] }[] };
    expect(report.ok).toBe(true);
    expect(report.steps).toHaveLength(10);
    expect(report.steps[7]?.samples?.[0]?.engines.warehouse.ok).toBe(false);
  });

  it('stops at a failing step with its words and log lines, and exits 1', async () => {
    const runtime = new FakeRuntime();
    runtime.upError = new UserError('Port 9092 is taken by another program.', { tryThis: 'free the port', logTail: ['kafka: bind failed'] });
    const { code, output } = await plainRun(runtime);
    expect(code).toBe(1);
    expect(output).toContain('✗ Port 9092 is taken by another program.');
    expect(output).toContain('Try this: free the port');
    expect(output).toContain('kafka: bind failed');
    expect(output).not.toContain('Step 2 of 10');
  });

  it('names the step to run first when a step needs the environment up', async () => {
    const out = streamCollector();
    const runtime = new FakeRuntime();
    const code = await runTourCommand(
      { step: 5, list: false, yes: false, json: false, keep: false, color: false, rate: 2, intervalSeconds: 60 },
      { runtime: async () => runtime, runtimeReason: () => undefined, interactive: false, stdout: out.stream, engines: fakeEngines(runtime) },
    );
    expect(code).toBe(1);
    expect(out.text()).toContain('Step 5 needs the environment to be up, and it is not. Run step 1 (Start the environment) first.');
    expect(out.text()).toContain('Try this: slowdata-tour --step 1');
  });

  it('lists the steps', async () => {
    const out = streamCollector();
    const code = await runTourCommand(
      { list: true, yes: false, json: false, keep: false, color: false, rate: 2, intervalSeconds: 60 },
      { runtime: () => Promise.reject(new Error('listing the steps needs no runtime')), runtimeReason: () => undefined, interactive: false, stdout: out.stream },
    );
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^ 1 {2}Start the environment/);
    expect(out.text()).toMatch(/ 5 {2}Note the difference +needs the environment to be up/);
  });
});
