import type { PipelineReport } from './pipeline-report.js';

export type EngineName = 'warehouse' | 'kafka';

export interface StoreTotal {
  storeid: string;
  /** Sum of amounts, rounded to cents. */
  total: number;
}

/** Records an engine set aside under the one validity rule (services/validity.ts), by reason code. */
export interface RejectedCounts {
  total: number;
  byReason: Record<string, number>;
}

export interface EngineAnswer {
  ok: true;
  stores: StoreTotal[];
  /** Valid records the engine sees. */
  count: number;
  /** Sum of all amounts, rounded to cents. */
  total: number;
  /** Newest eventTime (epoch ms) the engine sees, or null when it sees none. */
  maxEventTime: number | null;
  /** Time taken by the engine's queries. */
  queryMs: number;
  /** When the engine was asked (epoch ms): freshness lag is measured at this moment. */
  askedAt: number;
  /** Lines set aside, by reason: the warehouse's rejects table, or the same rule applied in SQL on Kafka. */
  rejected?: RejectedCounts;
}

export interface EngineFailure {
  ok: false;
  error: string;
  queryMs: number;
}

export type EngineResult = EngineAnswer | EngineFailure;

/** One engine's side of a comparison, in the shape `compare --json` prints. */
export interface EngineSummary {
  ok: boolean;
  error: string | null;
  count: number | null;
  total: number | null;
  maxEventTime: number | null;
  /**
   * Freshness lag: when the engine was asked minus the newest eventTime in its answer (0 when the
   * answer holds records newer than the question). The query's own duration is queryMs, apart.
   */
  lagMs: number | null;
  queryMs: number;
  /** Lines set aside by the validity rule, by reason (null when the engine did not answer). */
  rejected?: RejectedCounts | null;
}

export interface StoreRow {
  storeid: string;
  warehouse: number | null;
  kafka: number | null;
  /** kafka − warehouse, rounded to cents; null when either side has no figure. */
  delta: number | null;
}

export interface Comparison {
  at: number;
  engines: Record<EngineName, EngineSummary>;
  stores: StoreRow[];
  /** The batch pipeline's last batch and any stall, read beside the warehouse's answer; null when the warehouse could not say. */
  pipeline?: PipelineReport | null;
}
