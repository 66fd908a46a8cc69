import type mysql from 'mysql2/promise';
import { messageOf } from '../common/errors.js';
import type { Endpoints } from './endpoints.js';
import { explainKafkaError } from './kafka-errors.js';
import type { VerifyWindow } from './verify-window.js';
import { runTrinoQuery } from './kafka-sql.js';
import { KAFKA_LINES, roundCents } from './query.js';
import { toNumber } from './timed.js';
import { explainWarehouseError, openWarehouse } from './warehouse.js';

/**
 * Reconciliation of the warehouse against the topic, record by record, without moving every
 * record to the client:
 *
 *  1. Each side, in one query, groups the records it counts by store (records, distinct eventIds,
 *     sum of amounts in exact cents) and by bucket: CRC-32 of the eventId modulo BUCKETS, with the
 *     bucket's count, the sum of the CRCs and the sum of amounts. Kafka counts its valid records
 *     (services/validity.ts), the first occurrence of each eventId; the warehouse counts its rows.
 *  2. A bucket whose three figures differ holds a difference: both sides list that bucket's
 *     eventIds (with store and amount), and the lists are compared id by id.
 *
 *  lost       valid on Kafka, not in the warehouse
 *  duplicated in the warehouse more than once (its primary key prevents it; a warehouse without the
 *             key, or a copy loaded by hand, has them)
 *  extra      in the warehouse, not a valid record on Kafka (loaded by hand, or gone from the topic
 *             by retention)
 *  changed    on both, with a different store or amount
 *
 * While records arrive, only records whose eventTime is older than one batch interval plus a
 * margin are compared (the pipeline cannot have loaded the newer ones yet); after a drain, all.
 */

export const BUCKETS = 1024;
/** Past this many differing buckets, only the first ones are listed id by id (the counts say so). */
export const MAX_DRILL_BUCKETS = 64;
const SAMPLE = 20;


export interface SideFigures {
  /** Records counted: on Kafka the valid lines (duplicates included), in the warehouse its rows. */
  records: number;
  distinct: number;
  /** Sum of amounts of the distinct records, to the cent. */
  total: number;
}

export interface StoreCheck {
  storeid: string;
  kafka: SideFigures;
  warehouse: SideFigures;
  agree: boolean;
}

export interface Differences<T> {
  count: number;
  /** Up to 20 of them. */
  sample: T[];
}

export interface VerifyResult {
  ok: true;
  at: number;
  method: string;
  window: VerifyWindow;
  agree: boolean;
  /** False when more than MAX_DRILL_BUCKETS buckets differed and only some were listed: the counts are lower bounds. */
  exact: boolean;
  totals: { kafka: SideFigures; warehouse: SideFigures };
  stores: StoreCheck[];
  lost: Differences<string>;
  duplicated: Differences<{ eventId: string; times: number }>;
  extra: Differences<string>;
  changed: Differences<{ eventId: string; kafka: string; warehouse: string }>;
  buckets: { total: number; differing: number; listed: number };
  queryMs: { kafka: number; warehouse: number; listing: number };
}

export type VerifyOutcome = VerifyResult | { ok: false; error: string; window: VerifyWindow };

export const VERIFY_METHOD = `per store: records, distinct eventIds and the sum in exact cents on both sides; eventIds hashed (CRC-32) into ${BUCKETS} buckets whose count, checksum and sum are compared; the eventIds of differing buckets compared one by one`;


interface Aggregates {
  stores: Map<string, SideFigures>;
  buckets: Map<number, { n: number; hsum: string; cents: number }>;
}

const cents = (value: unknown) => Math.round(toNumber(value) * 100);

