import { useCallback } from 'react';
import type { Endpoints } from '../../engines/endpoints.js';
import { appendLags, emptyLagHistory, type LagHistory } from '../../tour/lag-history.js';
import { LIVE_INTERVAL_MS, type LiveSample } from '../../tour/live-sample.js';
import { usePolling } from './use-polling.js';

export interface LiveComparison {
  latest?: LiveSample;
  history: LagHistory;
  samples: number;
}

const EMPTY: LiveComparison = { history: emptyLagHistory(), samples: 0 };

function addSample(previous: LiveComparison, next: LiveSample): LiveComparison {
  return { latest: next, history: appendLags(previous.history, next.comparison), samples: previous.samples + 1 };
}

export interface UseLiveComparisonOptions {
  readonly sample: (endpoints: Endpoints) => Promise<LiveSample>;
  /** Where to ask; undefined while the step has no live comparison. A new object starts a fresh history. */
  readonly endpoints?: Endpoints;
  /** @default LIVE_INTERVAL_MS */
  readonly intervalMs?: number;
}

/** Both engines asked again and again while a step shows its live comparison, with each engine's lag history. */
export function useLiveComparison({ sample, endpoints, intervalMs = LIVE_INTERVAL_MS }: UseLiveComparisonOptions): LiveComparison {
  const poll = useCallback(() => (endpoints ? sample(endpoints) : Promise.reject(new Error('no live comparison'))), [sample, endpoints]);
  return usePolling({ poll, fold: addSample, initial: EMPTY, intervalMs, isActive: endpoints !== undefined });
}
