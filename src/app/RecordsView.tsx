import type { PeekedRecord } from '../engines/kafka-sql.js';
import { Lines } from './Lines.js';
import type { Paint } from './text/paint.js';
import { recordLines } from './text/records-text.js';

export function RecordsView({ records, paint, columns }: { readonly records: readonly PeekedRecord[]; readonly paint: Paint; readonly columns: number }) {
  return <Lines lines={[paint('muted', `The newest ${records.length} records on the topic transactions:`), ...recordLines(records, paint, columns)]} />;
}
