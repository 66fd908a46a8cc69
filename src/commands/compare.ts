import { engineTableText, storeTableText } from '../text/comparison-text.js';
import { rejectedText } from '../text/rejected-text.js';
import { compareEngines } from '../engines/compare-engines.js';
import { appendLags, emptyLagHistory } from '../tour/lag-history.js';
import type { CommandContext } from './context.js';
import { requireEndpoints } from './environment.js';

export async function compare(ctx: CommandContext): Promise<number> {
  const runtime = await ctx.runtime();
  const endpoints = requireEndpoints(await runtime.status());
  const comparison = await compareEngines(endpoints);
  if (ctx.options.json) {
    ctx.out(JSON.stringify(comparison, null, 2));
    return 0;
  }
  const columns = process.stdout.columns ?? 100;
  ctx.out(storeTableText(comparison, ctx.paint));
  ctx.out(engineTableText(comparison, appendLags(emptyLagHistory(), comparison), ctx.paint, columns));
  ctx.out(rejectedText(comparison, ctx.paint));
  for (const engine of ['warehouse', 'kafka'] as const) {
    const error = comparison.engines[engine].error;
    if (error) ctx.out(ctx.paint('error', `${engine}: ${error}`));
  }
  return 0;
}
