#!/usr/bin/env node
/**
 * What robustness costs (issue 9): on the local runtime, in a state home of its own, with the topic
 * filled by the generator's bulk mode to 10k, 100k and 1M records, it times
 *
 *   - the Kafka side's measured query before (the JSON-decoded table, which fails on one wrong-typed
 *     value) and now (the raw table, every line classified by the one validity rule, deduplicated
 *     by eventId): KAFKA_DECODED_MEASURED_QUERY against KAFKA_MEASURED_QUERY;
 *   - verify, at the largest size once the pipeline has drained: clean, and with one row deleted.
 *
 * Prints a Markdown table on stdout and writes media/bench-bad-data.json. Always takes its
 * environment down. Settings: SLOWDATA_BENCH_SIZES (default 10000,100000,1000000), SLOWDATA_BENCH_RUNS (3).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { packageRoot } from '../common/paths.js';
import { waitFor } from '../common/wait.js';
import type { Endpoints } from '../engines/endpoints.js';
import { runTrinoQuery } from '../engines/kafka-sql.js';
import { KAFKA_DECODED_MEASURED_QUERY, KAFKA_MEASURED_QUERY } from '../engines/query.js';
import { compareEngines } from '../engines/compare-engines.js';
import { verifyEngines } from '../engines/verify.js';
import { verifyWindow } from '../engines/verify-window.js';
import { median } from './stats.js';

const SIZES = (process.env.SLOWDATA_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const RUNS = Number(process.env.SLOWDATA_BENCH_RUNS ?? 3);
const home = mkdtempSync(join(tmpdir(), 'slowdata-bench-bad-'));
const env = { ...process.env, SLOWDATA_HOME: home };
const cli = join(packageRoot, 'dist', 'cli.js');
const startedAt = Date.now();
const say = (line: string) => process.stderr.write(`[bad-data bench ${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)} s] ${line}\n`);

function runCli(args: string[], timeoutMs = 20 * 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { env, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`slowdata-tour ${args.join(' ')} failed: ${stderr}${stdout}`));
      else resolve(stdout);
    });
  });
}

function fill(bootstrap: string, records: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot, 'dist', 'services', 'generator.js'), '--bootstrap', bootstrap, '--bulk', '--limit', String(records)], { stdio: 'ignore', env });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`generator exited ${code}`))));
  });
}

async function timeRuns(run: () => Promise<unknown>): Promise<{ medianMs: number; runsMs: number[] }> {
  const runsMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    runsMs.push(Math.round(performance.now() - started));
  }
  return { medianMs: median(runsMs) ?? 0, runsMs };
}

interface SizeFigures {
  records: number;
  decoded: { medianMs: number; runsMs: number[] };
  robust: { medianMs: number; runsMs: number[] };
  verify?: { clean: { medianMs: number; runsMs: number[]; parts: unknown }; withLoss: { ms: number; parts: unknown; lost: number } };
}

async function main(): Promise<void> {
  say(`home ${home}; sizes ${SIZES.join(', ')}; ${RUNS} runs each`);
  // On a busy machine Trino can miss its start-up deadline: a second up starts what is not running yet.
  await runCli(['up', '--runtime', 'local', '--interval', '10', '--rate', '2']).catch(async (error: unknown) => {
    say(`up failed once, trying again: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await runCli(['up', '--runtime', 'local', '--interval', '10', '--rate', '2']);
  });
  await runCli(['stop', 'generator']);
  const endpoints = (JSON.parse(await runCli(['status', '--json'])) as { endpoints: Endpoints }).endpoints;
  const figures: SizeFigures[] = [];
  let onTopic = (await compareEngines(endpoints)).engines.kafka.count ?? 0;
  for (const size of SIZES) {
    if (size > onTopic) {
      say(`filling the topic to ${size} records`);
      await fill(endpoints.kafka, size - onTopic);
    }
    await waitFor(async () => ((await compareEngines(endpoints)).engines.kafka.count! >= size ? true : undefined), { what: `${size} records on Kafka`, timeoutMs: 300_000, intervalMs: 2000 });
    onTopic = (await compareEngines(endpoints)).engines.kafka.count!;
    say(`timing both Kafka queries at ${onTopic} records`);
    const decoded = await timeRuns(() => runTrinoQuery(endpoints.trino, KAFKA_DECODED_MEASURED_QUERY));
    const robust = await timeRuns(() => runTrinoQuery(endpoints.trino, KAFKA_MEASURED_QUERY));
    const entry: SizeFigures = { records: onTopic, decoded, robust };
    say(`decoded ${decoded.medianMs} ms, robust ${robust.medianMs} ms`);
    if (size === SIZES.at(-1)) {
      say('waiting for the pipeline to drain, then timing verify');
      await waitFor(
        async () => {
          const c = await compareEngines(endpoints);
          return c.engines.warehouse.ok && c.engines.warehouse.count === c.engines.kafka.count ? true : undefined;
        },
        { what: 'the warehouse to drain', timeoutMs: 900_000, intervalMs: 5000 },
      );
      const window = verifyWindow({ drained: true, intervalSeconds: 10 });
      let parts: unknown;
      const clean = await timeRuns(async () => {
        const r = await verifyEngines(endpoints, window);
        if (!r.ok || !r.agree) throw new Error(`verify did not agree on a clean run: ${JSON.stringify(r).slice(0, 500)}`);
        parts = r.queryMs;
      });
      const db = await mysql.createConnection(endpoints.mysql);
      await db.query('DELETE FROM transactions ORDER BY eventid LIMIT 1');
      await db.end();
      const started = performance.now();
      const lossy = await verifyEngines(endpoints, window);
      const ms = Math.round(performance.now() - started);
      entry.verify = { clean: { ...clean, parts }, withLoss: { ms, parts: lossy.ok ? lossy.queryMs : null, lost: lossy.ok ? lossy.lost.count : -1 } };
      say(`verify clean ${clean.medianMs} ms, with one loss ${ms} ms (lost ${lossy.ok ? lossy.lost.count : '?'})`);
    }
    figures.push(entry);
  }
  const report = { measuredAt: new Date().toISOString(), runs: RUNS, sizes: figures };
  writeFileSync(join(packageRoot, 'media', 'bench-bad-data.json'), `${JSON.stringify(report, null, 2)}\n`);
  const lines = ['| records | decoded query (old, fails on a bad value) | robust query (now) | verify |', '| ---: | ---: | ---: | ---: |'];
  for (const f of figures) {
    lines.push(`| ${f.records} | ${f.decoded.medianMs} ms (${f.decoded.runsMs.join(', ')}) | ${f.robust.medianMs} ms (${f.robust.runsMs.join(', ')}) | ${f.verify ? `${f.verify.clean.medianMs} ms clean (${f.verify.clean.runsMs.join(', ')}); ${f.verify.withLoss.ms} ms with one loss` : ''} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main()
  .catch((error: unknown) => {
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await runCli(['down']).catch(() => undefined);
  });
