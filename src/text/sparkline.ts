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
