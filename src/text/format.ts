// Figures are written out here rather than by Intl.NumberFormat: the first formatter loads ICU's
// number data, 15-20 ms of every command that prints a figure (status among them). Like Intl,
// fixed() rounds the shortest decimal that reads back as the number (0.015, not 0.01499…), halves
// away from zero; test/unit/text/format.test.ts compares the two.
function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** The number with `fractionDigits` decimals and thousands separated by commas, as en-US writes it. */
function fixed(value: number, fractionDigits: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  const [mantissa = '0', exponent = '0'] = String(Math.abs(value)).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  // The number is 0.<digits> × 10^point, its digits padded so both sides of the point exist.
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point + fractionDigits + 1, '0');
  let kept = BigInt(digits.slice(0, point + fractionDigits));
  if (digits[point + fractionDigits]! >= '5') kept += 1n;
  const text = kept.toString().padStart(fractionDigits + 1, '0');
  const integer = text.slice(0, text.length - fractionDigits);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped(integer)}${fractionDigits > 0 ? `.${text.slice(-fractionDigits)}` : ''}`;
}

export const DASH = '—';

export function formatAmount(value: number | null): string {
  return value === null ? DASH : fixed(value, 2);
}

export function formatDelta(value: number | null): string {
  if (value === null) return DASH;
  const sign = value > 0 ? '+' : '';
  return `${sign}${fixed(value, 2)}`;
}

export function formatCount(value: number | null): string {
  return value === null ? DASH : fixed(value, 0);
}

/** A freshness lag for people: "0.8 s", "43 s", "2 min 05 s". */
export function formatLag(ms: number | null): string {
  if (ms === null) return DASH;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A time something took: "640 ms", "2.8 s"; a dash when there is none. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return DASH;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A time of day in UTC, HH:MM:SS (with milliseconds when asked). */
export function formatClock(epochMs: number, withMilliseconds = false): string {
  return new Date(epochMs).toISOString().slice(11, withMilliseconds ? 23 : 19);
}

/** An amount of memory or disk in MiB: "419 MiB"; a dash when there is none. */
export function formatMiB(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : `${value} MiB`;
}

/** A record count in short: "10k", "1M", "250". */
export function formatShortCount(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

