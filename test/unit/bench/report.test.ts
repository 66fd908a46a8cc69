import { describe, expect, it } from 'vitest';
import { goalLines, markdownReport, minMedianMax, type Report } from '../../../src/bench/report.js';
import { isEntryPoint } from '../../../src/bench/entry-point.js';

/** A small, fixed set of figures: two services, one lag run, one size measured and one skipped. */
function fixedReport(overrides: Partial<Report> = {}): Report {
  return {
    measuredAt: '2026-11-30T21:00:00.000Z',
    machine: {
      cpus: 2,
      cpuModel: 'AMD EPYC',
      memoryGiB: 23.5,
      os: 'Debian GNU/Linux 12 (bookworm)',
      node: 'v20.20.2',
      kafkaJdk: 'openjdk version "17.0.15" 2025-04-15 (/usr/bin/java)',
      trinoJdk: 'openjdk version "25.0.3" 2026-04-21 LTS (/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)',
      database: 'mariadbd Ver 10.11.19-MariaDB',
      versions: { kafka: '4.3.1', trino: '476' },
    },
    settings: { rate: 2, intervalSeconds: 10, lagRunSeconds: 60, sizes: [10_000, 1_000_000], queryRuns: 5, query: 'SELECT 1' },
    startup: {
      totalMs: 21_400,
      services: [
        { name: 'db', readyMs: 2280, rssMiB: { ready: 99, steady: 100, largest: 200 } },
        { name: 'trino', readyMs: 19_500, rssMiB: { ready: 419, steady: null, largest: 929 } },
      ],
    },
    freshness: {
      samples: 60,
      warehouse: { samples: 60, p50: 7400, p95: 12_100, max: 12_900 },
      kafka: { samples: 60, p50: 640, p95: 1100, max: 1500 },
      queryMs: { warehouse: { samples: 60, p50: 4, p95: 9, max: 12 }, kafka: { samples: 60, p50: 380, p95: 700, max: 900 } },
      series: [],
    },
    querySizes: [
      {
        records: 10_000,
        produceMs: 1200,
        drainMs: 15_000,
        kafka: { medianMs: 350, runsMs: [340, 350, 360] },
        mysql: { medianMs: 12, runsMs: [11, 12, 13] },
        disk: { kafkaMiB: 1.5, datalakeMiB: 1.9, dbMiB: 3.2 },
        mysqlPlan: 'type=ALL key= rows=10000 Extra=Using temporary; Using filesort',
      },
      { records: 1_000_000, skipped: 'projected 20 min from the previous size (budget 12 min)' },
    ],
    othersSeen: [],
    ...overrides,
  };
}

