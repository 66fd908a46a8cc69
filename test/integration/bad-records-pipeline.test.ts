import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { loadNewRecords } from '../../src/services/batch-loader.js';
import { BAD_RECORD_KINDS } from '../../src/services/bad-record-kinds.js';
import { reasonCode } from '../../src/services/validity.js';
import { useOwnMysql } from '../helpers/own-mysql.js';

const suite = useOwnMysql();

/** The data lake as Connect's FileStreamSink writes it: each value (decoded as UTF-8) and a newline; a null value as "null". */
function asDataLake(values: Array<Buffer | null>): Buffer {
  return Buffer.concat(values.map((v) => Buffer.concat([Buffer.from(v === null ? 'null' : new TextDecoder('utf-8').decode(v), 'utf8'), Buffer.from('\n')])));
}

describe('the pipeline and the bad-record catalogue, on a real MySQL-compatible server', () => {
  it('sets every bad line aside with its reason code and loads the valid ones once, to the cent', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'slowdata-lake-bad-')), 'transactions.jsonl');
    const values = BAD_RECORD_KINDS.flatMap((kind) => Array.from({ length: kind.times ?? 1 }, () => kind.value(`bad-int-${kind.id}`)));
    // The same bytes again: Connect redelivering after a restart must not double anything valid.
    writeFileSync(file, asDataLake([...values, ...values.filter((v) => v !== null && v.toString().includes('bad-int-duplicate'))]));

    const result = await loadNewRecords(suite.connection, file);
    const expected: Record<string, number> = {};
    for (const kind of BAD_RECORD_KINDS) for (const [reason, n] of Object.entries(kind.expect.rejected)) expected[reason] = (expected[reason] ?? 0) + n * (kind.times ?? 1);
    const [rejects] = await suite.connection.query<RowDataPacket[]>('SELECT reason FROM rejects ORDER BY position');
    const counted: Record<string, number> = {};
    for (const r of rejects) counted[reasonCode(String(r.reason))] = (counted[reasonCode(String(r.reason))] ?? 0) + 1;
    expect(counted).toEqual(expected);
    expect(result.rejected).toBe(Object.values(expected).reduce((a, b) => a + b, 0));

    for (const kind of BAD_RECORD_KINDS) {
      const [[row]] = await suite.connection.query<RowDataPacket[]>('SELECT count(*) AS n, CAST(COALESCE(sum(amount), 0) AS CHAR) AS total FROM transactions WHERE eventid LIKE ?', [`bad-int-${kind.id}%`]);
      expect([kind.id, Number(row!.n)]).toEqual([kind.id, kind.expect.valid]);
      if (kind.expect.amount !== undefined) expect([kind.id, String(row!.total)]).toEqual([kind.id, kind.expect.amount]);
    }
  });
});
