import type { Comparison, EngineName } from '../engines/types.js';
import type { Endpoints } from '../engines/endpoints.js';
import type { ServiceName } from '../runtime/types.js';
import type { TourContext } from './context.js';

/** The service to blame, and whose log to show, when an engine fails. */
export const ENGINE_SERVICE: Record<EngineName, ServiceName> = { warehouse: 'db', kafka: 'trino' };

export const LIVE_INTERVAL_MS = 2000;
export const LOG_TAIL_LINES = 6;

export interface LiveSample {
  comparison: Comparison;
  /** Last log lines of the service behind each engine that failed in this sample. */
  logTails: Partial<Record<EngineName, string[]>>;
}

/** One comparison of both engines, with log lines fetched for any engine that failed. */
export async function takeSample(context: Pick<TourContext, 'runtime' | 'engines'>, endpoints: Endpoints): Promise<LiveSample> {
  const comparison = await context.engines.compare(endpoints);
  const logTails: LiveSample['logTails'] = {};
  for (const engine of ['warehouse', 'kafka'] as const) {
    if (comparison.engines[engine].ok) continue;
    logTails[engine] = await context.runtime.logs(ENGINE_SERVICE[engine], LOG_TAIL_LINES).catch(() => []);
  }
  return { comparison, logTails };
}
