import { UserError } from '../common/errors.js';
import { LocalRuntime } from '../runtime/local/local-runtime.js';
import { progressEventLine } from '../text/progress-text.js';
import type { CommandContext } from './context.js';

/** The way back for a stalled pipeline whose data lake went away: rewrite it from Kafka. */
export async function recover(ctx: CommandContext): Promise<number> {
  const runtime = await ctx.runtime();
  if (!(runtime instanceof LocalRuntime)) {
    throw new UserError(`"recover" works on the local runtime only; this environment runs on ${runtime.name}.`, {
      tryThis: 'slowdata-tour stop connect pipeline, delete the data lake volume, then slowdata-tour start connect pipeline',
    });
  }
  await runtime.recoverDataLake((event) => ctx.out(progressEventLine(event, ctx.paint)));
  ctx.out('The data lake is being rewritten from Kafka; "slowdata-tour status" shows the pipeline catching up.');
  return 0;
}
