import type { AdHocResults } from '../engines/ad-hoc-query.js';
import type { SideBySide } from '../engines/align-results.js';
import type { EngineName, EngineResult } from '../engines/types.js';
import type { PipelineReport, RejectedLine } from '../engines/pipeline-report.js';
import type { SeedFallback } from '../engines/kafka-seed.js';
import type { VerifyOutcome } from '../engines/verify.js';
import type { PeekedRecord } from '../engines/kafka-sql.js';
import type { Endpoints } from '../engines/endpoints.js';
import type { ExtraService, ServiceName } from '../runtime/types.js';

/** What a step's one-shot work produced; the step's view renders it. */
export type StepOutcome =
  | { kind: 'environment'; endpoints: Endpoints; changed: boolean }
  | { kind: 'records'; endpoints: Endpoints; records: PeekedRecord[]; at: number; extras: ExtraService[] }
  /** `seedFallback`: the seed's query, unchanged, broke on a record's content; the robust form answered instead. */
  | { kind: 'query'; endpoints: Endpoints; engine: EngineName; sql: string; result: EngineResult & { ok: true }; at: number; pipeline?: PipelineReport | null; seedFallback?: SeedFallback }
  /**
   * A live comparison follows; `change` says what the step did to the pipeline first, `badData`
   * what it wrote to the topic and what the pipeline set aside, `verified` the reconciliation once
   * the warehouse had caught up.
   */
  | { kind: 'comparison'; endpoints: Endpoints; change?: { services: readonly ServiceName[]; to: 'stopped' | 'started' }; badData?: BadDataReport; verified?: VerifyOutcome }
  /** The ready queries, each answered by both engines; the interactive tour then opens the prompt for your own. */
  | { kind: 'questions'; endpoints: Endpoints; answers: AnsweredQuery[] }
  | { kind: 'shutdown'; removed: boolean; existed: boolean }
  /** The runtime cannot do what the step does (e.g. stop services on your own platform); the reason is shown in its place. */
  | { kind: 'skipped'; reason: string };

/** What the bad-data step wrote to the topic, and what the pipeline made of it. */
export interface BadDataReport {
  /** Each record written: what it is, and where it landed. */
  written: Array<{ label: string; where: string }>;
  /** The pipeline's newest rejects, newest first. */
  setAside: RejectedLine[];
  /** Set when the pipeline had not set them all aside in time. */
  pipelineLate?: string;
}

export interface AnsweredQuery {
  title: string;
  sql: string;
  results: AdHocResults;
  sideBySide: SideBySide;
}

/** Where the engines answered, for the outcomes that know. */
export function endpointsOf(outcome: StepOutcome | undefined): Endpoints | undefined {
  return outcome && 'endpoints' in outcome ? outcome.endpoints : undefined;
}

export interface StepFailure {
  message: string;
  tryThis?: string;
  /** The service whose log lines are shown, if one is at fault. */
  service?: ServiceName;
  logTail: string[];
  /** The tour can go on with the local runtime instead (a key offers it). */
  alternative?: 'local-runtime';
}

export type StepResult = { ok: true; outcome: StepOutcome } | { ok: false; failure: StepFailure };
