import { setTimeout as sleep } from 'node:timers/promises';
import type { MysqlEndpoint } from '../../engines/endpoints.js';

/** The consumer group a Connect sink connector reads with. */
export function sinkGroup(connector: string): string {
  return `connect-${connector}`;
}

/**
 * Forgets how far the sink connector has read, so it starts again at the beginning of the topic
 * (a sink's consumer starts at the earliest offset when its group has none). Connect must be
 * stopped; a group that still has its member (Connect killed, not stopped) is retried until the
 * broker lets it go.
 */
export async function rewindSinkConnector(bootstrap: string, connector: string, timeoutMs = 60_000): Promise<void> {
  const { Admin } = await import('@platformatic/kafka');
  const admin = new Admin({ clientId: 'slowdata-recover', bootstrapBrokers: [bootstrap], retries: 2, timeout: 10_000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await admin.deleteGroups({ groups: [sinkGroup(connector)] });
        return;
      } catch (error) {
        const text = JSON.stringify(error, Object.getOwnPropertyNames(error as object)) + String(error);
        if (/GROUP_ID_NOT_FOUND/.test(text)) return;
        if (!/NON_EMPTY_GROUP/.test(text) || Date.now() > deadline) throw error;
        await sleep(1000);
      }
    }
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/**
 * Starts a new generation of the data lake in the warehouse: the load position goes back to 0 and
 * the lines set aside from the old file are forgotten (the rewritten file holds them again). The
 * rows stay: the pipeline's insert skips every event id the warehouse already holds, so nothing is
 * loaded twice.
 */
export async function startNewGeneration(endpoint: MysqlEndpoint, source: string): Promise<void> {
  // Imported here, as database.ts does: every command that loads the runtime would otherwise load the MySQL client.
  const { openWarehouse } = await import('../../engines/warehouse.js');
  const connection = await openWarehouse(endpoint);
  try {
    await connection.beginTransaction();
    await connection.query('UPDATE load_position SET position = 0 WHERE source = ?', [source]);
    await connection.query('DELETE FROM rejects WHERE source = ?', [source]);
    await connection.commit();
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}
