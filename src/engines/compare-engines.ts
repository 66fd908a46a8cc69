import { kafkaSqlServer, type Endpoints } from './endpoints.js';
import { compareResults } from './compare.js';
import { readPipelineReport } from './pipeline-report.js';
import { queryKafka } from './kafka-sql.js';
import type { QueryBounds } from './query-bounds.js';
import type { Comparison } from './types.js';
import { queryWarehouse } from './warehouse.js';

/** Runs the seed's query (or the platform's measures) on both engines at once, with the pipeline's report, and compares the answers. */
export async function compareEngines(endpoints: Endpoints, bounds?: QueryBounds): Promise<Comparison> {
  const [warehouse, kafka, pipeline] = await Promise.all([
    queryWarehouse(endpoints.mysql, endpoints.measure?.warehouse, bounds),
    queryKafka(kafkaSqlServer(endpoints), endpoints.measure?.kafka, bounds),
    // A platform's warehouse has no pipeline of the tour's to report on.
    endpoints.measure ? Promise.resolve({ ok: false as const, error: 'not the tour\'s pipeline' }) : readPipelineReport(endpoints.mysql),
  ]);
  return { ...compareResults({ warehouse, kafka }, Date.now()), pipeline: pipeline.ok ? pipeline.report : null };
}
