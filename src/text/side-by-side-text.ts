import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { AdHocResult, AdHocResults, CellValue } from '../engines/ad-hoc-query.js';
import type { SideBySide } from '../engines/align-results.js';
import type { EngineName } from '../engines/types.js';
import { engineLabel, ENGINE_TITLES } from './engine-label.js';
import { DASH, formatCount, formatDuration } from './format.js';
import { fitWidth } from './fit-text.js';
import type { Paint } from './paint.js';

const ENGINES: readonly EngineName[] = ['warehouse', 'kafka'];
const PLAIN_STYLE = { head: [], border: [], compact: true };
/** No cell wider than this; longer values end with "…". */
export const MAX_CELL_WIDTH = 40;
/** cli-table3 draws one border and one space each side per column, plus the last border. */
const COLUMN_CHROME = 3;

export interface PageRequest {
  /** Rows per page. @default 20 */
  size: number;
  /** Zero-based; clamped to the last page. @default 0 */
  index: number;
}

export interface SideBySideInput {
  results: AdHocResults;
  sideBySide: SideBySide;
  page: PageRequest;
  /** Terminal width: tables wider than this lose their last columns, with a note saying so. */
  width: number;
  paint: Paint;
}

/** The ready queries a step asked, each under its title and SQL, both engines' answers side by side. */
export function answeredQueriesLines(answers: ReadonlyArray<{ title: string; sql: string; results: SideBySideInput['results']; sideBySide: SideBySideInput['sideBySide'] }>, width: number, paint: Paint, rowsEach = 10): string[] {
  return answers.flatMap((answer, i) => [
    ...(i > 0 ? [''] : []),
    paint('strong', answer.title),
    ...answer.sql.split('\n').map((line) => paint('muted', `  ${line}`)),
    ...sideBySideText({ results: answer.results, sideBySide: answer.sideBySide, page: { index: 0, size: rowsEach }, width, paint }).text.split('\n'),
  ]);
}

export interface SideBySideText {
  text: string;
  /** How many pages the longest table has (at least 1). */
  pages: number;
  /** The page shown, after clamping. */
  index: number;
}

/** A value as a table shows it: numbers without float noise, NULL in words. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  return String(value).replace(/\s+/g, ' ');
}

function deltaText(value: number | null): string {
  if (value === null) return DASH;
  return value > 0 ? `+${cellText(value)}` : cellText(value);
}

/** One line per engine: how many rows and how long, or its own error. */
export function engineStatusLine(engine: EngineName, result: AdHocResult, paint: Paint): string {
  const label = `${engineLabel(engine, paint)}${' '.repeat(Math.max(1, 10 - ENGINE_TITLES[engine].length))}`;
  if (!result.ok) return `${label}${paint('error', '✗')} ${result.error} ${paint('muted', `(${formatDuration(result.queryMs)})`)}`;
  const rows = result.rowCount === 1 ? '1 row' : `${formatCount(result.rowCount)} rows`;
  const kept = result.truncated ? `, the first ${formatCount(result.rows.length)} kept` : '';
  return `${label}${paint('healthy', '✓')} ${rows}${kept} in ${formatDuration(result.queryMs)}`;
}

interface Grid {
  head: string[];
  rows: string[][];
  /** Right-aligned columns (numbers). */
  right: boolean[];
  /** Per column, the role that colours it, if any. */
  roles: Array<EngineName | undefined>;
}

/** Cuts a grid to the terminal: long cells end in "…", columns past the width are dropped. */
function drawGrid(grid: Grid, width: number, paint: Paint, emptyNote: string): { table: string; hidden: number } {
  const widths = grid.head.map((h, c) => Math.min(MAX_CELL_WIDTH, Math.max(stringWidth(h), ...grid.rows.map((r) => stringWidth(r[c] ?? '')))));
  let used = 1;
  let shown = 0;
  for (const w of widths) {
    if (shown > 0 && used + w + COLUMN_CHROME > width) break;
    used += w + COLUMN_CHROME;
    shown += 1;
  }
  const cut = (text: string, c: number) => fitWidth(text, widths[c]!);
  const table = new Table({
    head: grid.head.slice(0, shown).map((h, c) => (grid.roles[c] ? paint(grid.roles[c], cut(h, c)) : cut(h, c))),
    colAligns: grid.right.slice(0, shown).map((r) => (r ? 'right' : 'left')),
    style: PLAIN_STYLE,
  });
  for (const row of grid.rows) table.push(row.slice(0, shown).map((value, c) => (grid.roles[c] ? paint(grid.roles[c], cut(value, c)) : cut(value, c))));
  if (grid.rows.length === 0) table.push([{ colSpan: shown, content: paint('muted', emptyNote) }]);
  return { table: table.toString(), hidden: grid.head.length - shown };
}

