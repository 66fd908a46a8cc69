import type { Comparison, EngineName } from '../engines/types.js';

/** Each engine's freshness lag over the last samples, oldest first; null where it failed. */
export type LagHistory = Record<EngineName, (number | null)[]>;

export const LAG_HISTORY_LENGTH = 40;

export function emptyLagHistory(): LagHistory {
  return { warehouse: [], kafka: [] };
}

export function appendLags(history: LagHistory, comparison: Comparison, limit = LAG_HISTORY_LENGTH): LagHistory {
  const append = (engine: EngineName) => [...history[engine], comparison.engines[engine].lagMs].slice(-limit);
  return { warehouse: append('warehouse'), kafka: append('kafka') };
}

/** Below this, a lag draws as a low bar: a second of lag is not worth a full one. */
export const MIN_LAG_SCALE_MS = 10_000;

/** The largest lag in either history: both sparklines share it, so their heights compare. */
export function lagScale(history: LagHistory): number {
  const values = [...history.warehouse, ...history.kafka].filter((v): v is number => v !== null);
  return Math.max(MIN_LAG_SCALE_MS, ...values);
}
