import type { PeekedRecord } from '../../engines/kafka-sql.js';
import type { ExtraService } from '../../runtime/types.js';
import { Lines } from './Lines.js';
import type { Paint } from '../../text/paint.js';
import { extraServiceLines, recordLines } from '../../text/records-text.js';

interface RecordsViewProps {
  readonly records: readonly PeekedRecord[];
  /** When they were read: each record's age is measured from then. */
  readonly readAt: number;
  readonly extras: readonly ExtraService[];
  readonly paint: Paint;
  readonly columns: number;
}

export function RecordsView({ records, readAt, extras, paint, columns }: RecordsViewProps) {
  return (
    <Lines
      lines={[paint('muted', `The newest ${records.length} records on the topic transactions:`), ...recordLines(records, readAt, paint, columns), ...extraServiceLines(extras, paint)]}
    />
  );
}
