/**
 * A FAKE Runtime and FAKE engines, in memory, for unit tests of the tour's logic only.
 * Nothing real runs here; the end-to-end tests drive the real local runtime instead.
 */
import { compareResults } from '../../../src/engines/compare.js';
import type { EngineResult } from '../../../src/engines/types.js';
import type { AdHocResults } from '../../../src/engines/ad-hoc-query.js';
import type { Endpoints } from '../../../src/engines/endpoints.js';
import type { EnvironmentStatus, ExtraService, ProgressListener, Runtime, ServiceName, ServiceState, UpOptions, UpResult } from '../../../src/runtime/types.js';
import { SERVICE_NAMES } from '../../../src/runtime/types.js';
import type { Engines } from '../../../src/tour/context.js';

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

  refuses(): undefined {
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
  const warehouse = (): EngineResult =>
    runtime.states.get('db') === 'running'
      ? { ok: true, stores: [{ storeid: 'ST-1100', total: 500 }, ...OTHER_STORES], count: 80, total: 500 + OTHER_TOTAL, maxEventTime: Date.now() - 30_000, queryMs: 5, askedAt: Date.now() }
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
    pipelineReport: async () => ({ ok: true as const, report: { checkedAt: Date.now() - 20_000, lastBatch: null, rejectedTotal: 0, stalled: null } }),
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
