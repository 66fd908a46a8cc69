import type { PeekedRecord } from '../engines/kafka-sql.js';
import type { ExtraService } from '../runtime/types.js';
import { fitWidth } from './format.js';
import type { Paint } from './paint.js';

/** The optional services that run beside the core, each with where to open it and how to log in. */
export function extraServiceLines(extras: readonly ExtraService[], paint: Paint): string[] {
  if (extras.length === 0) return [];
  return ['', 'Also running, to explore the same data in a browser:', ...extras.map((e) => `  ${paint('strong', e.name)}  ${e.url}${e.login ? paint('muted', `  (${e.login})`) : ''}`)];
}

/** The newest records on the topic, one per line: offset, time, and the record as it was written. */
export function recordLines(records: readonly PeekedRecord[], paint: Paint, columns: number): string[] {
  if (records.length === 0) return [paint('muted', 'The topic holds no records yet.')];
  const offsetWidth = Math.max(...records.map((r) => String(r.offset).length));
  return records.map((record) => {
    const prefix = `#${String(record.offset).padStart(offsetWidth)}  ${record.timestamp}  `;
    return `${paint('muted', prefix)}${paint('kafka', fitWidth(record.message, Math.max(20, columns - prefix.length)))}`;
  });
}
