import type { EngineName } from '../engines/types.js';
import type { Paint } from './paint.js';

export const ENGINE_TITLES: Record<EngineName, string> = {
  warehouse: 'warehouse',
  kafka: 'kafka',
};

/** Where each engine's answer comes from, in words. */
export const ENGINE_SOURCES: Record<EngineName, string> = {
  warehouse: 'MySQL, fed by the batch pipeline',
  kafka: 'Trino, SQL directly on the topic',
};

export function engineLabel(engine: EngineName, paint: Paint): string {
  return paint(engine, ENGINE_TITLES[engine]);
}
