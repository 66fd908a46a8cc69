import type { AdHocAnswer, AdHocResults, CellValue } from './ad-hoc-query.js';

export interface AlignedColumn {
  name: string;
  /** Numeric on both engines: the row shows Kafka minus warehouse. */
  numeric: boolean;
}

export interface AlignedRow {
  /** The first column's value, the same on both sides (or on the one side that has the row). */
  key: CellValue;
  /** The row's other values per engine, or null when that engine has no such row. */
  warehouse: CellValue[] | null;
  kafka: CellValue[] | null;
  /** Per column after the key: Kafka minus warehouse, or null (not numeric, or a side missing). */
  delta: Array<number | null>;
}

export interface AlignedResults {
  /** Every column, the key first. */
  columns: AlignedColumn[];
  rows: AlignedRow[];
}

export type SideBySide =
  | { kind: 'aligned'; aligned: AlignedResults }
  /** Not comparable row by row: each engine's answer (or error) on its own. */
  | { kind: 'separate'; why: string };

const keyText = (value: CellValue) => (value === null ? '\u0000null' : typeof value === 'string' ? `s:${value}` : `v:${String(value)}`);

function toNumber(value: CellValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Kafka minus warehouse without the float noise of DOUBLE against DECIMAL (12 significant digits). */
export function numericDelta(warehouse: CellValue, kafka: CellValue): number | null {
  const w = toNumber(warehouse);
  const k = toNumber(kafka);
  if (w === null || k === null) return null;
  const delta = Number((k - w).toPrecision(12));
  return Object.is(delta, -0) ? 0 : delta;
}

function compareKeys(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), 'en', { numeric: true });
}

function isAscending(keys: readonly CellValue[]): boolean {
  for (let i = 1; i < keys.length; i += 1) if (compareKeys(keys[i - 1]!, keys[i]!) > 0) return false;
  return true;
}

/** Why two answers cannot be lined up, or undefined when they can. */
function whyNotAligned(results: AdHocResults): string | undefined {
  const { warehouse, kafka } = results;
  if (!warehouse || !kafka) return 'only one engine was asked';
  if (!warehouse.ok || !kafka.ok) return !warehouse.ok && !kafka.ok ? 'neither engine answered' : `${warehouse.ok ? 'SQL on Kafka' : 'the warehouse'} did not answer`;
  const names = (answer: AdHocAnswer) => answer.columns.map((c) => c.name.toLowerCase());
  if (warehouse.columns.length === 0) return 'the answers have no columns';
  if (names(warehouse).join('\u0000') !== names(kafka).join('\u0000')) return 'the engines answered with different columns';
  return undefined;
}

/**
 * Lines up both engines' rows on the first column when both answered with the same columns (by
 * name, in order): one row per key, each side's values, and the delta of numeric columns. A key
 * seen several times pairs its first occurrences with each other, then its second ones, and so on.
 * Rows keep the engines' order: ascending when both came sorted that way, otherwise the warehouse's
 * order with Kafka's extra rows after.
 */
export function alignResults(results: AdHocResults): SideBySide {
  const why = whyNotAligned(results);
  if (why) return { kind: 'separate', why };
  const warehouse = results.warehouse as AdHocAnswer;
  const kafka = results.kafka as AdHocAnswer;
  const columns: AlignedColumn[] = warehouse.columns.map((c, i) => ({ name: c.name, numeric: c.numeric && (kafka.columns[i]?.numeric ?? false) }));

  const rows = new Map<string, AlignedRow>();
  const order: string[] = [];
  const place = (side: 'warehouse' | 'kafka', row: CellValue[]) => {
    const key = row[0] ?? null;
    let occurrence = 0;
    let id = `${keyText(key)}#${occurrence}`;
    while (rows.get(id)?.[side]) id = `${keyText(key)}#${++occurrence}`;
    let aligned = rows.get(id);
    if (!aligned) {
      aligned = { key, warehouse: null, kafka: null, delta: [] };
      rows.set(id, aligned);
      order.push(id);
    }
    aligned[side] = row.slice(1);
  };
  for (const row of warehouse.rows) place('warehouse', row);
  for (const row of kafka.rows) place('kafka', row);

  let list = order.map((id) => rows.get(id)!);
  if (isAscending(warehouse.rows.map((r) => r[0] ?? null)) && isAscending(kafka.rows.map((r) => r[0] ?? null))) {
    list = list.map((row, i) => ({ row, i })).sort((a, b) => compareKeys(a.row.key, b.row.key) || a.i - b.i).map(({ row }) => row);
  }
  for (const row of list) {
    row.delta = columns.slice(1).map((column, i) =>
      column.numeric && row.warehouse && row.kafka ? numericDelta(row.warehouse[i] ?? null, row.kafka[i] ?? null) : null,
    );
  }
  return { kind: 'aligned', aligned: { columns, rows: list } };
}
