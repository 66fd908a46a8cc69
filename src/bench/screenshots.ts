#!/usr/bin/env node
/**
 * Screenshots for the README from a real run of the tour: brings up the local runtime in a state
 * home of its own (batch interval 10 s), runs the steps "Note the difference", "Bad data arrives" and
 * "Disable the pipeline" one by one (`--step N`) in a real terminal (tmux, 110×48), captures each
 * screen with its colours, and writes media/step-N-<name>.{svg,png}. The environment is taken down at
 * the end, whatever happens.
 *
 *   npm run build && node dist/bench/screenshots.js
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageRoot } from '../common/paths.js';
import { compareEngines } from '../engines/compare-engines.js';
import { endpointsOf } from '../runtime/local/services.js';
import { StateStore } from '../runtime/state.js';
import type { ActionName } from '../tour/actions/names.js';
import { loadSteps } from '../tour/load-steps.js';
import { screenToSvg } from './ansi-svg.js';
import { waitForQuietMachine } from './quiet-machine.js';
import { svgToPng } from './render-png.js';
import { runNode } from './run-node.js';
import { TmuxScreen } from './tmux-screen.js';
import { tearDownOnce } from './teardown.js';

const COLUMNS = 110;
const ROWS = 48;
const INTERVAL_SECONDS = '10';
const cli = join(packageRoot, 'dist', 'cli.js');
const mediaDir = join(packageRoot, 'media');
const home = mkdtempSync(join(tmpdir(), 'slowdata-screenshots-'));
const env = { SLOWDATA_HOME: home };
const STEP_TIMEOUT_MS = 120_000;

const say = (line: string) => process.stderr.write(`[screenshots] ${line}\n`);

/** Runs the CLI with its output passed through; rejects on a non-zero exit or past the deadline. */
async function runCli(args: string[], timeoutMs: number): Promise<void> {
  await runNode(cli, args, { timeoutMs, env, what: `slowdata-tour ${args.join(' ')}` });
}

/** The characters of an engine's lag-history sparkline on the plain screen. */
function historyOf(screen: string, engine: 'warehouse' | 'kafka'): string {
  const row = screen.split('\n').find((line) => new RegExp(`^\\s*│?\\s*${engine}\\s+│\\s+([\\d,]+|error)\\s+│`).test(line));
  if (!row) return '';
  const cells = row.split('│').map((cell) => cell.trim());
  // engine │ records │ lag │ lag history │ query
  return cells.find((cell) => /^[▁▂▃▄▅▆▇█×]+$/.test(cell)) ?? '';
}

/** Rows that hold something, plus one blank row of margin: the image ends where the screen's content does. */
function usedRows(screen: string): number {
  const lines = screen.split('\n');
  let last = 0;
  lines.forEach((line, i) => {
    if (line.trim() !== '') last = i;
  });
  return Math.min(ROWS, last + 2);
}

let current: TmuxScreen | undefined;

/** Shoots the step that runs `action`, named media/step-<its number>-<name>. */
async function shootAction(action: ActionName, name: string, ready: { what: string; test: (screen: string) => boolean }): Promise<void> {
  const step = (await loadSteps()).find((s) => s.action === action);
  if (!step) throw new Error(`no step runs the action ${action}`);
  await shoot(String(step.number), `step-${step.number}-${name}`, `slowdata-tour --step ${step.number} · ${step.title}`, ready);
}

async function shoot(step: string, name: string, title: string, ready: { what: string; test: (screen: string) => boolean }): Promise<void> {
  const screen = await TmuxScreen.start([process.execPath, cli, '--runtime', 'local', '--interval', INTERVAL_SECONDS, '--step', step], {
    columns: COLUMNS,
    rows: ROWS,
    cwd: packageRoot,
    env,
  });
  current = screen;
  try {
    say(`step ${step}: waiting for ${ready.what}`);
    const plain = await screen.waitFor(ready.what, ready.test, STEP_TIMEOUT_MS);
    const capture = await screen.capture();
    const rows = usedRows(plain);
    const svgFile = join(mediaDir, `${name}.svg`);
    const pngFile = join(mediaDir, `${name}.png`);
    writeFileSync(svgFile, screenToSvg(capture, { columns: COLUMNS, rows, title }));
    await svgToPng(svgFile, pngFile);
    writeFileSync(join(home, `${name}.txt`), `${plain}\n`);
    say(`step ${step}: wrote ${svgFile} and ${pngFile}`);
    await screen.press('q');
  } finally {
    await screen.close();
    current = undefined;
  }
}

/**
 * Waits until the batch path runs steadily (two batch loads seen: the warehouse's lag dropped
 * twice), so the lag history the tour draws holds the sawtooth, not the start-up.
 */
async function waitForSteadyBatches(timeoutMs: number): Promise<void> {
  const state = new StateStore(home).read();
  if (state?.runtime !== 'local') throw new Error("the environment has no local runtime's state file after up");
  const endpoints = endpointsOf(state);
  const deadline = Date.now() + timeoutMs;
  let previous: number | null = null;
  let drops = 0;
  while (drops < 2) {
    if (Date.now() > deadline) throw new Error(`the warehouse did not load two batches within ${timeoutMs / 1000} s`);
    const lag = (await compareEngines(endpoints)).engines.warehouse.lagMs;
    if (lag !== null && previous !== null && lag < previous - 2000) drops += 1;
    previous = lag;
    await sleep(1000);
  }
}

async function main(): Promise<void> {
  mkdirSync(mediaDir, { recursive: true });
  await waitForQuietMachine(say);
  say(`bringing up the local runtime in ${home} (batch interval ${INTERVAL_SECONDS} s)`);
  await runCli(['up', '--runtime', 'local', '--interval', INTERVAL_SECONDS], 15 * 60_000);
  say('waiting for the batch path to settle (two batches loaded)');
  await waitForSteadyBatches(Number(INTERVAL_SECONDS) * 6 * 1000 + 60_000);

  await shootAction('compare-engines', 'compare', {
    what: 'the live comparison with Kafka ahead and a full lag history (about 60 s)',
    test: (s) => /Kafka sees [\d,]+ more records/.test(s) && historyOf(s, 'warehouse').length >= 30,
  });
  await shootAction('write-bad-records', 'bad-data', {
    what: 'the bad records set aside by both engines alike',
    test: (s) => /Set aside by both engines/.test(s) && /The pipeline set these lines aside/.test(s),
  });
  await shootAction('stop-pipeline', 'pipeline-down', {
    what: 'the pipeline stopped, the warehouse failing and Kafka still answering for about 20 s',
    test: (s) => /Stopped: db, connect, pipeline/.test(s) && /The warehouse cannot answer/.test(s) && historyOf(s, 'kafka').length >= 10,
  });
}

/** Closes the terminal and takes the environment down. */
const tearDown = tearDownOnce(async () => {
  await current?.close();
  say('taking the environment down');
  await runCli(['down', '--runtime', 'local'], 180_000).catch((error: unknown) => say(`down failed: ${error instanceof Error ? error.message : String(error)}`));
  rmSync(home, { recursive: true, force: true });
}, say);

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await tearDown();
}
