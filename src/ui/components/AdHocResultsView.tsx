import { Box, Text } from 'ink';
import { sideBySideText } from '../../text/side-by-side-text.js';
import type { Paint } from '../../text/paint.js';
import type { AdHocQueryState } from '../hooks/use-ad-hoc-query.js';

export interface AdHocResultsViewProps {
  readonly state: AdHocQueryState;
  /** Zero-based page of the rows; clamped to the last page. */
  readonly page: number;
  /** Rows per page. @default 15 */
  readonly pageSize?: number;
  /** Terminal width: wider tables lose their last columns, with a line saying so. */
  readonly width: number;
  readonly paint: Paint;
}

/** How many pages the answer has at `pageSize` rows a page (1 when there is nothing to page). */
export function pageCountOf(state: AdHocQueryState, pageSize: number): number {
  if (state.phase !== 'done') return 1;
  const { results, sideBySide } = state;
  const lengths = sideBySide.kind === 'aligned' ? [sideBySide.aligned.rows.length] : Object.values(results).map((r) => (r.ok ? r.rows.length : 0));
  return Math.max(1, ...lengths.map((n) => Math.ceil(n / Math.max(1, pageSize))));
}

/** What became of the typed query: refused, running, or both engines' answers side by side. */
export function AdHocResultsView({ state, page, pageSize = 15, width, paint }: AdHocResultsViewProps) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'refused':
      return <Text>{`${paint('error', 'Not sent:')} ${state.reason}`}</Text>;
    case 'running':
      return (
        <Text>
          {paint('muted', state.cancelling ? 'Cancelling the query on the servers…' : 'Asking both engines… (Esc or Ctrl-C cancels it on the servers)')}
        </Text>
      );
    case 'done': {
      const shown = sideBySideText({ results: state.results, sideBySide: state.sideBySide, page: { size: pageSize, index: page }, width, paint });
      return (
        <Box flexDirection="column">
          <Text>{shown.text}</Text>
          {shown.pages > 1 ? <Text>{paint('muted', 'PgUp/PgDn: other pages')}</Text> : null}
        </Box>
      );
    }
  }
}
