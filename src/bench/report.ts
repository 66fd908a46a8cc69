/**
 * The benchmark's figures (what media/bench.json holds) and the Markdown report made from them.
 * Pure: no I/O, so a test can check the report from a fixed set of figures.
 */
import { formatDuration, formatMiB, formatShortCount } from '../text/format.js';
import type { ServiceName } from '../runtime/types.js';
import type { LagSample } from './lag-chart.js';
import type { Machine } from './machine.js';
import type { Spread } from './stats.js';
import type { Settled } from './service-cpu.js';

export interface ServiceFigures {
  name: ServiceName;
  readyMs: number | null;
  rssMiB: { ready: number | null; steady: number | null; largest: number | null };
}

export interface SizeFigures {
  records: number;
  skipped?: string;
  produceMs?: number;
  drainMs?: number;
  /** Warm runs; firstMs is the first run at that size (cold), warmUpRuns how many ran before the timed ones. */
  kafka?: { medianMs: number; runsMs: number[]; firstMs?: number; warmUpRuns?: number };
  mysql?: { medianMs: number; runsMs: number[] };
  disk?: { kafkaMiB: number; datalakeMiB: number; dbMiB: number };
  /** MySQL's plan for the seed's query (EXPLAIN), to say why its time grows as it does. */
  mysqlPlan?: string;
}

/** Which code a figure is of: this checkout ('after'), or the code before it measured beside it (SLOWDATA_BENCH_BASELINE_CLI). */
export type Code = 'before' | 'after';

/** One `up` in a fresh home, as a user runs it, and Trino's own start right after it. */
export interface StartupRun {
  code: Code;
  /** Wall clock of `slowdata-tour up`. */
  upMs: number;
  /** From starting `up` until the seed's comparison first answers on both engines. */
  firstAnswerMs: number;
  /** `slowdata-tour start trino` after `stop trino`, the rest running (same run). */
  trinoAloneMs: number;
  /** Resident memory of all services once both engines answer. */
  rssAtReadyMiB: number;
  readyMs: Partial<Record<ServiceName, number>>;
}

/** Wall-clock times of one CLI command that should answer at once. */
export interface CliTiming {
  code: Code;
  command: string;
  runsMs: number[];
}

export interface Report {
  measuredAt: string;
  machine: Machine;
  settings: { rate: number; intervalSeconds: number; lagRunSeconds: number; sizes: number[]; queryRuns: number; query: string; upRuns?: number; cliRuns?: number };
  startup: { totalMs: number; services: ServiceFigures[] };
  freshness: { samples: number; warehouse: Spread; kafka: Spread; queryMs: { warehouse: Spread; kafka: Spread }; series: LagSample[] };
  querySizes: SizeFigures[];
  /** Absent in reports from before these were measured. */
  startupRuns?: StartupRun[];
  cli?: CliTiming[];
  /** How long the CLI timings waited for the environment to settle after the last start, and its CPU use then. */
  cliSettled?: Settled;
  /** Other environments seen running during the measurement (their figures and ours compete for the CPUs). */
  othersSeen: string[];
}

/** The goals of issue 12, each with its limit. */
export const GOALS = {
  firstAnswerMs: 20_000,
  upToTrinoRatio: 1.15,
  cliMs: 300,
  trinoP50At10kMs: 400,
  trinoP50At1MMs: 1500,
  rssAtReadyMiB: 1.2 * 1024,
} as const;

/** min / median / max of some figures, or undefined for none. */
export function minMedianMax(values: readonly number[]): { min: number; median: number; max: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)! };
}

type Unit = (value: number) => string;
const ratio: Unit = (value) => `${value.toFixed(2)}×`;
const gib: Unit = (mib) => `${(mib / 1024).toFixed(2)} GiB`;

function spreadText(values: readonly number[], unit: Unit): string {
  const m = minMedianMax(values);
  if (!m) return '—';
  return values.length === 1 ? unit(m.median) : `${unit(m.min)} / **${unit(m.median)}** / ${unit(m.max)}`;
}

/** A goal met when the median is within the limit. */
function verdict(values: readonly number[], limit: number): string {
  const m = minMedianMax(values);
  return m === undefined ? '—' : m.median <= limit ? '✓' : '✗';
}

