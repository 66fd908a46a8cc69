import type { Comparison, EngineName, RejectedCounts } from '../engines/types.js';
import { engineLabel } from './engine-label.js';
import { formatCount } from './format.js';
import type { Paint } from './paint.js';

function countsText(rejected: RejectedCounts): string {
  const reasons = Object.entries(rejected.byReason).map(([reason, n]) => `${reason} ${formatCount(n)}`);
  return `${formatCount(rejected.total)}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`;
}

/** "Set aside: warehouse 3 (not-json 2, wrong-type 1) · kafka 3 (…)": the lines each engine did not count, by reason. */
export function rejectedText(comparison: Comparison, paint: Paint): string {
  const parts = (['warehouse', 'kafka'] as const satisfies readonly EngineName[]).map((engine) => {
    const rejected = comparison.engines[engine].rejected;
    return `${engineLabel(engine, paint)} ${rejected ? countsText(rejected) : '—'}`;
  });
  return `Set aside by the validity rule: ${parts.join(' · ')}`;
}
