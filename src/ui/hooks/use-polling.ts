import { useEffect, useRef, useState } from 'react';

export interface UsePollingOptions<T, A> {
  /**
   * Asks once. A new function (another step, a rerun) starts over: the folded value goes back
   * to `initial`. Keep it stable (useCallback) while the same thing is being watched.
   */
  readonly poll: () => Promise<T>;
  /** Folds each answer into the value the hook returns; a failed ask keeps the value as it was. */
  readonly fold: (previous: A, next: T) => A;
  readonly initial: A;
  /** Time between the end of one ask and the start of the next. */
  readonly intervalMs: number;
  /**
   * Whether to ask at all; while false the hook returns `initial`.
   *
   * @default true
   */
  readonly isActive?: boolean;
}

/**
 * Asks, waits `intervalMs`, asks again, for as long as it is active and given the same `poll`,
 * folding every answer into the returned value. Never two asks at once; nothing is asked or set
 * after the component unmounts.
 */
export function usePolling<T, A>({ poll, fold, initial, intervalMs, isActive = true }: UsePollingOptions<T, A>): A {
  const [value, setValue] = useState<A>(initial);
  // The fold and the initial value are read when needed, so a new closure each render does not restart polling.
  const latest = useRef({ fold, initial });
  latest.current = { fold, initial };

  useEffect(() => {
    setValue(latest.current.initial);
    if (!isActive) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      let answered = false;
      let next: T | undefined;
      try {
        next = await poll();
        answered = true;
      } catch {
        // A failed ask keeps the last value; the next tick asks again.
      }
      if (stopped) return;
      if (answered) setValue((previous) => latest.current.fold(previous, next as T));
      timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [poll, intervalMs, isActive]);

  return value;
}
