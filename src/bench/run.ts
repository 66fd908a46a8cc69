#!/usr/bin/env node
/**
 * The benchmark behind the README's figures (`npm run bench`). On the local runtime, in a state
 * home of its own, with the artifact cache warm, it measures:
 *
 *   1. per service, the time to ready and the resident memory;
 *   2. the freshness lag of each engine, sampled every second over several batch intervals
 *      (and draws media/freshness-lag.svg/.png from those samples);
 *   3. the query time of the seed's SQL on Trino over Kafka and on the MySQL warehouse at
 *      10k, 100k and 1M records (filled with the generator's bulk mode).
 *
 * Prints progress on stderr, a Markdown report on stdout, and writes media/bench.json.
 * The environment is always taken down at the end. It waits for other environments on the
 * machine to finish first (it never stops them), since two on two cores would skew both.
 *
 * Before that, the goals of issue 12: SLOWDATA_BENCH_UP_RUNS starts (default 3), each in a fresh
 * state home through the CLI: `up`, the first side-by-side answer, the resident memory at ready,
 * and Trino's own start in the same run; then `--help`, `--version`, `--list` and `status`
 * SLOWDATA_BENCH_CLI_RUNS times each (default 10). With SLOWDATA_BENCH_BASELINE_CLI set to the
 * dist/cli.js of the code before (e.g. a build of the base commit), the same is measured for it,
 * interleaved with this one, so both see the same machine.
 *
 * Settings (environment): SLOWDATA_BENCH_SIZES (default 10000,100000,1000000),
 * SLOWDATA_BENCH_LAG_SECONDS (default 60), SLOWDATA_BENCH_INTERVAL (default 10),
 * SLOWDATA_BENCH_ALLOW_BUSY=1 (measure even when other environments still run after
 * SLOWDATA_BENCH_QUIET_WAIT_MIN minutes, default 15; the report says so).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../common/errors.js';
import { cacheHome, packageRoot } from '../common/paths.js';
import { loadVersions } from '../common/versions.js';
import { compareEngines } from '../engines/compare-engines.js';
import { runTrinoQuery } from '../engines/kafka-sql.js';
import { SEED_QUERY } from '../engines/query.js';
import { openWarehouse } from '../engines/warehouse.js';
import type { Comparison } from '../engines/types.js';
import { resolveArtifacts } from '../runtime/local/artifacts.js';
import { LocalRuntime } from '../runtime/local/local-runtime.js';
import { endpointsOf } from '../runtime/local/services.js';
import { findTools } from '../runtime/local/tools.js';
import { StateStore } from '../runtime/state.js';
import { formatDuration, formatLag } from '../text/format.js';
import type { Endpoints } from '../engines/endpoints.js';
import { SERVICE_NAMES, type ServiceName } from '../runtime/types.js';
import { lagChartSvg, type LagSample } from './lag-chart.js';
import { describeMachine } from './machine.js';
import { isEntryPoint } from './entry-point.js';
import { groupResidentKiB } from './process-memory.js';
import { runningStacks, waitForQuietMachine } from './quiet-machine.js';
import { svgToPng } from './render-png.js';
import { median, spread } from './stats.js';
import { markdownReport, type CliTiming, type Code, type Report, type SizeFigures, type StartupRun } from './report.js';
import { runNode } from './run-node.js';
import { settle } from './service-cpu.js';
import { tearDownOnce } from './teardown.js';

const execFileAsync = promisify(execFile);
const RATE = 2;
const INTERVAL_SECONDS = positiveNumber('SLOWDATA_BENCH_INTERVAL', 10);
const LAG_RUN_SECONDS = positiveNumber('SLOWDATA_BENCH_LAG_SECONDS', 60);
const SIZES = (process.env.SLOWDATA_BENCH_SIZES ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const QUERY_RUNS = 7;
/** Starts measured (each with its first answer and Trino's own start); the last one stays up for the rest. */
const UP_RUNS = Math.round(positiveNumber('SLOWDATA_BENCH_UP_RUNS', 3));
/** Starts of the code before (SLOWDATA_BENCH_BASELINE_CLI), at most one before each start of this code. */
const BASELINE_RUNS = Math.round(positiveNumber('SLOWDATA_BENCH_BASELINE_RUNS', UP_RUNS));
/** Runs of each CLI command timed. */
const CLI_RUNS = Math.round(positiveNumber('SLOWDATA_BENCH_CLI_RUNS', 10));
/** Past this many seconds of repeats at one size, stop after the third run. */
const QUERY_REPEAT_BUDGET_S = 90;
/** A size whose fill, drain and queries are projected to take longer than this is skipped, with the reason. */
const SIZE_BUDGET_S = 12 * 60;

