import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/common/wait.js';
import type { Endpoints } from '../../src/engines/endpoints.js';
import { runTrinoQuery } from '../../src/engines/kafka-sql.js';
import { runSeedQueryOnKafka } from '../../src/engines/kafka-seed.js';
import { KAFKA_LINES } from '../../src/engines/query.js';
import type { Comparison } from '../../src/engines/types.js';
import type { VerifyOutcome, VerifyResult } from '../../src/engines/verify.js';
import { BAD_RECORD_KINDS } from '../../src/services/bad-record-kinds.js';
import { produceBadRecords, type ProducedBadRecord } from '../../src/services/bad-records.js';
import { checkLine, kafkaLinesRelation, reasonCode } from '../../src/services/validity.js';
import { cliJson, runCli } from '../helpers/cli.js';
import { validityProbeValues } from '../helpers/validity-cases.js';

/**
 * Bad data on the real local runtime: one stack for the whole file. Whatever lands on the topic,
 * SQL on Kafka keeps answering; both sides set the same lines aside for the same reasons; after a
 * drain they agree to the cent; verify finds a planted loss and a planted duplicate exactly.
 */
const INTERVAL_SECONDS = 3;
/** Each test runs several full queries of the topic; on a shared 2-core machine one takes seconds. */
const TEST_TIMEOUT_MS = 300_000;
const home = mkdtempSync(join(tmpdir(), 'slowdata-e2e-bad-'));
const env = { SLOWDATA_HOME: home };

interface StatusJson {
  endpoints: Endpoints;
}

const compare = () => cliJson<Comparison>(['compare'], env);

/** Lines the catalogue's kinds put aside, all sends counted. */
function expectedRejectedTotal(): number {
  return BAD_RECORD_KINDS.reduce((sum, kind) => sum + Object.values(kind.expect.rejected).reduce((a, b) => a + b, 0) * (kind.times ?? 1), 0);
}

async function verify(): Promise<{ code: number; result: VerifyResult }> {
  const run = await runCli(['verify', '--json'], env);
  const outcome = JSON.parse(run.stdout) as VerifyOutcome;
  if (!outcome.ok) throw new Error(`verify could not compare: ${outcome.error}`);
  return { code: run.code, result: outcome };
}

