import { Box, useInput } from 'ink';
import { useState } from 'react';
import type { ReadyQuery } from '../../engines/ready-queries.js';
import type { Paint } from '../../text/paint.js';
import type { QueryHistory } from '../../tour/query-history.js';
import { useAdHocQuery, type AdHocRunner } from '../hooks/use-ad-hoc-query.js';
import { useQueryHistory } from '../hooks/use-query-history.js';
import { AdHocResultsView, pageCountOf } from './AdHocResultsView.js';
import { SqlPrompt } from './SqlPrompt.js';

export interface QueryPanelProps {
  /** Runs a gated statement on both engines (the composition root binds the endpoints). */
  readonly run: AdHocRunner;
  readonly history: QueryHistory;
  readonly readyQueries: readonly ReadyQuery[];
  /** Esc at the prompt. */
  readonly onClose: () => void;
  /** Ctrl-C at the prompt while no query runs: what Ctrl-C does everywhere else (while one runs, it cancels the query). */
  readonly onInterrupt?: () => void;
  readonly paint: Paint;
  readonly width: number;
  /** @default 15 */
  readonly pageSize?: number;
  /** Open on the list of ready queries (the step that invites a question). @default false */
  readonly startPicking?: boolean;
}

/**
 * "Ask your own question": the SQL prompt, and under it the answer of both engines side by side.
 * While a query runs the prompt is still, and Esc or Ctrl-C cancels it on the servers; PgUp/PgDn
 * page through a long answer.
 */
export function QueryPanel({ run, history, readyQueries, onClose, onInterrupt, paint, width, pageSize = 15, startPicking = false }: QueryPanelProps) {
  const query = useAdHocQuery(run);
  const remembered = useQueryHistory(history);
  const [page, setPage] = useState(0);
  const running = query.state.phase === 'running';

  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') onInterrupt?.();
    },
    { isActive: !running },
  );

  useInput(
    (_input, key) => {
      if (key.pageDown) setPage((p) => Math.min(pageCountOf(query.state, pageSize) - 1, p + 1));
      if (key.pageUp) setPage((p) => Math.max(0, p - 1));
    },
    { isActive: query.state.phase === 'done' },
  );

  const submit = (sql: string) => {
    remembered.add(sql);
    setPage(0);
    query.submit(sql);
  };

  return (
    <Box flexDirection="column">
      <SqlPrompt history={remembered.entries} readyQueries={readyQueries} onSubmit={submit} onClose={onClose} paint={paint} startPicking={startPicking} isActive={!running} />
      <Box marginTop={1}>
        <AdHocResultsView state={query.state} page={page} pageSize={pageSize} width={width} paint={paint} />
      </Box>
    </Box>
  );
}