const mediaDir = join(packageRoot, 'media');
const jsonFile = join(mediaDir, 'bench.json');

function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const startedAt = Date.now();
const say = (line: string) => process.stderr.write(`[bench ${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)} s] ${line}\n`);

/** One run of the benchmark: its own state home, the runtime in it, and what it noticed on the machine. */
interface Bench {
  home: string;
  store: StateStore;
  runtime: LocalRuntime;
  /** Other environments seen running beside ours. */
  othersSeen: Set<string>;
  /** State homes of starts still up (each is taken down by its start, or by the teardown after a failure or Ctrl-C). */
  liveHomes: Map<string, string>;
}

/** Every state home of this run starts with this (the starts measured, before and after, are ours too). */
const BENCH_HOME_PREFIX = join(tmpdir(), `slowdata-bench-${process.pid}-`);

function createBench(): Bench {
  const home = mkdtempSync(BENCH_HOME_PREFIX);
  const store = new StateStore(home);
  return { home, store, runtime: new LocalRuntime(store), othersSeen: new Set(), liveHomes: new Map() };
}

// ---------------------------------------------------------------------------------------------

function servicePids(store: StateStore): number[] {
  const state = store.read();
  return SERVICE_NAMES.flatMap((name) => state?.services[name]?.pid ?? []);
}

function memoryMiB(store: StateStore): Partial<Record<ServiceName, number>> {
  const state = store.read();
  const result: Partial<Record<ServiceName, number>> = {};
  for (const name of SERVICE_NAMES) {
    const pid = state?.services[name]?.pid;
    if (pid === undefined) continue;
    const { kib } = groupResidentKiB(pid);
    if (kib > 0) result[name] = Math.round(kib / 1024);
  }
  return result;
}

function duMiB(dir: string): number {
  let bytes = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      // Allocated blocks, not the apparent size: Kafka preallocates sparse index files.
      else if (entry.isFile()) bytes += statSync(full).blocks * 512;
    }
  };
  try {
    walk(dir);
  } catch {
    // a folder that does not exist counts as empty
  }
  return Math.round((bytes / 1024 ** 2) * 10) / 10;
}

/** Other environments running beside ours: a Kafka broker or pipeline whose command line is not under our home. */
async function noteOthers({ othersSeen }: Bench): Promise<void> {
  const lines = await runningStacks().catch(() => []);
  for (const line of lines) {
    if (line.includes(BENCH_HOME_PREFIX) || !/slowdata\.service=kafka|services\/pipeline\.js/.test(line)) continue;
    const where = /(\/\S+?)\/data\//.exec(line)?.[1] ?? line.slice(0, 80);
    if (!othersSeen.has(where)) say(`note: another environment is running beside this one (${where}); figures will be slower than on a quiet machine`);
    othersSeen.add(where);
  }
}

// ---------------------------------------------------------------------------------------------

const cli = join(packageRoot, 'dist', 'cli.js');

