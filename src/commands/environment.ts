import { progressEventLine } from '../text/progress-text.js';
import { serviceToken } from '../text/service-state.js';
import type { PipelineReport } from '../engines/pipeline-report.js';
import { pipelineLines } from '../text/pipeline-text.js';
import type { EnvironmentStatus, KafkaSqlEngine, OptionalProfile, ServiceName } from '../runtime/types.js';
import type { CommandContext } from './context.js';

export async function up(ctx: CommandContext<{ rate: number; intervalSeconds: number; with: readonly OptionalProfile[]; engine: KafkaSqlEngine; produce?: boolean }>): Promise<number> {
  const runtime = await ctx.runtime();
  const refused = runtime.refuses({ profiles: ctx.options.with, engine: ctx.options.engine });
  if (refused) throw refused;
  ctx.out(runtime.name === 'external' ? `Checking your platform (${ctx.runtimeReason()}).` : `Starting the environment on the ${runtime.name} runtime (${ctx.runtimeReason()}).`);

  const began = Date.now();
  const result = await runtime.up({
    rate: ctx.options.rate,
    intervalSeconds: ctx.options.intervalSeconds,
    produce: ctx.options.produce,
    onProgress: (event) => ctx.out(progressEventLine(event, ctx.paint)),
  });
  if (result.changed) ctx.out(`The environment is up (${Math.round((Date.now() - began) / 1000)} s). Next: slowdata-tour compare, or slowdata-tour for the tour.`);
  return 0;
}

export function statusJson(status: EnvironmentStatus, pipeline?: PipelineReport | null): unknown {
  return {
    runtime: status.runtime,
    exists: status.exists,
    services: status.services.map((s) => ({ name: s.name, state: s.state, ...(s.detail ? { detail: s.detail } : {}) })),
    endpoints: status.endpoints ?? null,
    extras: status.extras ?? [],
    ...(pipeline === undefined ? {} : { pipeline }),
  };
}

/** The pipeline's report when the warehouse answers; null when it does not, undefined when no environment exists. */
async function pipelineOf(status: EnvironmentStatus): Promise<PipelineReport | null | undefined> {
  if (!status.exists || !status.endpoints) return undefined;
  if (status.services.find((s) => s.name === 'db')?.state === 'stopped') return null;
  // Imported here: loading the MySQL client costs the other environment commands (stop, logs…) a tenth of a second.
  const { readPipelineReport } = await import('../engines/pipeline-report.js');
  const read = await readPipelineReport(status.endpoints.mysql);
  return read.ok ? read.report : null;
}

export async function status(ctx: CommandContext<{ json: boolean }>): Promise<number> {
  const runtime = await ctx.runtime();
  const current = await runtime.status();
  const pipeline = await pipelineOf(current);
  if (ctx.options.json) {
    ctx.out(JSON.stringify(statusJson(current, pipeline), null, 2));
    return 0;
  }
  if (!current.exists) {
    ctx.out(`No environment is up (${runtime.name} runtime). Start one with: slowdata-tour up`);
    return 0;
  }
  ctx.out(`Runtime: ${current.runtime}`);
  for (const service of current.services) {
    ctx.out(`  ${serviceToken(service.name.padEnd(10), service.state, ctx.paint)} ${service.state}${service.detail ? `  (${service.detail})` : ''}`);
  }
  const endpoints = current.endpoints;
  if (endpoints) {
    ctx.out('Endpoints:');
    const trino = endpoints.trinoSettings;
    const login = trino?.user ? `, user ${trino.user}${trino.passwordVariable ? `, password from $${trino.passwordVariable}` : ''}` : '';
    if (endpoints.kafka) ctx.out(`  Kafka bootstrap  ${endpoints.kafka}`);
    ctx.out(`  Trino            ${endpoints.trino}  (catalog ${trino?.catalog ?? 'kafka'}, schema ${trino?.schema ?? 'default'}${login})`);
    const m = endpoints.mysql;
    const password = m.passwordVariable !== undefined ? (m.passwordVariable ? `password from $${m.passwordVariable}` : 'no password') : `password ${m.password}`;
    ctx.out(`  MySQL            ${m.host}:${m.port}  database ${m.database}, user ${m.user}, ${password}`);
    for (const [side, spec] of Object.entries(endpoints.measure ?? {})) {
      ctx.out(`  measured (${side.padEnd(9)}) ${spec.table}: sum(${spec.value}) by ${spec.key}, freshness from ${spec.eventTime} (${spec.eventTimeKind})${spec.filter ? `, where ${spec.filter}` : ''}`);
    }
  }
  for (const extra of current.extras ?? []) ctx.out(`  ${extra.name.padEnd(16)} ${extra.url}${extra.login ? `  (${extra.login})` : ''}`);
  for (const line of pipelineLines(pipeline, ctx.paint, Date.now())) ctx.out(line);
  return 0;
}

export async function stopServices(ctx: CommandContext<{ services: readonly ServiceName[] }>): Promise<number> {
  const runtime = await ctx.runtime();
  await runtime.stop(ctx.options.services, (event) => ctx.out(progressEventLine(event, ctx.paint)));
  return 0;
}

export async function startServices(ctx: CommandContext<{ services: readonly ServiceName[] }>): Promise<number> {
  const runtime = await ctx.runtime();
  await runtime.start(ctx.options.services, (event) => ctx.out(progressEventLine(event, ctx.paint)));
  return 0;
}

export async function logs(ctx: CommandContext<{ services: readonly ServiceName[]; lines: number }>): Promise<number> {
  const runtime = await ctx.runtime();
  for (const name of ctx.options.services) {
    const lines = await runtime.logs(name, ctx.options.lines);
    if (ctx.options.services.length > 1) ctx.out(`==> ${name} <==`);
    ctx.out(lines.length > 0 ? lines.join('\n') : `(no log lines for ${name})`);
  }
  return 0;
}

export async function down(ctx: CommandContext): Promise<number> {
  const runtime = await ctx.runtime();
  const before = await runtime.status();
  if (!before.exists) {
    // No state, yet a process of this state home may have slipped through: the local runtime looks for it.
    if (runtime.name === 'local') await runtime.down((event) => ctx.out(progressEventLine(event, ctx.paint)));
    ctx.out('No environment is up; nothing to remove.');
    return 0;
  }
  await runtime.down((event) => ctx.out(progressEventLine(event, ctx.paint)));
  if (runtime.name === 'external') return 0;
  ctx.out('The environment is removed: every service stopped, its data and logs deleted.');
  return 0;
}
