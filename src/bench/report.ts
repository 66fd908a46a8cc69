/**
 * The benchmark's figures (what media/bench.json holds) and the Markdown report made from them.
 * Pure: no I/O, so a test can check the report from a fixed set of figures.
 */
import { formatDuration, formatMiB, formatShortCount } from '../text/format.js';
import type { ServiceName } from '../runtime/types.js';
import type { LagSample } from './lag-chart.js';
import type { Machine } from './machine.js';
import type { Spread } from './stats.js';

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
  kafka?: { medianMs: number; runsMs: number[] };
  mysql?: { medianMs: number; runsMs: number[] };
  disk?: { kafkaMiB: number; datalakeMiB: number; dbMiB: number };
  /** MySQL's plan for the seed's query (EXPLAIN), to say why its time grows as it does. */
  mysqlPlan?: string;
}

export interface Report {
  measuredAt: string;
  machine: Machine;
  settings: { rate: number; intervalSeconds: number; lagRunSeconds: number; sizes: number[]; queryRuns: number; query: string };
  startup: { totalMs: number; services: ServiceFigures[] };
  freshness: { samples: number; warehouse: Spread; kafka: Spread; queryMs: { warehouse: Spread; kafka: Spread }; series: LagSample[] };
  querySizes: SizeFigures[];
  /** Other environments seen running during the measurement (their figures and ours compete for the CPUs). */
  othersSeen: string[];
}

/** The Markdown the benchmark prints: the README's figures, in tables. */
export function markdownReport(report: Report): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(
    `Measured ${report.measuredAt.slice(0, 10)} on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB memory, ${m.os}; ` +
      `Node ${m.node}; Kafka/Connect on ${m.kafkaJdk.replace(/ \(.*\)$/, '')}, Trino on ${m.trinoJdk.replace(/ \(.*\)$/, '')}; ${m.database}. Local runtime, warm artifact cache.`,
    '',
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
    '| records in the topic / warehouse | Trino on Kafka | MySQL warehouse | bulk produce | pipeline drain | disk: Kafka / data lake / MySQL |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const size of report.querySizes) {
    if (size.skipped) {
      lines.push(`| ${formatShortCount(size.records)} | skipped: ${size.skipped} | | | | |`);
      continue;
    }
    const disk = size.disk ? `${size.disk.kafkaMiB} / ${size.disk.datalakeMiB} / ${size.disk.dbMiB} MiB` : '—';
    lines.push(`| ${formatShortCount(size.records)} | ${formatDuration(size.kafka?.medianMs)} | ${formatDuration(size.mysql?.medianMs)} | ${formatDuration(size.produceMs)} | ${formatDuration(size.drainMs)} | ${disk} |`);
  }
  const largestSize = [...report.querySizes].reverse().find((size) => size.mysqlPlan);
  if (largestSize) lines.push('', `MySQL's plan at ${formatShortCount(largestSize.records)} records: ${largestSize.mysqlPlan}`);
  if (report.othersSeen.length > 0) {
    lines.push('', `⚠ Other environments ran during this measurement (${report.othersSeen.join(', ')}): the figures are slower than on a quiet machine.`);
  }
  return `${lines.join('\n')}\n`;
}
