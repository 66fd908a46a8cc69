/** How long a query may take and what cancels it: Ctrl-C in the tour, a deadline everywhere. */
export interface QueryBounds {
  /** Aborting cancels the query on the server. */
  signal?: AbortSignal;
  /** @default DEFAULT_QUERY_TIMEOUT_MS */
  timeoutMs?: number;
}

/** A measured query on a slow platform may take a while; past this it is cancelled on the server. */
export const DEFAULT_QUERY_TIMEOUT_MS = 120_000;

export class QueryStopped extends Error {
  constructor(readonly why: 'cancelled' | 'timeout', readonly ms: number) {
    super(why === 'cancelled' ? 'the query was cancelled' : `the query took longer than ${Math.round(ms / 1000)} s and was cancelled on the server`);
    this.name = 'QueryStopped';
  }
}

/**
 * Runs `work` until it settles, the signal aborts or the deadline passes; in the last two cases
 * `cancel` is called (to stop the query on the server) and a QueryStopped is thrown.
 */
export async function bounded<T>(bounds: QueryBounds | undefined, work: Promise<T>, cancel: () => Promise<void>): Promise<T> {
  const timeoutMs = bounds?.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const signal = bounds?.signal;
  if (signal?.aborted) {
    await cancel().catch(() => undefined);
    throw new QueryStopped('cancelled', 0);
  }
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueryStopped('timeout', timeoutMs)), timeoutMs);
    onAbort = () => reject(new QueryStopped('cancelled', 0));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stopped]);
  } catch (error) {
    if (error instanceof QueryStopped) await cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    work.catch(() => undefined);
  }
}