/** The time of each "<service> ready in 6.9 s" line `up` printed. */
function readyTimes(output: string): Partial<Record<ServiceName, number>> {
  const times: Partial<Record<ServiceName, number>> = {};
  for (const match of output.matchAll(/\b([a-z]+) ready in ([\d.]+) (ms|s)\b/g)) {
    const name = match[1] as ServiceName;
    if (SERVICE_NAMES.includes(name)) times[name] = Math.round(Number(match[2]) * (match[3] === 's' ? 1000 : 1));
  }
  return times;
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** `compare --json` of the given CLI, as a user would run it. */
async function compareThrough(cliScript: string, env: NodeJS.ProcessEnv): Promise<Pick<Comparison, 'engines'>> {
  const { stdout } = await execFileAsync(process.execPath, [cliScript, 'compare', '--json'], { cwd: packageRoot, env: { ...process.env, ...env }, timeout: 120_000 });
  return JSON.parse(stdout) as Pick<Comparison, 'engines'>;
}

/**
 * One start as a user makes it: `slowdata-tour up` (of `cliScript`, the code measured) in a
 * fresh state home, then the seed's comparison until both engines answer; then, in the same run,
 * Trino's own start (`stop trino`, `start trino`, the rest running). Unless `keep`, the
 * environment is taken down and its home removed.
 */
async function startupRun(bench: Bench, code: Code, cliScript: string, home: string, keep: boolean): Promise<{ run: StartupRun; endpoints: Endpoints; atReady: Partial<Record<ServiceName, number>> }> {
  const env = { SLOWDATA_HOME: home };
  // Beside the state home, not in it: `down` removes the home.
  const log = `${home}-cli.log`;
  const cliRun = (args: string[], timeoutMs: number) => runNode(cliScript, args, { timeoutMs, env, output: { logFile: log }, what: `slowdata-tour ${args.join(' ')} (${code})` });
  if (!keep) bench.liveHomes.set(home, cliScript);
  try {
    const began = performance.now();
    const upMs = await cliRun(['up', '--runtime', 'local', '--interval', String(INTERVAL_SECONDS), '--rate', String(RATE)], 15 * 60_000);
    const readyMs = readyTimes(readLog(log));
    const store = new StateStore(home);
    const state = store.read();
    if (state?.runtime !== 'local') throw new Error(`up (${code}) left no local runtime's state in ${home}`);
    const endpoints = endpointsOf(state);
    // Asked through the measured code's own CLI: the code before has its own tables and queries.
    for (;;) {
      const c = await compareThrough(cliScript, env);
      if (c.engines.warehouse.ok && c.engines.kafka.ok) break;
      if (performance.now() - began > 5 * 60_000) throw new Error(`no side-by-side answer 5 min after up (${code}): ${c.engines.warehouse.error ?? c.engines.kafka.error ?? ''}`);
      await sleep(100);
    }
    const firstAnswerMs = Math.round(performance.now() - began);
    const atReady = memoryMiB(store);
    await cliRun(['stop', 'trino'], 120_000);
    const trinoAloneMs = await cliRun(['start', 'trino'], 10 * 60_000);
    const rssAtReadyMiB = Object.values(atReady).reduce((total, mib) => total + mib, 0);
    const run: StartupRun = { code, upMs, firstAnswerMs, trinoAloneMs, rssAtReadyMiB, readyMs };
    say(`${code}: up ${formatDuration(upMs)}, first side-by-side answer ${formatDuration(firstAnswerMs)}, Trino alone ${formatDuration(trinoAloneMs)} (ratio ${(upMs / trinoAloneMs).toFixed(2)}), RSS at ready ${rssAtReadyMiB} MiB`);
    return { run, endpoints, atReady };
  } finally {
    if (!keep) {
      await cliRun(['down'], 180_000).catch((error: unknown) => say(`down (${code}) failed: ${messageOf(error)}`));
      rmSync(home, { recursive: true, force: true });
      rmSync(log, { force: true });
      bench.liveHomes.delete(home);
    }
  }
}

/**
 * Wall-clock time of each CLI command that should answer at once, `runs` times each for each
 * code, alternating the commands; the codes take turns (and turns at going first), so that both
 * see the same machine.
 */
async function cliTimings(codes: ReadonlyArray<{ code: Code; cliScript: string }>, home: string, runs: number): Promise<CliTiming[]> {
  const commands = [['--help'], ['--version'], ['--list'], ['status']];
  const timings = codes.map(({ code }) => commands.map((args): CliTiming => ({ code, command: args.join(' '), runsMs: [] })));
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [...codes.keys()] : [...codes.keys()].reverse();
    for (const c of order) {
      const { code, cliScript } = codes[c]!;
      for (const [index, args] of commands.entries()) {
        timings[c]![index]!.runsMs.push(await runNode(cliScript, args, { timeoutMs: 60_000, env: { SLOWDATA_HOME: home }, output: 'ignore', what: `slowdata-tour ${args.join(' ')} (${code})` }));
      }
    }
  }
  return timings.flat();
}

