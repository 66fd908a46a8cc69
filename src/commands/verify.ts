import { verifyEngines } from '../engines/verify.js';
import { verifyWindow } from '../engines/verify-window.js';
import { StateStore } from '../runtime/state.js';
import { verifyText } from '../text/verify-text.js';
import { UserError } from '../common/errors.js';
import type { CommandContext } from './context.js';
import { requireUp } from '../runtime/require-environment.js';

/**
 * `slowdata-tour verify`: reconciles the warehouse against the topic. While the generator runs it
 * compares records older than one batch interval plus a margin; with the generator stopped, all.
 * Exit code 0 when they agree, 1 when they differ or cannot be compared.
 */
export async function verify(ctx: CommandContext<{ json: boolean; intervalSeconds: number }>): Promise<number> {
  const runtime = await ctx.runtime();
  const status = await runtime.status();
  const { endpoints } = requireUp(status);
  if (runtime.name === 'external') {
    // Reconciling record by record needs the tour's own record shape (an eventId on both sides).
    throw new UserError('verify does not run on your own platform yet: it reconciles record by record by eventId, which only the tour\'s own tables have; per key, the counts and sums of both sides are what "compare --platform" shows.', {
      tryThis: `slowdata-tour compare --platform ${runtime.platformFile ?? 'FILE'} --json`,
    });
  }
  const generatorRuns = status.services.some((s) => s.name === 'generator' && (s.state === 'running' || s.state === 'starting'));
  const intervalSeconds = new StateStore().read()?.options.intervalSeconds ?? ctx.options.intervalSeconds;
  const outcome = await verifyEngines(endpoints, verifyWindow({ drained: !generatorRuns, intervalSeconds }));
  ctx.out(ctx.options.json ? JSON.stringify(outcome, null, 2) : verifyText(outcome, ctx.paint));
  return outcome.ok && outcome.agree ? 0 : 1;
}