function pageOf<T>(rows: readonly T[], page: PageRequest, pages: number): T[] {
  const index = Math.min(Math.max(0, page.index), pages - 1);
  return rows.slice(index * page.size, (index + 1) * page.size);
}

function pageLine(total: number, page: PageRequest, pages: number, paint: Paint): string | undefined {
  if (pages <= 1) return undefined;
  const index = Math.min(Math.max(0, page.index), pages - 1);
  const from = index * page.size + 1;
  const to = Math.min(total, (index + 1) * page.size);
  return paint('muted', `rows ${formatCount(from)}–${formatCount(to)} of ${formatCount(total)} · page ${index + 1} of ${pages}`);
}

function hiddenLine(hidden: number, paint: Paint): string | undefined {
  if (hidden === 0) return undefined;
  return paint('muted', `→ ${hidden} more ${hidden === 1 ? 'column' : 'columns'} cut off at the terminal's width (a wider terminal, or --json/--csv, shows them)`);
}

const pagesFor = (rows: number, size: number) => Math.max(1, Math.ceil(rows / Math.max(1, size)));

/**
 * Both engines' answers to a typed query: per engine its row count and time (or its error), then
 * one table lined up on the first column with Kafka-minus-warehouse for numeric columns when both
 * answered with the same columns, otherwise each engine's own table. Long answers are paged, wide
 * ones cut at the terminal's width with a line saying how many columns are not shown.
 */
export function sideBySideText({ results, sideBySide, page, width, paint }: SideBySideInput): SideBySideText {
  const size = Math.max(1, page.size);
  const lines: string[] = [];
  const asked = ENGINES.filter((e) => results[e]);
  for (const engine of asked) lines.push(engineStatusLine(engine, results[engine]!, paint));

  if (sideBySide.kind === 'aligned') {
    const { columns, rows } = sideBySide.aligned;
    const pages = pagesFor(rows.length, size);
    const index = Math.min(Math.max(0, page.index), pages - 1);
    const head: string[] = [columns[0]!.name];
    const right: boolean[] = [columns[0]!.numeric];
    const roles: Array<EngineName | undefined> = [undefined];
    for (const column of columns.slice(1)) {
      head.push(`${column.name} · ${ENGINE_TITLES.warehouse}`, `${column.name} · ${ENGINE_TITLES.kafka}`);
      right.push(column.numeric, column.numeric);
      roles.push('warehouse', 'kafka');
      if (column.numeric) {
        head.push(`Δ ${column.name}`);
        right.push(true);
        roles.push(undefined);
      }
    }
    const body = pageOf(rows, { size, index }, pages).map((row) => {
      const cells = [cellText(row.key)];
      columns.slice(1).forEach((column, c) => {
        cells.push(row.warehouse ? cellText(row.warehouse[c]) : DASH, row.kafka ? cellText(row.kafka[c]) : DASH);
        if (column.numeric) cells.push(deltaText(row.delta[c] ?? null));
      });
      return cells;
    });
    const { table, hidden } = drawGrid({ head, rows: body, right, roles }, width, paint, 'no rows on either side');
    lines.push(table);
    const onlyOne = rows.filter((r) => !r.warehouse || !r.kafka).length;
    if (onlyOne > 0) lines.push(paint('muted', `${formatCount(onlyOne)} of ${formatCount(rows.length)} ${rows.length === 1 ? 'row is' : 'rows are'} on one side only (${DASH} on the other).`));
    for (const line of [pageLine(rows.length, { size, index }, pages, paint), hiddenLine(hidden, paint)]) if (line) lines.push(line);
    return { text: lines.join('\n'), pages, index };
  }

  const answered = asked.filter((e) => results[e]!.ok);
  const pages = Math.max(1, ...answered.map((e) => pagesFor((results[e] as Extract<AdHocResult, { ok: true }>).rows.length, size)));
  const index = Math.min(Math.max(0, page.index), pages - 1);
  if (asked.length === 2 && answered.length === 2) lines.push(paint('muted', `Two tables: ${sideBySide.why}.`));
  for (const engine of answered) {
    const result = results[engine] as Extract<AdHocResult, { ok: true }>;
    const enginePages = pagesFor(result.rows.length, size);
    const body = index < enginePages ? pageOf(result.rows, { size, index }, enginePages).map((row) => row.map(cellText)) : [];
    const grid: Grid = { head: result.columns.map((c) => c.name), rows: body, right: result.columns.map((c) => c.numeric), roles: result.columns.map(() => undefined) };
    const { table, hidden } = drawGrid(grid, width, paint, index < enginePages ? 'no rows' : `no rows on this page (${enginePages} ${enginePages === 1 ? 'page' : 'pages'})`);
    if (asked.length > 1) lines.push(engineLabel(engine, paint));
    lines.push(table);
    for (const line of [pageLine(result.rows.length, { size, index }, enginePages, paint), hiddenLine(hidden, paint)]) if (line) lines.push(line);
  }
  return { text: lines.join('\n'), pages, index };
}
