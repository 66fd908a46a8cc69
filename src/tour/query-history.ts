import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { stateHome } from '../common/paths.js';

/** The statements a person ran at the SQL prompt, oldest first; ↑ walks back through them. */
export interface QueryHistory {
  /** Every entry kept, oldest first. */
  entries(): string[];
  /** Adds a statement (not twice in a row) and returns the entries as they are now. */
  add(sql: string): string[];
}

export interface FileQueryHistoryOptions {
  /** @default <state home>/query-history.json */
  file?: string;
  /** Entries kept; the oldest go first. @default 200 */
  limit?: number;
}

const historySchema = z.object({ version: z.literal(1), entries: z.array(z.string()) });

export function queryHistoryFile(home: string = stateHome()): string {
  return join(home, 'query-history.json');
}

/**
 * History kept in a file under the state home. A missing or unreadable file is an empty history,
 * and a failed write loses only that entry: history is a convenience, never a reason to fail a query.
 */
export function fileQueryHistory({ file = queryHistoryFile(), limit = 200 }: FileQueryHistoryOptions = {}): QueryHistory {
  const read = (): string[] => {
    try {
      const parsed = historySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data.entries.slice(-limit) : [];
    } catch {
      return [];
    }
  };
  return {
    entries: read,
    add(sql) {
      const entry = sql.trim();
      const entries = read();
      if (entry === '' || entries.at(-1) === entry) return entries;
      const next = [...entries, entry].slice(-limit);
      try {
        mkdirSync(dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, `${JSON.stringify({ version: 1, entries: next }, null, 2)}\n`, { mode: 0o600 });
        renameSync(temp, file);
      } catch {
        // Not kept this time; the query itself still runs.
      }
      return next;
    },
  };
}

/** History held in memory only, for tests and for a tour without a state home. */
export function memoryQueryHistory(initial: readonly string[] = []): QueryHistory {
  let entries = [...initial];
  return {
    entries: () => [...entries],
    add(sql) {
      const entry = sql.trim();
      if (entry !== '' && entries.at(-1) !== entry) entries = [...entries, entry];
      return [...entries];
    },
  };
}
