import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Paint } from './paint.js';

export interface FitColumn {
  head: string;
  align?: 'left' | 'right';
  /**
   * When the table is wider than the terminal, columns go in this order: the highest number
   * first. Without one, the column always stays.
   */
  dropOrder?: number;
}

const PLAIN_STYLE = { head: [], border: [], compact: true };

function render(columns: readonly FitColumn[], rows: readonly (readonly string[])[], keep: readonly number[]): string {
  const table = new Table({ head: keep.map((i) => columns[i]!.head), colAligns: keep.map((i) => columns[i]!.align ?? 'left'), style: PLAIN_STYLE });
  for (const row of rows) table.push(keep.map((i) => row[i] ?? ''));
  return table.toString();
}

function widthOf(text: string): number {
  return Math.max(...text.split('\n').map((line) => stringWidth(line)));
}

/**
 * A table that fits `width` columns by leaving columns out, in their stated order, instead of
 * wrapping its rows; a muted line names what was left out.
 */
export function fittedTable(columns: readonly FitColumn[], rows: readonly (readonly string[])[], width: number, paint: Paint): string[] {
  const keep = columns.map((_, i) => i);
  const droppable = columns
    .map((column, i) => ({ i, order: column.dropOrder }))
    .filter((c): c is { i: number; order: number } => c.order !== undefined)
    .sort((a, b) => b.order - a.order);
  let text = render(columns, rows, keep);
  const hidden: string[] = [];
  for (const { i } of droppable) {
    if (widthOf(text) <= width) break;
    keep.splice(keep.indexOf(i), 1);
    hidden.push(columns[i]!.head);
    text = render(columns, rows, keep);
  }
  const lines = text.split('\n');
  return hidden.length > 0 ? [...lines, paint('muted', `(a wider terminal also shows: ${hidden.join(', ')})`)] : lines;
}