function kafkaAggregateSql(window: VerifyWindow): string {
  const inWindow = window.cutoffMs === null ? '' : ` AND eventtime <= ${Math.floor(window.cutoffMs)}`;
  return `SELECT storeid, bucket, count(*), count_if(first_seen), sum(amount) FILTER (WHERE first_seen), sum(h) FILTER (WHERE first_seen)
    FROM (SELECT storeid, amount, first_seen, crc32(to_utf8(eventid)) AS h, crc32(to_utf8(eventid)) % ${BUCKETS} AS bucket
          FROM (${KAFKA_LINES}) l WHERE reason IS NULL${inWindow}) v
    GROUP BY GROUPING SETS ((storeid), (bucket))`;
}

function warehouseAggregateSql(window: VerifyWindow): string {
  const where = window.cutoffMs === null ? '' : ` WHERE eventtime <= ${Math.floor(window.cutoffMs)}`;
  return `SELECT storeid, NULL, count(*), count(DISTINCT eventid), sum(amount), NULL FROM transactions${where} GROUP BY storeid
    UNION ALL
    SELECT NULL, crc32(eventid) % ${BUCKETS}, count(*), count(*), sum(amount), CAST(sum(crc32(eventid)) AS CHAR) FROM transactions${where} GROUP BY 2`;
}

/** Rows (storeid, bucket, records, distinct, sum, crc sum) into maps. */
function foldAggregates(rows: readonly unknown[][]): Aggregates {
  const result: Aggregates = { stores: new Map(), buckets: new Map() };
  for (const r of rows) {
    if (r[0] !== null && r[0] !== undefined) {
      result.stores.set(String(r[0]), { records: toNumber(r[2]), distinct: toNumber(r[3]), total: roundCents(toNumber(r[4])) });
    } else if (r[1] !== null && r[1] !== undefined && toNumber(r[3]) > 0) {
      result.buckets.set(toNumber(r[1]), { n: toNumber(r[3]), hsum: String(r[5] ?? '0'), cents: cents(r[4]) });
    }
  }
  return result;
}

/** The eventIds of some buckets on each side: Kafka's first valid occurrences, the warehouse's rows. */
async function listBuckets(endpoints: Endpoints, connection: mysql.Connection, buckets: number[], window: VerifyWindow) {
  const list = buckets.join(', ');
  const inWindow = window.cutoffMs === null ? '' : ` AND eventtime <= ${Math.floor(window.cutoffMs)}`;
  const [kafkaRows, [warehouseRows]] = await Promise.all([
    runTrinoQuery(endpoints.trino, `SELECT eventid, storeid, CAST(amount AS varchar) FROM (${KAFKA_LINES}) l WHERE first_seen${inWindow} AND crc32(to_utf8(eventid)) % ${BUCKETS} IN (${list})`),
    connection.query<mysql.RowDataPacket[]>({
      sql: `SELECT eventid, storeid, CAST(amount AS CHAR), count(*) FROM transactions WHERE crc32(eventid) % ${BUCKETS} IN (${list})${inWindow} GROUP BY eventid, storeid, amount`,
      rowsAsArray: true,
    }),
  ]);
  const kafka = new Map(kafkaRows.map((r) => [String(r[0]), `${String(r[1])} ${String(r[2])}`]));
  const warehouse = new Map<string, { value: string; times: number }>();
  for (const r of warehouseRows as unknown as unknown[][]) {
    const id = String(r[0]);
    const existing = warehouse.get(id);
    warehouse.set(id, { value: `${String(r[1])} ${String(r[2])}`, times: (existing?.times ?? 0) + toNumber(r[3]) });
  }
  return { kafka, warehouse };
}

const emptySide = (): SideFigures => ({ records: 0, distinct: 0, total: 0 });
const sample = <T>(items: T[]): Differences<T> => ({ count: items.length, sample: items.slice(0, SAMPLE) });