describe('bad records on the real local runtime', () => {
  let endpoints: Endpoints;
  let produced: ProducedBadRecord[];
  let db: mysql.Connection;

  beforeAll(async () => {
    const up = await runCli(['up', '--runtime', 'local', '--interval', String(INTERVAL_SECONDS), '--rate', '4'], env, 20 * 60_000);
    if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
    endpoints = (await cliJson<StatusJson>(['status'], env)).endpoints;
    db = await mysql.createConnection({ ...endpoints.mysql, decimalNumbers: true });
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await runCli(['down'], env);
  }, TEST_TIMEOUT_MS);

  it('the rule in zod and the rule in Trino SQL give every probe line the same reason and the same amount', async () => {
    const values = validityProbeValues();
    const rows = values.map((v, i) => `(0, BIGINT '${i}', CAST(NULL AS timestamp(3)), '${v.replaceAll("'", "''")}')`).join(',\n');
    const table = `(VALUES ${rows}) AS t(_partition_id, _partition_offset, _timestamp, _message)`;
    const trino = await runTrinoQuery(endpoints.trino, `SELECT koffset, kline, reason, CAST(amount AS varchar) FROM (${kafkaLinesRelation({ table })}) x`);
    const byLine = new Map(trino.map((r) => [`${String(r[0])}/${String(r[1])}`, [r[2], r[3]]]));
    const expected: Array<[string, unknown, unknown]> = [];
    const actual: Array<[string, unknown, unknown]> = [];
    values.forEach((value, i) =>
      value.split('\n').forEach((line, j) => {
        const verdict = checkLine(line);
        const key = `${i}/${j + 1}`;
        expected.push([key, verdict.ok ? null : verdict.reason, verdict.ok ? Number(verdict.record.amount).toFixed(2) : null]);
        actual.push([key, ...(byLine.get(key) ?? ['absent', 'absent'])] as [string, unknown, unknown]);
      }),
    );
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThan(200);
  }, TEST_TIMEOUT_MS);

  it('with every bad-record kind on the topic, the Kafka side keeps answering, and the seed query names the record it failed on', async () => {
    produced = await produceBadRecords(endpoints.kafka, [], { tag: 'e2e' });
    expect(produced.map((p) => p.kind.id)).toEqual(BAD_RECORD_KINDS.map((k) => k.id));
    const badOffsets = new Set(produced.flatMap((p) => p.offsets.map((o) => o.offset)));

    const seen = await waitFor(
      async () => {
        const c = await compare();
        expect(c.engines.kafka.ok).toBe(true);
        return c.engines.kafka.rejected?.total === expectedRejectedTotal() ? c : undefined;
      },
      { what: 'the Kafka side to see the bad records', timeoutMs: 30_000, intervalMs: 1000 },
    );
    expect(seen.engines.kafka.error).toBeNull();

    const seed = await runSeedQueryOnKafka(endpoints.trino);
    expect(seed.ok).toBe(true);
    if (!seed.ok) return;
    expect(seed.sql).toBe('SELECT storeid, sum(amount) FROM transactions GROUP BY storeid ORDER BY storeid');
    expect(seed.fallback).not.toBeNull();
    expect(seed.fallback!.seedError).toMatch(/wrong type/);
    const offender = seed.fallback!.offender!;
    expect(badOffsets.has(offender.offset)).toBe(true);
    expect(offender.message.length).toBeGreaterThan(0);
    expect(seed.fallback!.robustSql).toContain('SELECT storeid, sum(amount) FROM transactions GROUP BY storeid ORDER BY storeid');
    expect(seed.stores.length).toBeGreaterThanOrEqual(10);
  }, TEST_TIMEOUT_MS);

  it('after a drain both sides agree exactly, and set aside the same lines for the same reasons', async () => {
    expect((await runCli(['stop', 'generator'], env)).code).toBe(0);
    const expectedReasons: Record<string, number> = {};
    for (const kind of BAD_RECORD_KINDS) for (const [reason, n] of Object.entries(kind.expect.rejected)) expectedReasons[reason] = (expectedReasons[reason] ?? 0) + n * (kind.times ?? 1);
    const expectedTotal = Object.values(expectedReasons).reduce((a, b) => a + b, 0);

    const settled = await waitFor(
      async () => {
        const c = await compare();
        const w = c.engines.warehouse;
        const k = c.engines.kafka;
        const equal = w.ok && k.ok && w.count === k.count && c.stores.every((s) => s.delta === 0) && w.rejected?.total === expectedTotal;
        return equal ? c : undefined;
      },
      { what: 'the warehouse to drain and agree with Kafka', timeoutMs: 180_000, intervalMs: 1000 },
    );
    expect(settled.engines.kafka.total).toBe(settled.engines.warehouse.total);
    expect(settled.engines.warehouse.rejected).toEqual({ total: expectedTotal, byReason: Object.fromEntries(Object.entries(expectedReasons).sort()) });
    expect(settled.engines.kafka.rejected).toEqual(settled.engines.warehouse.rejected);
    expect(settled.stores.map((s) => s.storeid)).toContain('ST-9999');

    // Line by line, in topic order: the same reasons on both sides, and the same text (aside from
    // non-UTF-8 bytes, which Connect decodes, and a tombstone, which Connect writes as "null").
    const [rejects] = await db.query<mysql.RowDataPacket[]>('SELECT reason, line FROM rejects ORDER BY position');
    const kafkaRejects = await runTrinoQuery(endpoints.trino, `SELECT reason, substr(line, 1, 4000) FROM (${KAFKA_LINES}) l WHERE reason IS NOT NULL ORDER BY kpartition, koffset, kline`);
    expect(rejects.map((r) => reasonCode(String(r.reason)))).toEqual(kafkaRejects.map((r) => r[0]));
    rejects.forEach((r, i) => {
      if (!['not-utf8', 'empty'].includes(reasonCode(String(r.reason)))) expect(String(r.line)).toBe(String(kafkaRejects[i]![1]));
    });

    // Each valid kind is in the warehouse once, with its amount to the cent, and counted once on Kafka.
    for (const p of produced.filter((x) => x.kind.expect.valid > 0)) {
      const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT count(*) AS n, CAST(COALESCE(sum(amount), 0) AS CHAR) AS total FROM transactions WHERE eventid LIKE ?', [`${p.eventId}%`]);
      expect([p.kind.id, Number(rows[0]!.n), String(rows[0]!.total)]).toEqual([p.kind.id, p.kind.expect.valid, p.kind.expect.amount]);
      const kafka = await runTrinoQuery(endpoints.trino, `SELECT count(*), CAST(sum(amount) AS varchar) FROM (${KAFKA_LINES}) l WHERE first_seen AND eventid LIKE '${p.eventId}%'`);
      expect([p.kind.id, Number(kafka[0]![0]), String(kafka[0]![1])]).toEqual([p.kind.id, p.kind.expect.valid, p.kind.expect.amount]);
    }

    const clean = await verify();
    expect(clean.code).toBe(0);
    expect(clean.result.window.mode).toBe('all');
    expect(clean.result.agree).toBe(true);
    expect([clean.result.lost.count, clean.result.duplicated.count, clean.result.extra.count, clean.result.changed.count]).toEqual([0, 0, 0, 0]);
    expect(clean.result.totals.kafka.distinct).toBe(settled.engines.kafka.count);
    expect(clean.result.totals.warehouse.total).toBe(settled.engines.warehouse.total);
  }, TEST_TIMEOUT_MS);

  it('verify finds a warehouse row deleted by hand, exactly', async () => {
    const [[victim]] = await db.query<mysql.RowDataPacket[]>("SELECT * FROM transactions WHERE storeid = 'ST-1103' ORDER BY eventid LIMIT 1");
    expect(victim).toBeDefined();
    await db.query('DELETE FROM transactions WHERE eventid = ?', [victim!.eventid]);
    try {
      const { code, result } = await verify();
      expect(code).toBe(1);
      expect(result.agree).toBe(false);
      expect(result.lost).toEqual({ count: 1, sample: [victim!.eventid] });
      expect([result.duplicated.count, result.extra.count, result.changed.count]).toEqual([0, 0, 0]);
      const store = result.stores.find((s) => s.storeid === 'ST-1103')!;
      expect(store.agree).toBe(false);
      expect(store.kafka.distinct - store.warehouse.distinct).toBe(1);
      expect(Math.round((store.kafka.total - store.warehouse.total) * 100)).toBe(Math.round(Number(victim!.amount) * 100));
      expect(result.stores.filter((s) => !s.agree).map((s) => s.storeid)).toEqual(['ST-1103']);
    } finally {
      await db.query('INSERT INTO transactions SET ?', [victim]);
    }
    expect((await verify()).result.agree).toBe(true);
  }, TEST_TIMEOUT_MS);

  it('verify finds a row loaded twice, exactly (a warehouse without the eventid key, as many are)', async () => {
    // The schema's primary key makes a second copy impossible; a warehouse without it (or a table
    // reloaded by hand) is how duplicates arise. Plant one that way, then put the key back.
    await db.query('ALTER TABLE transactions DROP PRIMARY KEY, ADD KEY by_event (eventid)');
    const [[twin]] = await db.query<mysql.RowDataPacket[]>("SELECT * FROM transactions WHERE storeid = 'ST-1106' ORDER BY eventid LIMIT 1");
    await db.query('INSERT INTO transactions SET ?', [twin]);
    try {
      const { code, result } = await verify();
      expect(code).toBe(1);
      expect(result.duplicated).toEqual({ count: 1, sample: [{ eventId: twin!.eventid, times: 2 }] });
      expect([result.lost.count, result.extra.count, result.changed.count]).toEqual([0, 0, 0]);
      const store = result.stores.find((s) => s.storeid === 'ST-1106')!;
      expect(store.warehouse.records - store.warehouse.distinct).toBe(1);
      expect(store.agree).toBe(false);
    } finally {
      await db.query('DELETE FROM transactions WHERE eventid = ? LIMIT 1', [twin!.eventid]);
      await db.query('ALTER TABLE transactions DROP KEY by_event, ADD PRIMARY KEY (eventid)');
    }
    expect((await verify()).result.agree).toBe(true);
  }, TEST_TIMEOUT_MS);

  it('while the generator runs, verify compares records older than a batch plus a margin, and they agree', async () => {
    expect((await runCli(['start', 'generator'], env)).code).toBe(0);
    const first = await compare();
    await waitFor(async () => ((await compare()).engines.kafka.count! > first.engines.kafka.count! ? true : undefined), {
      what: 'new records',
      timeoutMs: 20_000,
      intervalMs: 500,
    });
    const { code, result } = await verify();
    expect(result.window.mode).toBe('window');
    expect(result.window.intervalSeconds).toBe(INTERVAL_SECONDS);
    expect(result.window.cutoffMs).toBeLessThan(Date.now() - INTERVAL_SECONDS * 1000);
    expect(result.agree).toBe(true);
    expect(code).toBe(0);
    const text = await runCli(['verify'], env);
    expect(text.stdout).toMatch(/nothing lost, nothing duplicated/);
    expect(text.stdout).toMatch(/one batch interval of 3 s plus a 15 s margin/);
    expect(text.stdout).toMatch(/Method: per store/);
  }, TEST_TIMEOUT_MS);
});
