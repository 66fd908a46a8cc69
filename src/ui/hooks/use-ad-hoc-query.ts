import { useInput } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdHocResults } from '../../engines/ad-hoc-query.js';
import { alignResults, type SideBySide } from '../../engines/align-results.js';
import { gateSql, type GateDecision } from '../../engines/sql-gate.js';

/** Runs a statement the gate let through on both engines; stops them on the server when `signal` aborts. */
export type AdHocRunner = (decision: Extract<GateDecision, { ok: true }>, signal: AbortSignal) => Promise<AdHocResults>;

export type AdHocQueryState =
  | { phase: 'idle' }
  | { phase: 'refused'; sql: string; reason: string }
  | { phase: 'running'; sql: string; startedAt: number; cancelling: boolean }
  | { phase: 'done'; sql: string; results: AdHocResults; sideBySide: SideBySide };

export interface UseAdHocQueryOptions {
  /** Esc and Ctrl-C cancel a running query only while active. @default true */
  isActive?: boolean;
}

export interface AdHocQuery {
  state: AdHocQueryState;
  /** Gates the statement, then runs it (a second submit while one runs is ignored). */
  submit: (sql: string) => void;
  /** Cancels the running query on the servers; its results come back as the engines' "cancelled". */
  cancel: () => void;
}

/**
 * One typed query at a time on both engines. Esc or Ctrl-C while it runs cancels it on the
 * servers (the runner gets the abort); leaving the screen does the same. The app must be rendered
 * with `exitOnCtrlC: false` for Ctrl-C to reach this hook instead of ending the app.
 */
export function useAdHocQuery(run: AdHocRunner, { isActive = true }: UseAdHocQueryOptions = {}): AdHocQuery {
  const [state, setState] = useState<AdHocQueryState>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      controller.current?.abort();
    };
  }, []);

  const cancel = useCallback(() => {
    if (!controller.current || controller.current.signal.aborted) return;
    controller.current.abort();
    setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
  }, []);

  const submit = useCallback(
    (sql: string) => {
      if (controller.current) return;
      const decision = gateSql(sql);
      if (!decision.ok) {
        setState({ phase: 'refused', sql, reason: decision.reason });
        return;
      }
      const own = new AbortController();
      controller.current = own;
      setState({ phase: 'running', sql, startedAt: Date.now(), cancelling: false });
      void run(decision, own.signal)
        .then(
          (results) => ({ phase: 'done' as const, sql, results, sideBySide: alignResults(results) }),
          (error: unknown) => {
            const failed = { ok: false as const, error: `The query could not be run: ${error instanceof Error ? error.message : String(error)}`, queryMs: 0 };
            const results: AdHocResults = { warehouse: failed, kafka: failed };
            return { phase: 'done' as const, sql, results, sideBySide: alignResults(results) };
          },
        )
        .then((done) => {
          if (controller.current === own) controller.current = undefined;
          if (mounted.current) setState(done);
        });
    },
    [run],
  );

  useInput(
    (input, key) => {
      if (key.escape || (key.ctrl && input === 'c')) cancel();
    },
    { isActive: isActive && state.phase === 'running' },
  );

  return { state, submit, cancel };
}
