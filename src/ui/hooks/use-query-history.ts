import { useCallback, useState } from 'react';
import type { QueryHistory } from '../../tour/query-history.js';

/** The history's entries for the prompt, read once; `add` keeps a statement and refreshes them. */
export function useQueryHistory(store: QueryHistory): { entries: readonly string[]; add: (sql: string) => void } {
  const [entries, setEntries] = useState<readonly string[]>(() => store.entries());
  const add = useCallback((sql: string) => setEntries(store.add(sql)), [store]);
  return { entries, add };
}