/** Reconciles the warehouse against the topic (see the comment at the top). Never throws. */
export async function verifyEngines(endpoints: Endpoints, window: VerifyWindow): Promise<VerifyOutcome> {
  let connection: mysql.Connection;
  try {
    connection = await openWarehouse(endpoints.mysql);
  } catch (error) {
    return { ok: false, error: explainWarehouseError(error, endpoints.mysql), window };
  }
  try {
    const at = Date.now();
    const timedRun = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
      const started = performance.now();
      const value = await run();
      return [value, Math.round(performance.now() - started)];
    };
    let kafkaRows: unknown[][];
    let kafkaMs: number;
    let warehouseRows: unknown[][];
    let warehouseMs: number;
    try {
      [[kafkaRows, kafkaMs], [warehouseRows, warehouseMs]] = await Promise.all([
        timedRun(() => runTrinoQuery(endpoints.trino, kafkaAggregateSql(window))).catch((error: unknown) => {
          throw new Error(explainKafkaError(error, endpoints.trino));
        }),
        timedRun(async () => (await connection.query<mysql.RowDataPacket[]>({ sql: warehouseAggregateSql(window), rowsAsArray: true }))[0] as unknown as unknown[][]).catch((error: unknown) => {
          throw new Error(explainWarehouseError(error, endpoints.mysql));
        }),
      ]);
    } catch (error) {
      return { ok: false, error: messageOf(error), window };
    }
    const kafka = foldAggregates(kafkaRows);
    const warehouse = foldAggregates(warehouseRows);

    const differing = [...new Set([...kafka.buckets.keys(), ...warehouse.buckets.keys()])]
      .filter((b) => {
        const k = kafka.buckets.get(b);
        const w = warehouse.buckets.get(b);
        return k?.n !== w?.n || k?.hsum !== w?.hsum || k?.cents !== w?.cents;
      })
      .sort((a, b) => a - b);
    const listed = differing.slice(0, MAX_DRILL_BUCKETS);
    const lost: string[] = [];
    const extra: string[] = [];
    const duplicated: Array<{ eventId: string; times: number }> = [];
    const changed: Array<{ eventId: string; kafka: string; warehouse: string }> = [];
    let listingMs = 0;
    if (listed.length > 0) {
      const [lists, ms] = await timedRun(() => listBuckets(endpoints, connection, listed, window));
      listingMs = ms;
      for (const [id, value] of lists.kafka) {
        const w = lists.warehouse.get(id);
        if (!w) lost.push(id);
        else if (w.value !== value) changed.push({ eventId: id, kafka: value, warehouse: w.value });
      }
      for (const [id, w] of lists.warehouse) {
        if (!lists.kafka.has(id)) extra.push(id);
        if (w.times > 1) duplicated.push({ eventId: id, times: w.times });
      }
    }
    for (const list of [lost, extra]) list.sort();
    duplicated.sort((a, b) => a.eventId.localeCompare(b.eventId));
    changed.sort((a, b) => a.eventId.localeCompare(b.eventId));

    const storeIds = [...new Set([...kafka.stores.keys(), ...warehouse.stores.keys()])].sort();
    const stores: StoreCheck[] = storeIds.map((storeid) => {
      const k = kafka.stores.get(storeid) ?? emptySide();
      const w = warehouse.stores.get(storeid) ?? emptySide();
      return { storeid, kafka: k, warehouse: w, agree: k.distinct === w.distinct && w.records === w.distinct && Math.round(k.total * 100) === Math.round(w.total * 100) };
    });
    const sum = (side: 'kafka' | 'warehouse'): SideFigures => ({
      records: stores.reduce((n, s) => n + s[side].records, 0),
      distinct: stores.reduce((n, s) => n + s[side].distinct, 0),
      total: roundCents(stores.reduce((n, s) => n + s[side].total, 0)),
    });
    return {
      ok: true,
      at,
      method: VERIFY_METHOD,
      window,
      agree: differing.length === 0 && stores.every((s) => s.agree),
      exact: listed.length === differing.length,
      totals: { kafka: sum('kafka'), warehouse: sum('warehouse') },
      stores,
      lost: sample(lost),
      duplicated: sample(duplicated),
      extra: sample(extra),
      changed: sample(changed),
      buckets: { total: BUCKETS, differing: differing.length, listed: listed.length },
      queryMs: { kafka: kafkaMs, warehouse: warehouseMs, listing: listingMs },
    };
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}
