import { doctor } from '../runtime/docker/index.js';
import { localReadiness } from '../runtime/index.js';
import type { CommandContext } from './context.js';

interface Check {
  name: string;
  ok: boolean;
  message: string;
  tryThis?: string;
}

/** The same check the runtime choice makes (runtime/local/readiness.ts). */
async function localChecks(): Promise<Check[]> {
  const local = await localReadiness();
  if (local.ok) return [{ name: 'local runtime', ok: true, message: local.summary }];
  return [{ name: 'local runtime', ok: false, message: local.problem.message, tryThis: local.problem.tryThis }];
}

/** Checks both runtimes' prerequisites; fails when the runtime that would be used cannot run. */
export async function doctorCommand(ctx: CommandContext): Promise<number> {
  const docker: Check[] = await doctor({ profiles: ctx.options.with, engine: ctx.options.engine });
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
