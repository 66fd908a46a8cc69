/**
 * A FAKE Runtime and FAKE engines, in memory, for unit tests of the tour's logic only.
 * Nothing real runs here; the end-to-end tests drive the real local runtime instead.
 */
import { UserError } from '../../../src/common/errors.js';
import { compareResults } from '../../../src/engines/compare.js';
import type { EngineResult } from '../../../src/engines/types.js';
import type { AdHocResults } from '../../../src/engines/ad-hoc-query.js';
import type { Endpoints } from '../../../src/engines/endpoints.js';
import type { EnvironmentStatus, ExtraService, ProgressListener, Runtime, ServiceName, ServiceState, UpOptions, UpResult } from '../../../src/runtime/types.js';
import { SERVICE_NAMES } from '../../../src/runtime/types.js';
import type { Engines } from '../../../src/tour/context.js';
import { BAD_RECORD_KINDS } from '../../../src/services/bad-record-kinds.js';
import type { VerifyResult } from '../../../src/engines/verify.js';
import { verifyWindow } from '../../../src/engines/verify-window.js';
import { SEED_QUERY, KAFKA_ROBUST_SEED_QUERY } from '../../../src/engines/query.js';

export const FAKE_ENDPOINTS: Endpoints = {
  kafka: '127.0.0.1:19092',
  trino: 'http://127.0.0.1:18080',
  mysql: { host: '127.0.0.1', port: 13306, user: 'tour', password: 'secret-password', database: 'warehouse' },
};

export class FakeRuntime implements Runtime {
  readonly name = 'local' as const;
  exists = false;
  states = new Map<ServiceName, ServiceState>();
  upError: Error | undefined;
  /** Optional services the fake reports as running (the Docker runtime's profiles). */
  extras: ExtraService[] = [];

  refuses(): UserError | undefined {
    return undefined;
  }

  async up(options: UpOptions): Promise<UpResult> {
    if (this.upError) throw this.upError;
    for (const name of SERVICE_NAMES) {
      options.onProgress?.({ kind: 'service', name, state: 'starting' });
      this.states.set(name, 'running');
      options.onProgress?.({ kind: 'service', name, state: 'ready', ms: 10 });
    }
    const changed = !this.exists;
    this.exists = true;
    return { changed, endpoints: FAKE_ENDPOINTS };
  }

  async stop(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    for (const name of names) {
      this.states.set(name, 'stopped');
      onProgress?.({ kind: 'service', name, state: 'stopped' });
    }
  }

  async start(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    for (const name of names) {
      this.states.set(name, 'running');
      onProgress?.({ kind: 'service', name, state: 'ready' });
    }
  }

  async status(): Promise<EnvironmentStatus> {
    return {
      runtime: 'local',
      exists: this.exists,
      services: SERVICE_NAMES.map((name) => ({ name, state: this.exists ? (this.states.get(name) ?? 'absent') : 'absent' })),
      endpoints: this.exists ? FAKE_ENDPOINTS : undefined,
      extras: this.exists ? this.extras : [],
    };
  }

  async logs(name: ServiceName, lines: number): Promise<string[]> {
    return [`${name}: last line (of ${lines})`];
  }

  async down(): Promise<void> {
    this.exists = false;
    this.states.clear();
  }
}

/** Nine more stores, so screens are as tall as the real tour's ten. */
const OTHER_STORES = Array.from({ length: 9 }, (_, i) => ({ storeid: `ST-${1101 + i}`, total: 100 * (i + 1) }));
const OTHER_TOTAL = OTHER_STORES.reduce((sum, s) => sum + s.total, 0);

