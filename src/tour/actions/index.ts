import { askAQuestion } from './ask-a-question.js';
import { compareEngines } from './compare-engines.js';
import type { ActionName } from './names.js';
import { peekRecords } from './peek-records.js';
import { queryKafka } from './query-kafka.js';
import { queryWarehouse } from './query-warehouse.js';
import { shutDown } from './shut-down.js';
import { startEnvironment } from './start-environment.js';
import { startPipeline } from './start-pipeline.js';
import type { StepAction } from './step-action.js';
import { stopPipeline } from './stop-pipeline.js';
import { writeBadRecords } from './write-bad-records.js';

/** Every action a step file can name, by that name. */
export const ACTIONS: Record<ActionName, StepAction> = {
  'start-environment': startEnvironment,
  'peek-records': peekRecords,
  'query-warehouse': queryWarehouse,
  'query-kafka': queryKafka,
  'compare-engines': compareEngines,
  'ask-a-question': askAQuestion,
  'write-bad-records': writeBadRecords,
  'stop-pipeline': stopPipeline,
  'start-pipeline': startPipeline,
  'shut-down': shutDown,
};
