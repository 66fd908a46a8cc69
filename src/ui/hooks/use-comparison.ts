import { useEffect, useState } from 'react';
import { appendLags, emptyLagHistory, type LagHistory } from '../../tour/lag-history.js';
import { LIVE_INTERVAL_MS, type LiveSample } from '../../tour/live-sample.js';

export interface LiveComparison {
  latest?: LiveSample;
  history: LagHistory;
  samples: number;
}

const EMPTY: LiveComparison = { history: emptyLagHistory(), samples: 0 };

/**
 * Takes a sample, waits `intervalMs`, takes the next, for as long as the caller passes the
 * same `sample` function; a new function (another step, a rerun) starts a fresh history.
 */
export function useComparison(sample: (() => Promise<LiveSample>) | undefined, intervalMs = LIVE_INTERVAL_MS): LiveComparison {
  const [live, setLive] = useState<LiveComparison>(EMPTY);

  useEffect(() => {
    setLive(EMPTY);
    if (!sample) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      const next = await sample().catch(() => undefined);
      if (stopped) return;
      if (next) {
        setLive((previous) => ({ latest: next, history: appendLags(previous.history, next.comparison), samples: previous.samples + 1 }));
      }
      timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [sample, intervalMs]);

  return live;
}