/** Samples both engines every second for the lag run; the first sample is taken once both hold rows. */
async function freshnessRun(bench: Bench, endpoints: Endpoints, largest: Partial<Record<ServiceName, number>>): Promise<{ series: LagSample[]; comparisons: Comparison[] }> {
  say('waiting until both engines hold rows (the first batch has loaded)');
  const warmDeadline = Date.now() + (INTERVAL_SECONDS * 3 + 60) * 1000;
  for (;;) {
    const c = await compareEngines(endpoints);
    if (c.engines.warehouse.lagMs !== null && c.engines.kafka.lagMs !== null) break;
    if (Date.now() > warmDeadline) throw new Error(`the warehouse still had no rows after ${INTERVAL_SECONDS * 3 + 60} s: ${c.engines.warehouse.error ?? 'no error, no rows'}`);
    await sleep(1000);
  }
  say(`sampling both engines every second for ${LAG_RUN_SECONDS} s (batch interval ${INTERVAL_SECONDS} s)`);
  const series: LagSample[] = [];
  const comparisons: Comparison[] = [];
  const began = Date.now();
  // A sample starts every second even while the previous one still runs (a query on Kafka can
  // take longer than a second); at most MAX_IN_FLIGHT at once, so a slow engine is not piled on.
  const MAX_IN_FLIGHT = 2;
  const pending = new Set<Promise<void>>();
  let skipped = 0;
  for (let tick = 0; tick < LAG_RUN_SECONDS; tick++) {
    await sleep(Math.max(0, began + tick * 1000 - Date.now()));
    if (pending.size >= MAX_IN_FLIGHT) {
      skipped += 1;
      continue;
    }
    const sample = compareEngines(endpoints).then((c) => {
      comparisons.push(c);
      series.push({ t: Math.round((c.at - began) / 100) / 10, warehouse: c.engines.warehouse.lagMs, kafka: c.engines.kafka.lagMs });
    });
    pending.add(sample);
    void sample.finally(() => pending.delete(sample));
    if (tick % 10 === 0) {
      for (const [name, mib] of Object.entries(memoryMiB(bench.store)) as Array<[ServiceName, number]>) largest[name] = Math.max(largest[name] ?? 0, mib);
      const last = comparisons.at(-1);
      say(`t=${tick} s: warehouse lag ${formatLag(last?.engines.warehouse.lagMs ?? null)}, kafka lag ${formatLag(last?.engines.kafka.lagMs ?? null)}`);
    }
  }
  await Promise.all(pending);
  if (skipped > 0) say(`${skipped} ticks skipped: ${MAX_IN_FLIGHT} samples were still running`);
  series.sort((a, b) => a.t - b.t);
  comparisons.sort((a, b) => a.at - b.at);
  return { series, comparisons };
}

async function countBoth(endpoints: Endpoints): Promise<{ kafka: number | null; warehouse: number | null }> {
  const c = await compareEngines(endpoints);
  return { kafka: c.engines.kafka.count, warehouse: c.engines.warehouse.count };
}

async function timeKafka(endpoints: Endpoints): Promise<number> {
  const began = performance.now();
  await runTrinoQuery(endpoints.trino, SEED_QUERY);
  return Math.round(performance.now() - began);
}

