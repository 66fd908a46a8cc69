/**
 * The tour end to end: the built CLI in a real pseudo-terminal (tmux), on the real local
 * runtime, in a state home of its own. Needs `npm run build` first (npm test does it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, TerminalSession } from '../helpers/terminal.js';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const INTERVAL_SECONDS = '5';
const home = mkdtempSync(join(tmpdir(), 'slowdata-e2e-tour-'));
const env = { SLOWDATA_HOME: home, NO_COLOR: '1' };
const tourArgs = ['--runtime', 'local', '--interval', INTERVAL_SECONDS];
/** Where screens are kept for people to read (the closing note of issue 4 quotes two). */
const screensDir = process.env.SLOWDATA_E2E_SCREENS ?? join(home, 'screens');

const UP_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 60_000;

const sessions: TerminalSession[] = [];

async function tour(...args: string[]): Promise<TerminalSession> {
  const session = await TerminalSession.start(['node', cli, ...args], { env, cwd: root, columns: 120, rows: 50 });
  sessions.push(session);
  return session;
}

function keepScreen(name: string, screen: string): void {
  mkdirSync(screensDir, { recursive: true });
  writeFileSync(join(screensDir, `${name}.txt`), `${screen}\n`);
}

/** Kafka's record count as the engine table shows it. */
function kafkaRecords(screen: string): number | undefined {
  const match = /│ kafka +│ +([\d,]+) │/.exec(screen);
  return match?.[1] ? Number(match[1].replace(/,/g, '')) : undefined;
}

async function waitForKafkaToGrow(session: TerminalSession, from: number, also?: RegExp): Promise<string> {
  return session.waitFor(
    {
      test: (screen) => (kafkaRecords(screen) ?? 0) > from && (!also || also.test(screen)),
      toString: () => `Kafka's record count above ${from}${also ? ` with ${String(also)}` : ''}`,
    },
    { timeoutMs: STEP_TIMEOUT_MS },
  );
}

