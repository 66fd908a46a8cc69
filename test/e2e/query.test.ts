import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../src/engines/endpoints.js';
import { readyQueries } from '../../src/engines/ready-queries.js';
import type { QueryJson } from '../../src/text/query-output.js';
import { CLI, runCli } from '../helpers/cli.js';
import { upLocalWithRecords } from '../helpers/environment.js';
import { ENDLESS_ON_TRINO, mysqlStatementsStartingWith, SLOW_ON_MYSQL, trinoQueryInfo, waitForTrinoToFail, waitForTrinoToRun } from '../helpers/engine-checks.js';

const home = mkdtempSync(join(tmpdir(), 'slowdata-e2e-query-'));
const env = { SLOWDATA_HOME: home, NO_COLOR: '1' };
const SEED = 'SELECT storeid, count(*) AS records, sum(amount) AS total FROM transactions GROUP BY storeid ORDER BY storeid';

async function queryJson(args: string[]): Promise<{ code: number; json: QueryJson; stderr: string }> {
  const run = await runCli(['query', ...args, '--json'], env);
  try {
    return { code: run.code, json: JSON.parse(run.stdout) as QueryJson, stderr: run.stderr };
  } catch {
    throw new Error(`query ${args.join(' ')} printed no JSON (exit ${run.code}): ${run.stdout}${run.stderr}`);
  }
}

