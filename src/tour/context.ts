import { runAdHoc } from '../engines/ad-hoc-query.js';
import { readPipelineReport, readRecentRejects } from '../engines/pipeline-report.js';
import { runSeedQueryOnKafka } from '../engines/kafka-seed.js';
import { verifyEngines } from '../engines/verify.js';
import { produceBadRecords } from '../services/bad-records.js';
import { compareEngines } from '../engines/compare-engines.js';
import { peekRecords, queryKafka } from '../engines/kafka-sql.js';
import { queryWarehouse } from '../engines/warehouse.js';
import type { EnvironmentChoices, Runtime } from '../runtime/types.js';

/** The engines' entry points, gathered so unit tests can pass stand-ins. */
export interface Engines {
  compare: typeof compareEngines;
  peek: typeof peekRecords;
  queryWarehouse: typeof queryWarehouse;
  queryKafka: typeof queryKafka;
  /** Any read-only statement the gate let through, on both engines. */
  adHoc: typeof runAdHoc;
  /** The batch pipeline's last run and any stall, as the warehouse records it. */
  pipelineReport: typeof readPipelineReport;
  /** The lines the pipeline set aside last, with its reasons. */
  recentRejects: typeof readRecentRejects;
  /** The seed's query unchanged on Kafka; when a record breaks it, which one, and the robust form's answer. */
  seedOnKafka: typeof runSeedQueryOnKafka;
  /** Writes bad records to the topic with the project's own Kafka client. */
  writeBadRecords: typeof produceBadRecords;
  /** The reconciliation of the warehouse against the topic, record by record. */
  verify: typeof verifyEngines;
}

export const realEngines: Engines = {
  compare: compareEngines,
  peek: peekRecords,
  queryWarehouse,
  queryKafka,
  adHoc: runAdHoc,
  pipelineReport: readPipelineReport,
  recentRejects: readRecentRejects,
  seedOnKafka: runSeedQueryOnKafka,
  writeBadRecords: produceBadRecords,
  verify: verifyEngines,
};

/** Everything a step action may use. */
export interface TourContext {
  runtime: Runtime;
  /** Why this runtime was chosen, in words, shown when the environment starts. */
  runtimeReason?: string;
  engines: Engines;
  rate: number;
  intervalSeconds: number;
  /** Leave the environment running at the last step. */
  keep: boolean;
  /** On your own platform: step 1 starts the generator against its Kafka (--produce). */
  produce: boolean;
  /** What was asked for beyond the core (--with, --engine); a runtime that cannot give it refuses at step 1. */
  choices: EnvironmentChoices;
  /** Aborted when the user quits or presses Ctrl-C. */
  signal: AbortSignal;
}