function runPiped(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('node', [cli, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`slowdata-tour ${args.join(' ')} did not finish within ${timeoutMs / 1000} s; output so far:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  await runPiped(['down', '--runtime', 'local'], 120_000).catch(() => undefined);
  if (!process.env.SLOWDATA_E2E_SCREENS) rmSync(home, { recursive: true, force: true });
});

describe('the tour in a terminal, on the local runtime', () => {
  it('--step 5 with the environment down names the step to run first', { timeout: STEP_TIMEOUT_MS }, async () => {
    const session = await tour('--step', '5', ...tourArgs);
    const screen = await session.waitFor('Run step 1 (Start the environment) first.');
    expect(screen).toContain('Step 5 of 8 · Note the difference  ✗ failed');
    expect(screen).toContain('Try this: slowdata-tour --step 1');
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('goes through steps 1 to 7 on Enter, each screen showing what the step is about', { timeout: UP_TIMEOUT_MS + 7 * STEP_TIMEOUT_MS }, async () => {
    const session = await tour(...tourArgs);
    await session.waitFor('Step 1 of 8 · Start the environment  not run yet');
    await session.press(KEYS.ENTER);

    await session.waitFor('The environment is up.', { timeoutMs: UP_TIMEOUT_MS });
    // The panel follows the runtime's polled status, which may trail the step's own reports a little.
    await session.waitFor(/batch path +● generator → ● kafka → ● connect → data lake → ● pipeline every 5 s → ● db[\s\S]*direct path +● generator → ● kafka → ● trino/, {
      timeoutMs: STEP_TIMEOUT_MS,
    });

    await session.press(KEYS.ENTER);
    const records = await session.waitFor(/Step 2 of 8 · Meet the data  ✓ done/, { timeoutMs: STEP_TIMEOUT_MS });
    expect(records).toMatch(/"storeId":"ST-11\d\d","amount":/);

    await session.press(KEYS.ENTER);
    const warehouse = await session.waitFor(/Step 3 of 8 · Query the warehouse  ✓ done/, { timeoutMs: STEP_TIMEOUT_MS });
    expect(warehouse).toContain('SELECT storeid, sum(amount) FROM transactions GROUP BY storeid ORDER BY storeid');
    expect(warehouse).toContain('sum(amount) · warehouse');

    await session.press(KEYS.ENTER);
    const kafka = await session.waitFor(/Step 4 of 8 · Query Kafka directly  ✓ done/, { timeoutMs: STEP_TIMEOUT_MS });
    expect(kafka).toContain('sum(amount) · kafka');
    expect(kafka).toMatch(/│ ST-11\d\d │ +[\d,]+\.\d\d │/);

    await session.press(KEYS.ENTER);
    const first = await session.waitFor(/Step 5 of 8[\s\S]*(Kafka sees|Both engines see)/, { timeoutMs: STEP_TIMEOUT_MS });
    const difference = await waitForKafkaToGrow(session, kafkaRecords(first) ?? 0, /Kafka sees \d+ more records/);
    expect(difference).toMatch(/│ warehouse │ +[\d,]+ │/);
    keepScreen('step-5', difference);

    await session.press(KEYS.ENTER);
    const stopped = await session.waitFor(/Step 6 of 8[\s\S]*■ Stopped: db, connect, pipeline[\s\S]*The warehouse cannot answer/, { timeoutMs: STEP_TIMEOUT_MS });
    expect(stopped).toMatch(/■ db \(warehouse\)/);
    expect(stopped).toMatch(/warehouse ✗ The warehouse is not reachable/);
    const stillGrowing = await waitForKafkaToGrow(session, kafkaRecords(stopped) ?? 0, /The warehouse cannot answer/);
    expect(stillGrowing).toMatch(/│ warehouse │ +error │/);
    keepScreen('step-6', stillGrowing);

    await session.press(KEYS.ENTER);
    const back = await session.waitFor(/Step 7 of 8[\s\S]*● Started: db, connect, pipeline[\s\S]*(Kafka sees|Both engines see)/, { timeoutMs: STEP_TIMEOUT_MS });
    expect(back).toMatch(/● db \(warehouse\)/);
    keepScreen('step-7', back);

    await session.press('q');
    const goodbye = await session.waitFor('To remove it: slowdata-tour down');
    expect(goodbye).toMatch(/Still running \(local runtime\): .*kafka/);
    expect(await session.waitForExit()).toBe(0);
  });

  it('--step 4 runs that step alone against the environment as it is', { timeout: STEP_TIMEOUT_MS }, async () => {
    const session = await tour('--step', '4', ...tourArgs);
    const screen = await session.waitFor(/Step 4 of 8 · Query Kafka directly  ✓ done/, { timeoutMs: STEP_TIMEOUT_MS });
    expect(screen).toMatch(/│ ST-11\d\d │ +[\d,]+\.\d\d │/);
    expect(screen).toContain('Enter finish · r rerun this step · q quit');
    await session.press(KEYS.ENTER);
    expect(await session.waitForExit()).toBe(0);
  });

  it('--json --step 5 prints one JSON document with the figures', { timeout: 2 * STEP_TIMEOUT_MS }, async () => {
    const { code, stdout } = await runPiped(['--json', '--step', '5', ...tourArgs], 120_000);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { ok: boolean; steps: { samples: { engines: { kafka: { count: number; lagMs: number } } }[] }[] };
    expect(report.ok).toBe(true);
    expect(report.steps[0]?.samples).toHaveLength(3);
    expect(report.steps[0]?.samples[2]?.engines.kafka.count).toBeGreaterThan(0);
  });

  it('without a terminal, runs every step in order as plain text and exits 0', { timeout: UP_TIMEOUT_MS }, async () => {
    const { code, stdout } = await runPiped(tourArgs, UP_TIMEOUT_MS);
    keepScreen('plain-run', stdout);
    expect(stdout).not.toMatch(/\u001B\[/);
    for (let n = 1; n <= 8; n++) expect(stdout).toContain(`✓ Step ${n} done.`);
    expect(stdout).toContain('The environment was already up.');
    expect(stdout).toMatch(/sample 3\/3 at [\d:]+ UTC: warehouse error · kafka [\d,]+ records/);
    expect(stdout).toContain('The environment is removed');
    expect(stdout).toContain('Nothing of the tour is left running.');
    expect(code).toBe(0);
  });
});
