import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { beforeEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/common/paths.js';
import { waitFor } from '../../src/common/wait.js';
import { loadNewRecords } from '../../src/services/batch-loader.js';
import { RecordFactory } from '../../src/services/record-factory.js';
import { parseTransactionLine } from '../../src/services/transaction.js';
import { useOwnMysql } from '../helpers/own-mysql.js';

const suite = useOwnMysql();

beforeEach(async () => {
  for (const table of ['transactions', 'rejects', 'load_position']) await suite.connection.query(`DELETE FROM ${table}`);
});

function datalakeFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'slowdata-lake-')), 'transactions.jsonl');
}

function lines(count: number, seed = 1): string {
  const factory = new RecordFactory(`seed${seed}`, seed);
  return Array.from({ length: count }, (_, i) => `${JSON.stringify(factory.next(1_700_000_000_000 + i))}\n`).join('');
}

/** What the file holds, counted the way the warehouse should: valid records once each, to the cent. */
function expectedFrom(file: string): { count: number; totalCents: number } {
  let count = 0;
  let totalCents = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const parsed = parseTransactionLine(line);
    if (!parsed.ok) continue;
    count += 1;
    totalCents += Math.round(parsed.record.amount * 100);
  }
  return { count, totalCents };
}

async function warehouseFigures(): Promise<{ count: number; totalCents: number; rejects: number; position: number }> {
  const [[totals]] = await suite.connection.query<RowDataPacket[]>('SELECT count(*) AS n, COALESCE(sum(amount), 0) AS total FROM transactions');
  const [[rejects]] = await suite.connection.query<RowDataPacket[]>('SELECT count(*) AS n FROM rejects');
  const [positions] = await suite.connection.query<RowDataPacket[]>('SELECT position FROM load_position');
  return {
    count: Number(totals?.n),
    totalCents: Math.round(Number(totals?.total) * 100),
    rejects: Number(rejects?.n),
    position: Number(positions[0]?.position ?? 0),
  };
}

describe('the batch loader on a real MySQL-compatible server', () => {
  it('loads new lines, sets malformed ones aside with their reason, and leaves a partial last line for later', async () => {
    const file = datalakeFile();
    const good = lines(50);
    const malformed = ['not json at all', JSON.stringify({ storeId: 'ST-1100' }), JSON.stringify({ ...JSON.parse(good.split('\n')[0]!), eventId: 'x-1', amount: 'abc' })];
    writeFileSync(file, `${good}${malformed.join('\n')}\n{"eventId":"partial`);

    const first = await loadNewRecords(suite.connection, file);
    expect(first).toMatchObject({ loaded: 50, duplicates: 0, rejected: 3 });
    const reasons = (await suite.connection.query<RowDataPacket[]>('SELECT reason FROM rejects ORDER BY position'))[0].map((r) => String(r.reason));
    expect(reasons[0]).toMatch(/^not-json: /);
    expect(reasons[1]).toMatch(/eventId/);
    expect(reasons[2]).toMatch(/amount/);
    expect(first.position).toBe(statSync(file).size - '{"eventId":"partial'.length);

    const nothingNew = await loadNewRecords(suite.connection, file);
    expect(nothingNew).toMatchObject({ loaded: 0, rejected: 0, position: first.position });

    appendFileSync(file, `\n${lines(5, 2)}`);
    const second = await loadNewRecords(suite.connection, file);
    expect(second).toMatchObject({ loaded: 5, rejected: 1 });
    const figures = await warehouseFigures();
    expect(figures).toMatchObject({ ...expectedFrom(file), rejects: 4, position: statSync(file).size });
  });

  it('commits nothing of a chunk that fails before its commit', async () => {
    const file = datalakeFile();
    writeFileSync(file, lines(100));
    await expect(
      loadNewRecords(suite.connection, file, {
        beforeCommit: async () => {
          throw new Error('crash before commit');
        },
      }),
    ).rejects.toThrow('crash before commit');
    expect(await warehouseFigures()).toEqual({ count: 0, totalCents: 0, rejects: 0, position: 0 });
    await loadNewRecords(suite.connection, file);
    expect(await warehouseFigures()).toMatchObject({ ...expectedFrom(file), position: statSync(file).size });
  });

  it('neither loses nor doubles records when the pipeline is killed mid-batch and restarted', async () => {
    const file = datalakeFile();
    writeFileSync(file, `${lines(60_000, 3)}broken line\n${lines(20_000, 4)}`);
    const size = statSync(file).size;
    const env = {
      ...process.env,
      SLOWDATA_DB_HOST: suite.db.endpoint.host,
      SLOWDATA_DB_PORT: String(suite.db.endpoint.port),
      SLOWDATA_DB_USER: suite.db.endpoint.user,
      SLOWDATA_DB_PASSWORD: suite.db.endpoint.password,
      SLOWDATA_DB_NAME: suite.db.endpoint.database,
    };
    const script = join(packageRoot, 'dist', 'services', 'pipeline.js');
    const run = (extra: string[]) => spawn(process.execPath, [script, '--datalake', file, '--once', '--chunk-bytes', '200000', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });

    const doomed = run([]);
    // Kill it once some chunks are committed and before it has loaded the whole file.
    const committed = await waitFor(
      async () => {
        const { position } = await warehouseFigures();
        return position > 0 && position < size ? position : undefined;
      },
      { what: 'the pipeline to commit its first chunks', timeoutMs: 60_000, intervalMs: 20 },
    );
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    const afterKill = await warehouseFigures();
    expect(afterKill.position).toBeGreaterThanOrEqual(committed);
    expect(afterKill.position).toBeLessThan(size);

    const restarted = run([]);
    let output = '';
    restarted.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => restarted.once('exit', resolve));
    expect(code).toBe(0);
    // Had the position not been committed with the rows, the restart would re-read loaded lines and find duplicates.
    expect(output).toMatch(/duplicates 0,/);
    expect(await warehouseFigures()).toEqual({ ...expectedFrom(file), rejects: 1, position: size });
  });
});