/** Engines that answer from the fake runtime's state: the warehouse fails while db is stopped. */
export function fakeEngines(runtime: FakeRuntime): Engines {
  let kafkaCount = 100;
  /** Lines set aside so far, by reason: both engines agree, as the validity rule makes them. */
  const rejected = { total: 1, byReason: { 'missing-field': 1 } as Record<string, number> };
  let badWritten = false;
  const figures = { records: 80, distinct: 80, total: 500 };
  const verified: VerifyResult = {
    ok: true,
    at: Date.now(),
    method: 'fake',
    window: verifyWindow({ drained: false, intervalSeconds: 60 }),
    agree: true,
    exact: true,
    totals: { kafka: figures, warehouse: figures },
    stores: [],
    lost: { count: 0, sample: [] },
    duplicated: { count: 0, sample: [] },
    extra: { count: 0, sample: [] },
    changed: { count: 0, sample: [] },
    buckets: { total: 1024, differing: 0, listed: 0 },
    queryMs: { kafka: 40, warehouse: 5, listing: 0 },
  };
  const warehouse = (): EngineResult =>
    runtime.states.get('db') === 'running'
      ? { ok: true, stores: [{ storeid: 'ST-1100', total: 500 }, ...OTHER_STORES], count: 80, total: 500 + OTHER_TOTAL, maxEventTime: Date.now() - 30_000, queryMs: 5, askedAt: Date.now(), rejected }
      : { ok: false, error: 'The warehouse is not reachable: nothing answers on 127.0.0.1:13306 (is the db service stopped?)', queryMs: 1 };
  const kafka = (): EngineResult => {
    kafkaCount += 4;
    return {
      ok: true,
      stores: [{ storeid: 'ST-1100', total: 600 }, ...OTHER_STORES.map((s) => ({ ...s, total: s.total + 40 }))],
      count: kafkaCount,
      total: 600 + OTHER_TOTAL + 40 * OTHER_STORES.length,
      maxEventTime: Date.now() - 500,
      queryMs: 50,
      askedAt: Date.now(),
      rejected,
    };
  };
  return {
    compare: async () => compareResults({ warehouse: warehouse(), kafka: kafka() }, Date.now()),
    peek: async () => {
      const eventTime = Date.now() - 2000;
      const transaction = { eventId: 'run-7', storeId: 'ST-1103', amount: 57.31, paymentTermCode: 'GBR', paymentTime: 1718011807, itemCode: '40170725', eventTime };
      return [
        { offset: 6, timestamp: '2026-11-02 10:00:00.000', message: '{"storeId":"ST-1100","amount":"lots"}' },
        { offset: 7, timestamp: '2026-11-02 10:00:01.000', message: JSON.stringify(transaction), transaction },
      ];
    },
    queryWarehouse: async () => warehouse(),
    queryKafka: async () => kafka(),
    // Every question gets the same small answer: the warehouse one record behind, while db runs.
    // The pipeline ran 20 s ago: the next batch is due in the interval's remainder.
    pipelineReport: async () => ({ ok: true as const, report: { checkedAt: Date.now() - 20_000, lastBatch: null, rejectedTotal: rejected.total, stalled: null } }),
    recentRejects: async () => [{ position: 9, reason: 'wrong-type: amount is not a number', line: '{"storeId":"ST-1100","amount":"lots"}', at: Date.now() }],
    // The seed's query as written breaks once a bad record is on the topic, as on the real one.
    seedOnKafka: async () => {
      const stores = [{ storeid: 'ST-1100', total: 600 }];
      if (!badWritten) return { ok: true as const, sql: SEED_QUERY, stores, queryMs: 40, fallback: null };
      const offender = { partition: 0, offset: 9, field: 'amount', column: 'amount', value: 'lots', message: '{"storeId":"ST-1100","amount":"lots"}' };
      return { ok: true as const, sql: SEED_QUERY, stores, queryMs: 90, fallback: { seedError: "SQL on Kafka read a record whose field has the wrong type (could not parse value 'lots' as 'double')", offender, robustSql: KAFKA_ROBUST_SEED_QUERY, robustMs: 50 } };
    },
    writeBadRecords: async (_bootstrap, ids = []) => {
      badWritten = true;
      const kinds = BAD_RECORD_KINDS.filter((kind) => ids.includes(kind.id));
      for (const kind of kinds) {
        for (const [reason, n] of Object.entries(kind.expect.rejected)) {
          rejected.byReason[reason] = (rejected.byReason[reason] ?? 0) + (n ?? 0);
          rejected.total += n ?? 0;
        }
      }
      return kinds.map((kind, i) => ({ kind, eventId: `bad-${kind.id}`, offsets: [{ partition: 0, offset: 200 + i }] }));
    },
    verify: async () => verified,
    adHoc: async (): Promise<AdHocResults> => {
      const columns = [
        { name: 'paymenttermcode', type: 'varchar', numeric: false },
        { name: 'records', type: 'bigint', numeric: true },
      ];
      const kafkaSide = { ok: true as const, columns, rows: [['GBR', 5], ['USA', 3]], rowCount: 2, truncated: false, queryMs: 40 };
      const warehouseSide =
        runtime.states.get('db') === 'running'
          ? { ok: true as const, columns, rows: [['GBR', 4], ['USA', 3]], rowCount: 2, truncated: false, queryMs: 3 }
          : { ok: false as const, error: 'The warehouse is not reachable', queryMs: 1 };
      return { warehouse: warehouseSide, kafka: kafkaSide };
    },
  };
}