describe('the benchmark report', () => {
  const text = markdownReport(fixedReport());
  const lines = text.split('\n');

  it('names the machine and its software', () => {
    expect(lines[0]).toBe(
      'Measured 2026-11-30 on 2 CPUs (AMD EPYC), 23.5 GiB memory, Debian GNU/Linux 12 (bookworm); Node v20.20.2; ' +
        'Kafka/Connect on openjdk version "17.0.15" 2025-04-15, Trino on openjdk version "25.0.3" 2026-04-21 LTS; mariadbd Ver 10.11.19-MariaDB. Local runtime, warm artifact cache.',
    );
  });

  it('has a row per service and a total that sums what is known', () => {
    expect(lines).toContain('| db | 2.3 s | 99 MiB | 100 MiB | 200 MiB |');
    expect(lines).toContain('| trino | 19.5 s | 419 MiB | — | 929 MiB |');
    expect(lines).toContain('| **total** | **21.4 s** (wall clock of `up`) | **518 MiB** | **100 MiB** | **1129 MiB** |');
  });

  it('gives each engine its lag and query time', () => {
    expect(lines).toContain('| warehouse (MySQL via the batch pipeline) | 7.4 s | 12.1 s | 12.9 s | 4 ms |');
    expect(lines).toContain('| kafka (Trino on the topic) | 640 ms | 1.1 s | 1.5 s | 380 ms |');
  });

  it('gives each size its times and disk, and says why a size was skipped', () => {
    expect(lines).toContain('| 10k | 350 ms | 12 ms | 1.2 s | 15.0 s | 1.5 / 1.9 / 3.2 MiB |');
    expect(lines).toContain('| 1M | skipped: projected 20 min from the previous size (budget 12 min) | | | | |');
    expect(text).toContain("MySQL's plan at 10k records: type=ALL");
  });

  it('warns only when other environments ran beside it', () => {
    expect(text).not.toContain('Other environments ran');
    expect(markdownReport(fixedReport({ othersSeen: ['/tmp/other-home'] }))).toContain('Other environments ran during this measurement (/tmp/other-home)');
  });

  it('has no goals table when a report has no starts or CLI timings (reports from before they were measured)', () => {
    expect(text).not.toContain('**Goals**');
  });

  it('gives each goal its limit, min / median / max before and after, and whether the median meets it', () => {
    const withGoals = fixedReport({
      querySizes: [{ records: 10_000, kafka: { medianMs: 350, runsMs: [340, 350, 360] }, mysql: { medianMs: 12, runsMs: [12] } }],
      startupRuns: [
        { code: 'before', upMs: 36_000, firstAnswerMs: 38_000, trinoAloneMs: 22_000, rssAtReadyMiB: 1400, readyMs: {} },
        { code: 'after', upMs: 18_000, firstAnswerMs: 19_000, trinoAloneMs: 16_000, rssAtReadyMiB: 1100, readyMs: {} },
        { code: 'after', upMs: 20_000, firstAnswerMs: 21_000, trinoAloneMs: 16_000, rssAtReadyMiB: 1150, readyMs: {} },
        { code: 'after', upMs: 19_000, firstAnswerMs: 19_500, trinoAloneMs: 17_000, rssAtReadyMiB: 1120, readyMs: {} },
      ],
      cli: [
        { code: 'after', command: '--help', runsMs: [90, 110, 100] },
        { code: 'before', command: '--help', runsMs: [900, 1000, 1100] },
      ],
      cliSettled: { waitedMs: 12_000, cores: 0.08 },
    });
    const goals = goalLines(withGoals);
    expect(goals[0]).toBe('| goal | limit | before: min / **median** / max | after: min / **median** / max | met |');
    expect(goals).toContain('| `up` → first side-by-side answer | ≤ 20.0 s | 38.0 s | 19.0 s / **19.5 s** / 21.0 s | ✓ |');
    expect(goals).toContain("| `up` ÷ Trino's own start (same run) | ≤ 1.15× | 1.64× | 1.12× / **1.13×** / 1.25× | ✓ |");
    expect(goals).toContain('| `slowdata-tour --help` | ≤ 300 ms | 900 ms / **1.0 s** / 1.1 s | 90 ms / **100 ms** / 110 ms | ✓ |');
    expect(goals).toContain('| `slowdata-tour status` | ≤ 300 ms | — | — | — |');
    expect(goals).toContain('| Trino on the topic, warm, 10k records | p50 ≤ 400 ms | — | 340 ms / **350 ms** / 360 ms | ✓ |');
    expect(goals).toContain('| core stack resident memory at ready | ≤ 1.20 GiB | 1.37 GiB | 1.07 GiB / **1.09 GiB** / 1.12 GiB | ✓ |');
    expect(markdownReport(withGoals)).toContain('**Goals** (3 starts');
    expect(markdownReport(withGoals)).toContain('3 runs of each command, taking turns with the code before, the environment up, once its services used 0.08 of a core (after 12.0 s);');
  });

  it('takes min, median and max', () => {
    expect(minMedianMax([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(minMedianMax([4, 1])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(minMedianMax([])).toBeUndefined();
  });

  it('importing the benchmark does not run it', async () => {
    const started = Date.now();
    const run = await import('../../../src/bench/run.js');
    expect(typeof run.main).toBe('function');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isEntryPoint(import.meta.url, '/nonexistent/elsewhere.js')).toBe(false);
  });
});