/** The goals table: each goal, its limit, and min / median / max of this run (and of the code before, when measured). */
export function goalLines(report: Report): string[] {
  const runs = report.startupRuns ?? [];
  const codes: Code[] = runs.some((r) => r.code === 'before') || (report.cli ?? []).some((c) => c.code === 'before') ? ['before', 'after'] : ['after'];
  const of = (code: Code) => runs.filter((r) => r.code === code);
  const cliOf = (code: Code, command: string) => (report.cli ?? []).find((c) => c.code === code && c.command === command)?.runsMs ?? [];
  const trinoRuns = (records: number) => report.querySizes.find((s) => s.records === records)?.kafka?.runsMs ?? [];
  const rows: Array<{ goal: string; limit: string; values: (code: Code) => number[]; unit: Unit; max: number }> = [
    { goal: '`up` → first side-by-side answer', limit: `≤ ${formatDuration(GOALS.firstAnswerMs)}`, values: (c) => of(c).map((r) => r.firstAnswerMs), unit: formatDuration, max: GOALS.firstAnswerMs },
    { goal: '`up` ÷ Trino\'s own start (same run)', limit: `≤ ${ratio(GOALS.upToTrinoRatio)}`, values: (c) => of(c).map((r) => r.upMs / r.trinoAloneMs), unit: ratio, max: GOALS.upToTrinoRatio },
    { goal: '`up` (wall clock)', limit: '', values: (c) => of(c).map((r) => r.upMs), unit: formatDuration, max: Number.POSITIVE_INFINITY },
    { goal: 'Trino\'s own start (`stop trino`, `start trino`)', limit: '', values: (c) => of(c).map((r) => r.trinoAloneMs), unit: formatDuration, max: Number.POSITIVE_INFINITY },
    ...['--help', '--version', '--list', 'status'].map((command) => ({
      goal: `\`slowdata-tour ${command}\``,
      limit: `≤ ${formatDuration(GOALS.cliMs)}`,
      values: (c: Code) => cliOf(c, command),
      unit: formatDuration,
      max: GOALS.cliMs,
    })),
    { goal: 'Trino on the topic, warm, 10k records', limit: `p50 ≤ ${formatDuration(GOALS.trinoP50At10kMs)}`, values: (c) => (c === 'after' ? trinoRuns(10_000) : []), unit: formatDuration, max: GOALS.trinoP50At10kMs },
    { goal: 'Trino on the topic, warm, 1M records', limit: `p50 ≤ ${formatDuration(GOALS.trinoP50At1MMs)}`, values: (c) => (c === 'after' ? trinoRuns(1_000_000) : []), unit: formatDuration, max: GOALS.trinoP50At1MMs },
    { goal: 'core stack resident memory at ready', limit: `≤ ${gib(GOALS.rssAtReadyMiB)}`, values: (c) => of(c).map((r) => r.rssAtReadyMiB), unit: gib, max: GOALS.rssAtReadyMiB },
  ];
  const header = codes.length === 2 ? ['goal', 'limit', 'before: min / **median** / max', 'after: min / **median** / max', 'met'] : ['goal', 'limit', 'min / **median** / max', 'met'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i < 2 ? '---' : i === header.length - 1 ? ':---:' : '---:')).join(' | ')} |`];
  for (const row of rows) {
    const cells = codes.map((code) => spreadText(row.values(code), row.unit));
    const met = Number.isFinite(row.max) ? verdict(row.values('after'), row.max) : '';
    lines.push(`| ${[row.goal, row.limit, ...cells, met].join(' | ')} |`);
  }
  return lines;
}

/** The Markdown the benchmark prints: the README's figures, in tables. */
export function markdownReport(report: Report): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(
    `Measured ${report.measuredAt.slice(0, 10)} on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB memory, ${m.os}; ` +
      `Node ${m.node}; Kafka/Connect on ${m.kafkaJdk.replace(/ \(.*\)$/, '')}, Trino on ${m.trinoJdk.replace(/ \(.*\)$/, '')}; ${m.database}. Local runtime, warm artifact cache.`,
    '',
  );
  if ((report.startupRuns ?? []).length > 0 || (report.cli ?? []).length > 0) {
    const starts = (report.startupRuns ?? []).filter((r) => r.code === 'after').length;
    const cliRuns = report.cli?.[0]?.runsMs.length ?? 0;
    const settled = report.cliSettled ? `, once its services used ${report.cliSettled.cores.toFixed(2)} of a core (after ${formatDuration(report.cliSettled.waitedMs)})` : '';
    const turns = new Set((report.cli ?? []).map((t) => t.code)).size > 1 ? ', taking turns with the code before' : '';
    lines.push(`**Goals** (${starts} starts, each in a fresh state home with warm caches; ${cliRuns} runs of each command${turns}, the environment up${settled}; met = the median is within the limit)`, '', ...goalLines(report), '');
  }
  lines.push(
    '**Start-up and memory** (resident set of each service\'s process group)',
    '',
    '| service | ready after | RSS at ready | RSS after the lag run | largest RSS seen |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  const sum = (pick: (s: ServiceFigures) => number | null) => report.startup.services.reduce((total, s) => total + (pick(s) ?? 0), 0);
  for (const s of report.startup.services) {
    lines.push(`| ${s.name} | ${formatDuration(s.readyMs)} | ${formatMiB(s.rssMiB.ready)} | ${formatMiB(s.rssMiB.steady)} | ${formatMiB(s.rssMiB.largest)} |`);
  }
  lines.push(
    `| **total** | **${formatDuration(report.startup.totalMs)}** (wall clock of \`up\`) | **${formatMiB(sum((s) => s.rssMiB.ready))}** | **${formatMiB(sum((s) => s.rssMiB.steady))}** | **${formatMiB(sum((s) => s.rssMiB.largest))}** |`,
    '',
    `**Freshness lag** (${report.freshness.samples} samples, one a second for ${report.settings.lagRunSeconds} s, batch interval ${report.settings.intervalSeconds} s, ${report.settings.rate} records/s)`,
    '',
    '| engine | lag p50 | lag p95 | lag max | query time p50 |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const engine of ['warehouse', 'kafka'] as const) {
    const f = report.freshness[engine];
    lines.push(`| ${engine === 'warehouse' ? 'warehouse (MySQL via the batch pipeline)' : 'kafka (Trino on the topic)'} | ${formatDuration(f.p50)} | ${formatDuration(f.p95)} | ${formatDuration(f.max)} | ${formatDuration(report.freshness.queryMs[engine].p50)} |`);
  }
  lines.push(
    '',
    `**Query time of the seed's SQL** (\`${report.settings.query}\`; median of up to ${report.settings.queryRuns} runs after a warm-up)`,
    '',
    '| records in the topic / warehouse | Trino on Kafka, warm (first run) | MySQL warehouse | bulk produce | pipeline drain | disk: Kafka / data lake / MySQL |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const size of report.querySizes) {
    if (size.skipped) {
      lines.push(`| ${formatShortCount(size.records)} | skipped: ${size.skipped} | | | | |`);
      continue;
    }
    const disk = size.disk ? `${size.disk.kafkaMiB} / ${size.disk.datalakeMiB} / ${size.disk.dbMiB} MiB` : '—';
    const first = size.kafka?.firstMs !== undefined ? ` (${formatDuration(size.kafka.firstMs)})` : '';
    lines.push(`| ${formatShortCount(size.records)} | ${formatDuration(size.kafka?.medianMs)}${first} | ${formatDuration(size.mysql?.medianMs)} | ${formatDuration(size.produceMs)} | ${formatDuration(size.drainMs)} | ${disk} |`);
  }
  const largestSize = [...report.querySizes].reverse().find((size) => size.mysqlPlan);
  if (largestSize) lines.push('', `MySQL's plan at ${formatShortCount(largestSize.records)} records: ${largestSize.mysqlPlan}`);
  if (report.othersSeen.length > 0) {
    lines.push('', `⚠ Other environments ran during this measurement (${report.othersSeen.join(', ')}): the figures are slower than on a quiet machine.`);
  }
  return `${lines.join('\n')}\n`;
}
