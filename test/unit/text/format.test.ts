import { describe, expect, it } from 'vitest';
import { formatAmount, formatCount, formatDelta } from '../../../src/text/format.js';

const intlAmount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const intlCount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

// Ties, carries, signs, zeros, exponents and a seeded spread of magnitudes.
function* values(): Generator<number> {
  yield* [0, -0, 0.005, 0.015, 1.005, 2.675, -2.675, 0.995, 9.995, 999.995, 999_999.995, -0.001, -0.004, 0.5, 1.5, 2.5, -0.5, -1.5];
  yield* [1e15, 123_456_789.125, 1e20, 1e21, 1.5e22, -1e21, Number.MAX_SAFE_INTEGER, 2 ** 70];
  yield* [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  let seed = 42;
  for (let i = 0; i < 5000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const magnitude = 10 ** ((seed % 24) - 4);
    yield ((seed / 2 ** 31) * 2 - 1) * magnitude;
  }
}

describe('figures', () => {
  it('read exactly as Intl writes them in en-US, without loading ICU', () => {
    for (const value of values()) {
      expect(formatAmount(value), String(value)).toBe(intlAmount.format(value));
      expect(formatCount(value), String(value)).toBe(intlCount.format(value));
    }
  });

  it('sign a delta above zero, and show a missing figure as a dash', () => {
    expect(formatDelta(1234.5)).toBe('+1,234.50');
    expect(formatDelta(-3)).toBe('-3.00');
    expect(formatAmount(null)).toBe('—');
    expect(formatCount(null)).toBe('—');
  });
});
