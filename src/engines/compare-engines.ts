import type { Endpoints } from './endpoints.js';
import { compareResults } from './compare.js';
import { readPipelineReport } from './pipeline-report.js';
import { queryKafka } from './kafka-sql.js';
import type { Comparison } from './types.js';
import { queryWarehouse } from './warehouse.js';

/** Runs the seed's query on both engines at once and compares the answers. */
export async function compareEngines(endpoints: Endpoints): Promise<Comparison> {
  const [warehouse, kafka, pipeline] = await Promise.all([queryWarehouse(endpoints.mysql), queryKafka(endpoints.trino), readPipelineReport(endpoints.mysql)]);
  return { ...compareResults({ warehouse, kafka }, Date.now()), pipeline: pipeline.ok ? pipeline.report : null };
}