async function timeMysql(endpoints: Endpoints): Promise<number> {
  const connection = await openWarehouse(endpoints.mysql);
  try {
    const began = performance.now();
    await connection.query(SEED_QUERY);
    return Math.round(performance.now() - began);
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

async function explainMysql(endpoints: Endpoints): Promise<string> {
  const connection = await openWarehouse(endpoints.mysql);
  try {
    const [rows] = await connection.query(`EXPLAIN ${SEED_QUERY}`);
    return (rows as Array<Record<string, unknown>>)
      .map((row) => ['type', 'key', 'rows', 'Extra'].map((k) => `${k}=${String(row[k] ?? '')}`).join(' '))
      .join('; ');
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/**
 * Trino's warm-up, as a JMH-style budget: it compiles each query shape into bytecode, and its C2
 * compiler goes on optimising that code over many runs. At 1M records on two cores C2 spent 0.6-1.3
 * CPU-seconds in each of the first ten runs and about 0.25 from the fifteenth on, while a run went
 * from 2.4-3.6 s to 1.6 s; two runs in a row agreeing within 15 %, the rule before, stopped after
 * the second or third.
 */
const WARM_UP = { runs: 20, seconds: 45 };

/**
 * Trino is warmed up for WARM_UP's runs or seconds, whichever ends first (its first run at a size is
 * kept as the cold figure), the warehouse once; then up to QUERY_RUNS timed runs (at least three),
 * alternating the engines.
 */
async function timeQueries(endpoints: Endpoints): Promise<{ kafka: number[]; mysql: number[]; kafkaFirstMs: number; kafkaWarmUps: number }> {
  const warmUpEnds = Date.now() + WARM_UP.seconds * 1000;
  const kafkaFirstMs = await timeKafka(endpoints);
  let kafkaWarmUps = 1;
  while (kafkaWarmUps < WARM_UP.runs && Date.now() < warmUpEnds) {
    await timeKafka(endpoints);
    kafkaWarmUps += 1;
  }
  await timeMysql(endpoints);
  const kafka: number[] = [];
  const mysql: number[] = [];
  const began = Date.now();
  for (let i = 0; i < QUERY_RUNS; i++) {
    kafka.push(await timeKafka(endpoints));
    mysql.push(await timeMysql(endpoints));
    if (i >= 2 && Date.now() - began > QUERY_REPEAT_BUDGET_S * 1000) break;
  }
  return { kafka, mysql, kafkaFirstMs, kafkaWarmUps };
}

async function querySizes(bench: Bench, endpoints: Endpoints): Promise<SizeFigures[]> {
  const { home, runtime } = bench;
  say('stopping the rate generator: from here on the topic is filled in bulk');
  await runtime.stop(['generator']);
  const results: SizeFigures[] = [];
  let lastSizeSeconds: { records: number; seconds: number } | undefined;
  for (const records of [...SIZES].sort((a, b) => a - b)) {
    const sizeBegan = Date.now();
    const counts = await countBoth(endpoints);
    const have = counts.kafka ?? 0;
    const missing = records - have;
    if (missing < 0) {
      results.push({ records, skipped: `the topic already holds ${have} records` });
      continue;
    }
    if (lastSizeSeconds) {
      const projected = (lastSizeSeconds.seconds * missing) / Math.max(1, lastSizeSeconds.records);
      if (projected > SIZE_BUDGET_S) {
        const why = `projected ${Math.round(projected / 60)} min from the previous size (budget ${SIZE_BUDGET_S / 60} min)`;
        say(`skipping ${records} records: ${why}`);
        results.push({ records, skipped: why });
        continue;
      }
    }
    say(`filling the topic to ${records} records: ${missing} more with the generator's bulk mode`);
    const fillTimeoutMs = Math.max(120_000, missing * 2);
    const produceMs = missing > 0
      ? await runNode(join(packageRoot, 'dist', 'services', 'generator.js'), ['--bootstrap', endpoints.kafka, '--bulk', '--limit', String(missing)], {
          timeoutMs: fillTimeoutMs,
          output: { logFile: join(home, 'bench-generator.log') },
        })
      : 0;
    say(`produced ${missing} records in ${formatDuration(produceMs)} (${Math.round(missing / Math.max(0.001, produceMs / 1000))}/s); waiting for the pipeline to drain them into the warehouse`);
    const drainBegan = Date.now();
    const drainDeadline = drainBegan + Math.max(180_000, missing * 3);
    let lastSay = 0;
    for (;;) {
      const now = await countBoth(endpoints);
      if (now.kafka === records && now.warehouse === records) break;
      if (Date.now() > drainDeadline) throw new Error(`the warehouse did not catch up to ${records} records in ${Math.round((Date.now() - drainBegan) / 1000)} s (kafka ${now.kafka}, warehouse ${now.warehouse})`);
      if (Date.now() - lastSay > 15_000) {
        say(`  kafka ${now.kafka ?? '—'}, warehouse ${now.warehouse ?? '—'}`);
        lastSay = Date.now();
      }
      await sleep(2000);
    }
    const drainMs = Date.now() - drainBegan;
    say(`both engines hold ${records} records (drained in ${formatDuration(drainMs)}); timing the seed's query`);
    const runs = await timeQueries(endpoints);
    const figures: SizeFigures = {
      records,
      produceMs,
      drainMs,
      kafka: { medianMs: median(runs.kafka) ?? 0, runsMs: runs.kafka, firstMs: runs.kafkaFirstMs, warmUpRuns: runs.kafkaWarmUps },
      mysql: { medianMs: median(runs.mysql) ?? 0, runsMs: runs.mysql },
      disk: {
        kafkaMiB: duMiB(join(home, 'data', 'kafka')),
        datalakeMiB: duMiB(join(home, 'data', 'datalake')),
        dbMiB: duMiB(join(home, 'data', 'db')),
      },
      mysqlPlan: await explainMysql(endpoints).catch((error: unknown) => `EXPLAIN failed: ${messageOf(error)}`),
    };
    say(`${records} records: Trino on Kafka ${figures.kafka?.medianMs} ms, MySQL ${figures.mysql?.medianMs} ms (medians of ${runs.kafka.length})`);
    results.push(figures);
    lastSizeSeconds = { records: Math.max(1, missing), seconds: (Date.now() - sizeBegan) / 1000 };
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

async function measure(bench: Bench): Promise<Report> {
  mkdirSync(mediaDir, { recursive: true });
  if (process.env.SLOWDATA_BENCH_ALLOW_BUSY === '1') {
    // Measure anyway once the wait is over: the report names the environments that ran beside it.
    await waitForQuietMachine(say, Math.round(positiveNumber('SLOWDATA_BENCH_QUIET_WAIT_MIN', 15) * 60_000)).catch(() => say('the machine is still busy; measuring anyway (SLOWDATA_BENCH_ALLOW_BUSY=1)'));
  } else {
    await waitForQuietMachine(say);
  }
  say('resolving tools and artifacts (warm cache expected)');
  const tools = await findTools();
  await resolveArtifacts(tools.mvn, cacheHome(), loadVersions(), (event) => {
    if (event.kind === 'artifact' && event.state !== 'cached') say(`artifact ${event.name}: ${event.state}`);
  });
  const machine = await describeMachine(tools);
  say(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, ${machine.memoryGiB} GiB`);

  const baseline = process.env.SLOWDATA_BENCH_BASELINE_CLI;
  if (baseline) say(`measuring the code before beside this one: ${baseline}`);
  const startupRuns: StartupRun[] = [];
  let last: Awaited<ReturnType<typeof startupRun>> | undefined;
  for (let i = 0; i < UP_RUNS; i++) {
    if (baseline && i < BASELINE_RUNS) startupRuns.push((await startupRun(bench, 'before', baseline, mkdtempSync(`${BENCH_HOME_PREFIX}before-`), false)).run);
    const keep = i === UP_RUNS - 1;
    say(`start ${i + 1} of ${UP_RUNS}${keep ? ', kept for the rest of the benchmark' : ''}`);
    const result = await startupRun(bench, 'after', cli, keep ? bench.home : mkdtempSync(BENCH_HOME_PREFIX), keep);
    startupRuns.push(result.run);
    last = result;
  }
  if (!last) throw new Error('no start was measured');
  const up = { endpoints: last.endpoints, totalMs: last.run.upMs, readyMs: last.run.readyMs };
  const atReady = last.atReady;

  const settled = await settle(() => servicePids(bench.store));
  say(`the environment settled after ${formatDuration(settled.waitedMs)} (its services using ${settled.cores.toFixed(2)} of a core)`);
  say(`timing --help, --version, --list and status (${CLI_RUNS} runs each${baseline ? ', taking turns with the code before' : ''}), the environment up`);
  const cliRuns = await cliTimings([{ code: 'after', cliScript: cli }, ...(baseline ? [{ code: 'before' as const, cliScript: baseline }] : [])], bench.home, CLI_RUNS);
  for (const timing of cliRuns) say(`${timing.code}: ${timing.command} median ${formatDuration(median(timing.runsMs) ?? null)}`);

  const largest: Partial<Record<ServiceName, number>> = { ...atReady };
  const lag = await freshnessRun(bench, up.endpoints, largest);
  const steady = memoryMiB(bench.store);
  for (const [name, value] of Object.entries(steady) as Array<[ServiceName, number]>) largest[name] = Math.max(largest[name] ?? 0, value);

  const sizes = await querySizes(bench, up.endpoints);
  for (const [name, value] of Object.entries(memoryMiB(bench.store)) as Array<[ServiceName, number]>) largest[name] = Math.max(largest[name] ?? 0, value);

  await noteOthers(bench);
  const values = (engine: 'warehouse' | 'kafka') => lag.series.map((s) => s[engine]).filter((v): v is number => v !== null);
  const queryTimes = (engine: 'warehouse' | 'kafka') => lag.comparisons.filter((c) => c.engines[engine].ok).map((c) => c.engines[engine].queryMs);
  return {
    measuredAt: new Date().toISOString(),
    machine,
    settings: { rate: RATE, intervalSeconds: INTERVAL_SECONDS, lagRunSeconds: LAG_RUN_SECONDS, sizes: SIZES, queryRuns: QUERY_RUNS, query: SEED_QUERY, upRuns: UP_RUNS, cliRuns: CLI_RUNS },
    startup: {
      totalMs: up.totalMs,
      services: SERVICE_NAMES.map((name) => ({
        name,
        readyMs: up.readyMs[name] ?? null,
        rssMiB: { ready: atReady[name] ?? null, steady: steady[name] ?? null, largest: largest[name] ?? null },
      })),
    },
    freshness: {
      samples: lag.series.length,
      warehouse: spread(values('warehouse')),
      kafka: spread(values('kafka')),
      queryMs: { warehouse: spread(queryTimes('warehouse')), kafka: spread(queryTimes('kafka')) },
      series: lag.series,
    },
    querySizes: sizes,
    startupRuns,
    cli: cliRuns,
    cliSettled: settled,
    othersSeen: [...bench.othersSeen],
  };
}

async function writeOutputs(report: Report): Promise<void> {
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  const svg = join(mediaDir, 'freshness-lag.svg');
  const m = report.machine;
  writeFileSync(
    svg,
    lagChartSvg(report.freshness.series, {
      intervalSeconds: report.settings.intervalSeconds,
      rate: report.settings.rate,
      caption: `npm run bench, ${report.measuredAt.slice(0, 10)}, local runtime, ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB`,
    }),
  );
  try {
    await svgToPng(svg, join(mediaDir, 'freshness-lag.png'));
    say(`wrote ${jsonFile}, ${svg} and media/freshness-lag.png`);
  } catch (error) {
    // The figures and the report matter more than the picture: they are kept, and the PNG can be drawn later.
    say(`wrote ${jsonFile} and ${svg}; media/freshness-lag.png was not drawn: ${messageOf(error)}`);
  }
}

/**
 * The whole benchmark: measures, takes the environment down (also on failure or Ctrl-C), writes
 * media/bench.json and the chart, and prints the Markdown report.
 */
export async function main(): Promise<void> {
  const bench = createBench();
  const watch = setInterval(() => void noteOthers(bench), 10_000);
  const tearDown = tearDownOnce(async () => {
    clearInterval(watch);
    say('taking the environment down');
    for (const [home, cliScript] of bench.liveHomes) {
      await runNode(cliScript, ['down'], { timeoutMs: 180_000, env: { SLOWDATA_HOME: home }, output: 'ignore' }).catch((error: unknown) => say(`down of ${home} failed: ${messageOf(error)}`));
      rmSync(home, { recursive: true, force: true });
    }
    await bench.runtime.down().catch((error: unknown) => say(`down failed: ${messageOf(error)}`));
    rmSync(bench.home, { recursive: true, force: true });
    rmSync(`${bench.home}-cli.log`, { force: true });
  }, say);
  try {
    const report = await measure(bench);
    await tearDown();
    await writeOutputs(report);
    process.stdout.write(markdownReport(report));
  } catch (error) {
    process.exitCode = 1;
    say(`failed: ${messageOf(error)}`);
  } finally {
    await tearDown();
  }
}

if (isEntryPoint(import.meta.url)) await main();
