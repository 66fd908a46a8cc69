import { doctor } from '../runtime/docker/index.js';
import { inspectTools } from '../runtime/local/tools.js';
import { localToolChecks } from '../text/local-tools-text.js';
import type { DoctorCheck, KafkaSqlEngine, OptionalProfile, RuntimeName } from '../runtime/types.js';
import type { CommandContext } from './context.js';

async function localChecks(): Promise<DoctorCheck[]> {
  return localToolChecks(await inspectTools());
}

/** Checks both runtimes' prerequisites; fails when the runtime that would be used cannot run. */
export async function doctorCommand(ctx: CommandContext<{ json: boolean; runtime?: RuntimeName; with: readonly OptionalProfile[]; engine: KafkaSqlEngine }>): Promise<number> {
  const docker: DoctorCheck[] = await doctor({ profiles: ctx.options.with, engine: ctx.options.engine });
  const local = await localChecks();
  const dockerOk = docker.every((c) => c.ok);
  const localOk = local.every((c) => c.ok);
  if (ctx.options.json) {
    ctx.out(JSON.stringify({ docker: { ok: dockerOk, checks: docker }, local: { ok: localOk, checks: local } }, null, 2));
  } else {
    for (const [title, checks] of [['Docker runtime', docker], ['Local runtime', local]] as const) {
      ctx.out(ctx.paint('strong', title));
      for (const check of checks) {
        ctx.out(`  ${check.ok ? ctx.paint('healthy', '✓') : ctx.paint('error', '✗')} ${check.message}`);
        if (!check.ok && check.tryThis) ctx.out(`    Try this: ${check.tryThis}`);
      }
    }
  }
  const wanted = ctx.options.runtime;
  const usable = wanted === 'docker' ? dockerOk : wanted === 'local' ? localOk : dockerOk || localOk;
  return usable ? 0 : 1;
}
