import { fitWidth } from './fit-text.js';

/**
 * A screen as parts, top to bottom, each with smaller forms it can take when the terminal is
 * short: a long text becomes its first line, a table loses its outer border, a list of commands
 * goes. `fitToRows` shrinks them in the order they state until the screen fits.
 */
export interface ScreenPart {
  /** The part at full size. */
  lines: readonly string[];
  /** A blank line above it, dropped first when rows are short. */
  gapAbove?: boolean;
  /** Smaller forms, each smaller than the one before; an empty last form drops the part. */
  smaller?: ReadonlyArray<readonly string[]>;
  /**
   * When this part shrinks compared with the others: lower goes first. A part without one
   * never shrinks.
   */
  shrinkOrder?: number;
}

function height(parts: readonly { lines: readonly string[]; gapAbove: boolean }[]): number {
  return parts.reduce((total, part) => total + (part.lines.length > 0 ? part.lines.length + (part.gapAbove ? 1 : 0) : 0), 0);
}

/** The screen's lines, made to fit `rows` by dropping blank lines, then shrinking parts in their stated order. */
export function fitToRows(parts: readonly ScreenPart[], rows: number): string[] {
  const shown = parts.map((part) => ({ lines: part.lines, gapAbove: part.gapAbove === true }));
  if (height(shown) > rows) for (const part of shown) part.gapAbove = false;
  const order = parts
    .map((part, index) => ({ index, order: part.shrinkOrder }))
    .filter((p): p is { index: number; order: number } => p.order !== undefined && (parts[p.index]?.smaller?.length ?? 0) > 0)
    .sort((a, b) => a.order - b.order);
  for (const { index } of order) {
    for (const form of parts[index]!.smaller!) {
      if (height(shown) <= rows) break;
      shown[index]!.lines = form;
    }
  }
  const lines: string[] = [];
  shown.forEach((part, index) => {
    if (part.lines.length === 0) return;
    if (part.gapAbove && index > 0) lines.push('');
    lines.push(...part.lines);
  });
  return lines;
}

/** A bordered table without its top and bottom border lines: two rows saved, still readable. */
export function withoutOuterBorder(table: readonly string[]): string[] {
  return table.length > 2 ? table.slice(1, -1) : [...table];
}

/** The first sentence of a text, on one line of at most `width` columns. */
export function firstLineOf(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  return fitWidth(sentence, width);
}
