import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineReportFrom, readPipelineReport } from '../../src/engines/pipeline-report.js';
import { DataLakeShrankError, loadNewRecords } from '../../src/services/batch-loader.js';
import { recordRun, recordStall } from '../../src/services/pipeline-status.js';
import { RecordFactory } from '../../src/services/record-factory.js';
import { startNewGeneration } from '../../src/runtime/local/datalake-recovery.js';
import { useOwnMysql } from '../helpers/own-mysql.js';

const suite = useOwnMysql();

function lines(count: number, seed: number): string {
  const factory = new RecordFactory(`seed${seed}`, seed);
  return Array.from({ length: count }, (_, i) => `${JSON.stringify(factory.next(1_700_000_000_000 + i))}\n`).join('');
}

describe('the pipeline status a stalled pipeline leaves in the warehouse (real MariaDB)', () => {
  it('records the last batch, a stall with its reason, and a new generation that loads nothing twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'slowdata-lake-')), 'transactions.jsonl');
    const first = lines(50, 1);
    writeFileSync(file, `${first}not json\n`);
    const batch = await loadNewRecords(suite.connection, file);
    await recordRun(suite.connection, 'transactions.jsonl', batch, 1000);
    let report = await pipelineReportFrom(suite.connection);
    expect(report).toEqual({ checkedAt: 1000, lastBatch: { at: 1000, loaded: 50, duplicates: 0, rejected: 1 }, rejectedTotal: 1, stalled: null });

    // A run with nothing new keeps the last batch's figures.
    await recordRun(suite.connection, 'transactions.jsonl', await loadNewRecords(suite.connection, file), 2000);
    expect((await pipelineReportFrom(suite.connection)).lastBatch).toEqual({ at: 1000, loaded: 50, duplicates: 0, rejected: 1 });

    // The file deleted: the loader refuses in words, the stall is recorded and kept from its first run.
    rmSync(file);
    const refusal = await loadNewRecords(suite.connection, file).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataLakeShrankError);
    expect((refusal as Error).message).toMatch(/transactions\.jsonl is gone \(deleted\?\); \d+ bytes of it were loaded/);
    await recordStall(suite.connection, 'transactions.jsonl', 'datalake-replaced', (refusal as Error).message, 3000);
    await recordStall(suite.connection, 'transactions.jsonl', 'datalake-replaced', (refusal as Error).message, 4000);
    report = await pipelineReportFrom(suite.connection);
    expect(report.stalled).toEqual({ since: 3000, kind: 'datalake-replaced', reason: (refusal as Error).message });
    expect(report.checkedAt).toBe(4000);
    const viaEndpoint = await readPipelineReport(suite.db.endpoint);
    expect(viaEndpoint.ok && viaEndpoint.report.stalled?.since).toBe(3000);

    // The way back: a new generation. The rewritten file holds the old records and new ones.
    await startNewGeneration(suite.db.endpoint, 'transactions.jsonl');
    writeFileSync(file, `${first}not json\n`);
    appendFileSync(file, lines(20, 2));
    const again = await loadNewRecords(suite.connection, file);
    expect(again).toMatchObject({ loaded: 20, duplicates: 50, rejected: 1 });
    await recordRun(suite.connection, 'transactions.jsonl', again, 5000);
    report = await pipelineReportFrom(suite.connection);
    expect(report.stalled).toBeNull();
    expect(report.rejectedTotal).toBe(1);
    const [[count]] = await suite.connection.query<import('mysql2/promise').RowDataPacket[]>('SELECT count(*) AS n FROM transactions');
    expect(Number(count?.n)).toBe(70);
  });
});