describe('query with no environment up', () => {
  it('answers in words and exits 1', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'slowdata-e2e-none-'));
    const run = await runCli(['query', 'SELECT 1', '--runtime', 'local'], { SLOWDATA_HOME: empty });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No environment is up.');
    expect(run.stderr).toContain('Try this: slowdata-tour up');
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe('query on the real local runtime', () => {
  let endpoints: Endpoints;

  beforeAll(async () => {
    endpoints = await upLocalWithRecords(env);
  });

  afterAll(async () => {
    await runCli(['down'], env);
  });

  it('query --json: both engines, their columns and rows, lined up on the first column with deltas', { timeout: 180_000 }, async () => {
    const { code, json } = await queryJson([SEED]);
    expect(code).toBe(0);
    expect(json.sql).toBe(SEED);
    for (const engine of ['warehouse', 'kafka'] as const) {
      const side = json.engines[engine]!;
      expect(side).toMatchObject({ ok: true, error: null, stopped: null, truncated: false });
      expect(side.columns.map((c) => c.name)).toEqual(['storeid', 'records', 'total']);
      expect(side.rowCount).toBe(side.rows.length);
      expect(side.rows.length).toBeGreaterThan(0);
      expect(side.queryMs).toBeGreaterThanOrEqual(0);
      expect(side.serverId).toBeTruthy();
      for (const row of side.rows) {
        expect(row[0]).toMatch(/^ST-11\d\d$/);
        expect(typeof row[1]).toBe('number');
        expect(typeof row[2]).toBe('number');
      }
    }
    expect(json.engines.warehouse!.columns[2]!.type).toBe('DECIMAL');
    expect(json.engines.kafka!.columns[2]!.type).toBe('double');
    expect(json.aligned).not.toBeNull();
    expect(json.aligned!.key).toBe('storeid');
    expect(json.aligned!.columns).toEqual(['storeid', 'records', 'total']);
    for (const row of json.aligned!.rows) {
      if (!row.warehouse || !row.kafka) continue;
      // Kafka is never behind the warehouse: the delta of the count is Kafka's minus the warehouse's.
      expect(row.delta[0]).toBe((row.kafka[0] as number) - (row.warehouse[0] as number));
      expect(row.delta[0]).toBeGreaterThanOrEqual(0);
    }
  });

  it('query --csv: a header, then one line per row with the engine first', { timeout: 180_000 }, async () => {
    const run = await runCli(['query', SEED, '--csv'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('engine,storeid,records,total');
    expect(lines.filter((l) => /^warehouse,ST-11\d\d,\d+,[\d.]+$/.test(l)).length).toBeGreaterThan(0);
    expect(lines.filter((l) => /^kafka,ST-11\d\d,\d+,[\d.]+$/.test(l)).length).toBeGreaterThan(0);
    expect(lines.length).toBe(1 + lines.slice(1).filter((l) => /^(warehouse|kafka),/.test(l)).length);

    const one = await runCli(['query', SEED, '--csv', '--engine', 'warehouse'], env);
    expect(one.stdout.split('\n')[0]).toBe('storeid,records,total');
  });

  it('the text output shows both engines with their times and one aligned table', { timeout: 180_000 }, async () => {
    const run = await runCli(['query', SEED], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^warehouse +✓ \d+ rows in \d+ ms$/m);
    expect(run.stdout).toMatch(/^kafka +✓ \d+ rows in [\d.]+ m?s$/m);
    expect(run.stdout).toMatch(/│ storeid │ records · warehouse │ records · kafka │ Δ records │/);
    expect(run.stdout).toMatch(/│ ST-1100 │ +\d+ │ +\d+ │ +\+?\d+ │/);
  });

  it('a column only Trino has: the warehouse answers with its own error, SQL on Kafka with rows, exit 2', { timeout: 180_000 }, async () => {
    const sql = 'SELECT _partition_offset, storeid FROM transactions ORDER BY _partition_offset LIMIT 3';
    const { code, json } = await queryJson([sql]);
    expect(code).toBe(2);
    expect(json.engines.warehouse).toMatchObject({ ok: false, stopped: null });
    expect(json.engines.warehouse!.error).toMatch(/^The warehouse query failed: Unknown column '_partition_offset'/);
    expect(json.engines.kafka).toMatchObject({ ok: true, rowCount: 3 });
    expect(json.aligned).toBeNull();

    const text = await runCli(['query', sql], env);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^warehouse +✗ The warehouse query failed: Unknown column '_partition_offset'/m);
    expect(text.stdout).toMatch(/│ _partition_offset │ storeid │/);
  });

  it('a MySQL-only function: Trino answers with its own error', { timeout: 180_000 }, async () => {
    const { code, json } = await queryJson(["SELECT DATE_FORMAT(NOW(), '%Y') AS y, UNIX_TIMESTAMP() AS t"]);
    expect(code).toBe(2);
    expect(json.engines.warehouse).toMatchObject({ ok: true, rowCount: 1 });
    expect(json.engines.kafka!.ok).toBe(false);
    expect(json.engines.kafka!.error).toMatch(/^The SQL-on-Kafka query failed: .*unix_timestamp/i);
  });

  it('refuses a writing statement in one sentence, and the table is untouched', { timeout: 180_000 }, async () => {
    for (const sql of ['DELETE FROM transactions', 'SELECT 1; DROP TABLE transactions', 'WITH t AS (SELECT 1) INSERT INTO transactions SELECT * FROM t']) {
      const run = await runCli(['query', sql], env);
      expect(run.code, sql).toBe(1);
      expect(run.stderr.split('\n')[0]).toMatch(/^Only .*\.$/);
      expect(run.stdout).toBe('');
    }
    const { json } = await queryJson(['SELECT count(*) FROM transactions', '--engine', 'warehouse']);
    expect(Number(json.engines.warehouse!.rows[0]![0])).toBeGreaterThan(0);
  });

  it('a long query on Trino is cancelled on the server when the timeout passes', { timeout: 180_000 }, async () => {
    const began = Date.now();
    const { code, json } = await queryJson([ENDLESS_ON_TRINO, '--engine', 'kafka', '--timeout', '3']);
    expect(Date.now() - began).toBeLessThan(20_000);
    expect(code).toBe(2);
    const kafka = json.engines.kafka!;
    expect(kafka).toMatchObject({ ok: false, stopped: 'timeout' });
    expect(kafka.error).toMatch(/^The SQL-on-Kafka query did not finish within 3 s; the server cancelled it \(query \S+\)\.$/);
    expect(json.engines.warehouse).toBeUndefined();
    const info = await waitForTrinoToFail(endpoints.trino, kafka.serverId!);
    expect(info.errorCode?.name).toBe('USER_CANCELED');
  });

  it('a long query on the warehouse is stopped with KILL QUERY when the timeout passes', { timeout: 180_000 }, async () => {
    const began = Date.now();
    const { code, json } = await queryJson([`${SLOW_ON_MYSQL} AS slept`, '--engine', 'warehouse', '--timeout', '2']);
    expect(Date.now() - began).toBeLessThan(20_000);
    expect(code).toBe(2);
    expect(json.engines.warehouse).toMatchObject({ ok: false, stopped: 'timeout' });
    expect(json.engines.warehouse!.error).toMatch(/did not finish within 2 s; the server stopped it \(KILL QUERY \d+\)\.$/);
    expect(await mysqlStatementsStartingWith(endpoints.mysql, SLOW_ON_MYSQL)).toBe(0);
  });

  it('Ctrl-C cancels the running query on the server, then exits 130', { timeout: 180_000 }, async () => {
    const tag = `ctrl_c_${process.pid}_${Date.now()}`;
    const sql = ENDLESS_ON_TRINO.replace('count(*)', `count(*) AS ${tag}`);
    const child = spawn(process.execPath, [CLI, 'query', sql, '--engine', 'kafka', '--json'], { env: { ...process.env, ...env } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until Trino runs it, then interrupt as a terminal's Ctrl-C does.
    await waitForTrinoToRun(endpoints.trino, tag);
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    const json = JSON.parse(stdout) as QueryJson;
    expect(json.engines.kafka).toMatchObject({ ok: false, stopped: 'cancelled' });
    expect(json.engines.kafka!.error).toMatch(/^The SQL-on-Kafka query was cancelled; the server cancelled it/);
    const info = await trinoQueryInfo(endpoints.trino, json.engines.kafka!.serverId!);
    expect(info.state).toBe('FAILED');
    expect(info.errorCode?.name).toBe('USER_CANCELED');
  });

  it('the three ready queries run unchanged on both engines', { timeout: 180_000 }, async () => {
    for (const ready of readyQueries()) {
      const { code, json } = await queryJson([ready.sql]);
      expect(json.engines.warehouse!.error ?? json.engines.kafka!.error, ready.title).toBeNull();
      expect(code, ready.title).toBe(0);
      expect(json.aligned, ready.title).not.toBeNull();
      expect(json.engines.kafka!.rowCount, ready.title).toBeGreaterThan(0);
    }
  });

  it('both engines describe transactions with the same column names (Trino adds its internal ones)', { timeout: 180_000 }, async () => {
    const { json } = await queryJson(['DESCRIBE transactions']);
    const names = (engine: 'warehouse' | 'kafka') => json.engines[engine]!.rows.map((r) => String(r[0]));
    const warehouse = names('warehouse');
    const kafka = names('kafka').filter((n) => !n.startsWith('_'));
    expect(warehouse.filter((n) => n !== 'loadedat')).toEqual(kafka);
  });
});
