/** Which records a reconciliation compares: all of them after a drain, or those old enough to have been loaded. */
export interface VerifyWindow {
  /** 'window': records with eventTime <= cutoffMs only (records still arriving); 'all': after a drain. */
  mode: 'window' | 'all';
  cutoffMs: number | null;
  intervalSeconds: number | null;
  marginSeconds: number | null;
}

/** The window: everything once the generator is stopped, else records older than one batch interval plus a margin. */
export function verifyWindow(options: { drained: boolean; intervalSeconds: number; marginSeconds?: number; now?: number }): VerifyWindow {
  if (options.drained) return { mode: 'all', cutoffMs: null, intervalSeconds: options.intervalSeconds, marginSeconds: null };
  const margin = options.marginSeconds ?? 15;
  return { mode: 'window', cutoffMs: (options.now ?? Date.now()) - (options.intervalSeconds + margin) * 1000, intervalSeconds: options.intervalSeconds, marginSeconds: margin };
}
