import type { AdHocResult, AdHocResults, CellValue } from '../engines/ad-hoc-query.js';
import type { SideBySide } from '../engines/align-results.js';
import type { EngineName } from '../engines/types.js';

const ENGINES: readonly EngineName[] = ['warehouse', 'kafka'];

/** One engine in `query --json`: its answer or its error, always the same keys. */
export interface QueryJsonEngine {
  ok: boolean;
  error: string | null;
  /** "timeout" or "cancelled" when the query was stopped; null otherwise. */
  stopped: 'timeout' | 'cancelled' | null;
  columns: Array<{ name: string; type: string }>;
  rows: CellValue[][];
  rowCount: number | null;
  truncated: boolean;
  queryMs: number;
  /** Trino's query id, or MySQL's connection id. */
  serverId: string | null;
}

export interface QueryJson {
  sql: string;
  engines: Partial<Record<EngineName, QueryJsonEngine>>;
  /** Rows lined up on the first column, when both engines answered with the same columns; else null. */
  aligned: {
    key: string;
    columns: string[];
    rows: Array<{ key: CellValue; warehouse: CellValue[] | null; kafka: CellValue[] | null; delta: Array<number | null> }>;
  } | null;
}

function engineJson(result: AdHocResult): QueryJsonEngine {
  const base = { queryMs: result.queryMs, serverId: result.serverId ?? null };
  if (!result.ok) return { ok: false, error: result.error, stopped: result.stopped ?? null, columns: [], rows: [], rowCount: null, truncated: false, ...base };
  return {
    ok: true,
    error: null,
    stopped: null,
    columns: result.columns.map(({ name, type }) => ({ name, type })),
    rows: result.rows,
    rowCount: result.rowCount,
    truncated: result.truncated,
    ...base,
  };
}

/** The shape `query --json` prints. */
export function queryJson(sql: string, results: AdHocResults, sideBySide: SideBySide): QueryJson {
  const engines: QueryJson['engines'] = {};
  for (const engine of ENGINES) if (results[engine]) engines[engine] = engineJson(results[engine]);
  const aligned =
    sideBySide.kind === 'aligned'
      ? {
          key: sideBySide.aligned.columns[0]!.name,
          columns: sideBySide.aligned.columns.map((c) => c.name),
          rows: sideBySide.aligned.rows.map(({ key, warehouse, kafka, delta }) => ({ key, warehouse, kafka, delta })),
        }
      : null;
  return { sql, engines, aligned };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; NULL is empty. */
export function csvField(value: CellValue | string): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (fields: ReadonlyArray<CellValue | string>) => fields.map(csvField).join(',');

/**
 * The shape `query --csv` prints: a header line, then one line per row. With several engines the
 * first column says which engine a row comes from, and the header holds every column either engine
 * returned (an engine without that column leaves it empty). Engines that failed print no rows: their
 * error goes to standard error.
 */
export function queryCsv(results: AdHocResults): string {
  const answered = ENGINES.filter((e) => results[e]?.ok).map((engine) => ({ engine, result: results[engine] as Extract<AdHocResult, { ok: true }> }));
  const several = ENGINES.filter((e) => results[e]).length > 1;
  const names: string[] = [];
  for (const { result } of answered) for (const column of result.columns) if (!names.includes(column.name)) names.push(column.name);
  const lines = [csvLine(several ? ['engine', ...names] : names)];
  for (const { engine, result } of answered) {
    const at = names.map((name) => result.columns.findIndex((c) => c.name === name));
    for (const row of result.rows) {
      const fields = at.map((i) => (i === -1 ? null : (row[i] ?? null)));
      lines.push(csvLine(several ? [engine, ...fields] : fields));
    }
  }
  return lines.join('\n');
}
