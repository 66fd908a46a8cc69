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
