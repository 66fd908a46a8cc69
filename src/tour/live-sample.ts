import type { Endpoints } from '../engines/endpoints.js';
import type { Comparison, EngineName } from '../engines/types.js';
import type { ServiceName } from '../runtime/types.js';
import type { TourContext } from './context.js';

/** The service to blame, and whose log to show, when an engine fails. */
export const ENGINE_SERVICE: Record<EngineName, ServiceName> = { warehouse: 'db', kafka: 'trino' };

/** How often a live comparison asks both engines again. */
export const LIVE_INTERVAL_MS = 2000;
/** Log lines shown under an engine that fails in a live view, where two engines share the screen. */
export const LIVE_LOG_LINES = 6;

export interface ServiceLogTail {
  service: ServiceName;
  lines: string[];
}

export interface LiveSample {
  comparison: Comparison;
  /** For each engine that failed in this sample: the service behind it and its last log lines. */
  logTails: Partial<Record<EngineName, ServiceLogTail>>;
}

/** One comparison of both engines, with log lines fetched for any engine that failed. */
export async function takeSample(context: Pick<TourContext, 'runtime' | 'engines'> & { signal?: AbortSignal }, endpoints: Endpoints): Promise<LiveSample> {
  const comparison = await context.engines.compare(endpoints, { signal: context.signal });
  const logTails: LiveSample['logTails'] = {};
  for (const engine of ['warehouse', 'kafka'] as const) {
    if (comparison.engines[engine].ok) continue;
    const service = ENGINE_SERVICE[engine];
    logTails[engine] = { service, lines: await context.runtime.logs(service, LIVE_LOG_LINES).catch(() => []) };
  }
  return { comparison, logTails };
}
