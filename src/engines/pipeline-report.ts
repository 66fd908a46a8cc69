import type mysql from 'mysql2/promise';
import { messageOf } from '../common/errors.js';
import type { MysqlEndpoint } from './endpoints.js';
import { openWarehouse, runWarehouseQuery } from './warehouse.js';

/** What the batch pipeline did last, and whether it refuses to load; read from the warehouse. */
export interface PipelineReport {
  /** When the pipeline last ran (loaded or not), epoch ms; null before its first run. */
  checkedAt: number | null;
  /** The last batch that held records: when, how many loaded, already there, set aside. */
  lastBatch: { at: number; loaded: number; duplicates: number; rejected: number } | null;
  /** Lines set aside so far (the rejects table). */
  rejectedTotal: number;
  /** Set while the pipeline refuses: since when, what kind, why in its own words. */
  stalled: { since: number; kind: string; reason: string } | null;
}

function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** The pipeline's report from an open warehouse connection; all sources together, the newest first. */
export async function pipelineReportFrom(connection: mysql.Connection): Promise<PipelineReport> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT * FROM pipeline_status ORDER BY checkedat DESC');
  const [[rejects]] = await connection.query<mysql.RowDataPacket[]>('SELECT count(*) AS n FROM rejects');
  const latest = rows[0];
  const stalledRow = rows.find((r) => r.stalledsince !== null);
  const batchRow = rows.filter((r) => r.lastbatchat !== null).sort((a, b) => Number(b.lastbatchat) - Number(a.lastbatchat))[0];
  return {
    checkedAt: toNumber(latest?.checkedat),
    lastBatch: batchRow
      ? { at: Number(batchRow.lastbatchat), loaded: Number(batchRow.lastloaded), duplicates: Number(batchRow.lastduplicates), rejected: Number(batchRow.lastrejected) }
      : null,
    rejectedTotal: Number(rejects?.n ?? 0),
    stalled: stalledRow ? { since: Number(stalledRow.stalledsince), kind: String(stalledRow.stalledkind ?? 'batch-failed'), reason: String(stalledRow.stalledreason ?? '') } : null,
  };
}

/** The pipeline's report, or why it could not be read (the warehouse is down, no table yet). */
export async function readPipelineReport(endpoint: MysqlEndpoint): Promise<{ ok: true; report: PipelineReport } | { ok: false; error: string }> {
  try {
    const connection = await openWarehouse(endpoint);
    try {
      return { ok: true, report: await pipelineReportFrom(connection) };
    } finally {
      await connection.end().catch(() => connection.destroy());
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ER_NO_SUCH_TABLE') return { ok: false, error: 'the pipeline has not run yet' };
    return { ok: false, error: messageOf(error) };
  }
}

/** A line the pipeline set aside, as its rejects table keeps it. */
export interface RejectedLine {
  /** Where the line sits in the data lake. */
  position: number;
  /** The reason's kind (validity.ts), then the pipeline's words. */
  reason: string;
  line: string;
  at: number;
}

/** The newest lines the pipeline set aside, newest first. */
export async function readRecentRejects(endpoint: MysqlEndpoint, limit: number): Promise<RejectedLine[]> {
  const rows = await runWarehouseQuery(endpoint, `SELECT position, reason, line, rejectedat FROM rejects ORDER BY rejectedat DESC, position DESC LIMIT ${Math.max(1, Math.min(100, Math.floor(limit)))}`);
  return rows.map((r) => ({ position: Number(r[0]), reason: String(r[1]), line: String(r[2]), at: Number(r[3]) }));
}
