import type { Comparison, EngineName } from '../engines/types.js';

/** What a tour run saw, for the summary when it ends: steps done, lags, the largest difference, records. */
export interface TourSummary {
  stepsDone: number[];
  samples: number;
  lag: Record<EngineName, { p50: number | null; p95: number | null }>;
  /** The largest difference between the engines' totals (Kafka minus warehouse), when both answered. */
  largestDelta: { amount: number; records: number } | null;
  /** The most records either engine saw. */
  recordsSeen: number | null;
}

/** Nearest-rank percentile of numbers (sorted here). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Collects, during a tour run, what its summary reports. */
export class TourJournal {
  private readonly done = new Set<number>();
  private readonly lags: Record<EngineName, number[]> = { warehouse: [], kafka: [] };
  private sampleCount = 0;
  private largestDelta: TourSummary['largestDelta'] = null;
  private recordsSeen: number | null = null;

  stepDone(number: number): void {
    this.done.add(number);
  }

  sampled(comparison: Comparison): void {
    this.sampleCount += 1;
    for (const engine of ['warehouse', 'kafka'] as const) {
      const { lagMs, count } = comparison.engines[engine];
      if (lagMs !== null) this.lags[engine].push(lagMs);
      if (count !== null) this.recordsSeen = Math.max(this.recordsSeen ?? 0, count);
    }
    const { warehouse, kafka } = comparison.engines;
    if (warehouse.ok && kafka.ok && warehouse.total !== null && kafka.total !== null) {
      const amount = Math.round((kafka.total - warehouse.total) * 100) / 100;
      const records = (kafka.count ?? 0) - (warehouse.count ?? 0);
      if (!this.largestDelta || Math.abs(amount) > Math.abs(this.largestDelta.amount)) this.largestDelta = { amount, records };
    }
  }

  summary(): TourSummary {
    const lag = (engine: EngineName) => ({ p50: percentile(this.lags[engine], 50), p95: percentile(this.lags[engine], 95) });
    return {
      stepsDone: [...this.done].sort((a, b) => a - b),
      samples: this.sampleCount,
      lag: { warehouse: lag('warehouse'), kafka: lag('kafka') },
      largestDelta: this.largestDelta,
      recordsSeen: this.recordsSeen,
    };
  }
}
