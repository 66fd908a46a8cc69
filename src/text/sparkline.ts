const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const MISSING = '×';

/**
 * One character per value, scaled against `max` so that two sparklines drawn with the
 * same max can be compared by eye. A missing value (the engine failed) is drawn as ×.
 */
export function sparkline(values: readonly (number | null)[], max: number): string {
  const top = max > 0 ? max : 1;
  return values
    .map((value) => {
      if (value === null) return MISSING;
      const level = Math.round((Math.min(value, top) / top) * (BARS.length - 1));
      return BARS[Math.max(0, level)];
    })
    .join('');
}

/** Below this, a lag draws as a low bar: a second of lag is not worth a full one. */
export const MIN_LAG_SCALE_MS = 10_000;

/** The largest lag in any of the histories: sparklines drawn against it compare by height. */
export function lagScale(histories: readonly (readonly (number | null)[])[]): number {
  const values = histories.flat().filter((v): v is number => v !== null);
  return Math.max(MIN_LAG_SCALE_MS, ...values);
}
