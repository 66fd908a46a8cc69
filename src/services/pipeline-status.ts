import type { Connection } from 'mysql2/promise';
import type { BatchResult } from './batch-loader.js';

/** Why the pipeline refuses to load: the data lake went away or shrank, or a run failed. */
export type StallKind = 'datalake-replaced' | 'batch-failed';

const MAX_REASON = 1000;

/**
 * After a run that succeeded: when it ran, and when it loaded or set aside something, that batch's
 * figures. A stall recorded before is over.
 */
export async function recordRun(connection: Connection, source: string, batch: BatchResult, now = Date.now()): Promise<void> {
  const hadRecords = batch.loaded + batch.duplicates + batch.rejected > 0;
  await connection.query(
    `INSERT INTO pipeline_status (source, checkedat, lastbatchat, lastloaded, lastduplicates, lastrejected, stalledsince, stalledkind, stalledreason)
     VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL)
     ON DUPLICATE KEY UPDATE checkedat = VALUES(checkedat),
       lastbatchat = IF(?, VALUES(lastbatchat), lastbatchat),
       lastloaded = IF(?, VALUES(lastloaded), lastloaded),
       lastduplicates = IF(?, VALUES(lastduplicates), lastduplicates),
       lastrejected = IF(?, VALUES(lastrejected), lastrejected),
       stalledsince = NULL, stalledkind = NULL, stalledreason = NULL`,
    [source, now, hadRecords ? now : null, batch.loaded, batch.duplicates, batch.rejected, hadRecords, hadRecords, hadRecords, hadRecords],
  );
}

/** After a run that failed: why, and since when (the first failed run of a series). */
export async function recordStall(connection: Connection, source: string, kind: StallKind, reason: string, now = Date.now()): Promise<void> {
  await connection.query(
    `INSERT INTO pipeline_status (source, checkedat, stalledsince, stalledkind, stalledreason) VALUES (?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE checkedat = VALUES(checkedat), stalledsince = COALESCE(stalledsince, VALUES(stalledsince)),
       stalledkind = VALUES(stalledkind), stalledreason = VALUES(stalledreason)`,
    [source, now, now, kind, reason.slice(0, MAX_REASON)],
  );
}
