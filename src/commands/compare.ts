import { engineTableText, storeTableText } from '../text/comparison-text.js';
import { pipelineLines } from '../text/pipeline-text.js';
import { rejectedText } from '../text/rejected-text.js';
import { compareEngines } from '../engines/compare-engines.js';
import { appendLags, emptyLagHistory } from '../tour/lag-history.js';
import type { CommandContext } from './context.js';
import { requireUp } from '../runtime/require-environment.js';

export async function compare(ctx: CommandContext<{ json: boolean }>): Promise<number> {
  const runtime = await ctx.runtime();
  const { endpoints } = requireUp(await runtime.status());
  const comparison = await askPatiently((signal) => compareEngines(endpoints, { signal }));
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
  for (const line of pipelineLines(comparison.pipeline, ctx.paint, comparison.at)) ctx.out(line);
  return 0;
}

/**
 * Runs the engines' queries with Ctrl-C cancelling them on the servers, and a line on stderr every
 * few seconds while a slow platform has not answered yet (stdout stays clean for --json).
 */
async function askPatiently<T>(ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const began = Date.now();
  const onSigint = () => {
    process.stderr.write('Cancelling the queries on the servers…\n');
    controller.abort();
    process.exitCode = 130;
  };
  process.once('SIGINT', onSigint);
  const ticker = setInterval(() => process.stderr.write(`Still waiting for the engines to answer (${Math.round((Date.now() - began) / 1000)} s; Ctrl-C cancels)…\n`), 3000);
  try {
    return await ask(controller.signal);
  } finally {
    clearInterval(ticker);
    process.off('SIGINT', onSigint);
  }
}
