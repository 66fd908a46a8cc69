import { kafkaSqlServer, type Endpoints } from './endpoints.js';
import { compareResults } from './compare.js';
import { queryKafka } from './kafka-sql.js';
import type { QueryBounds } from './query-bounds.js';
import type { Comparison } from './types.js';
import { queryWarehouse } from './warehouse.js';

/** Runs the seed's query (or the platform's measures) on both engines at once and compares the answers. */
export async function compareEngines(endpoints: Endpoints, bounds?: QueryBounds): Promise<Comparison> {
  const [warehouse, kafka] = await Promise.all([
    queryWarehouse(endpoints.mysql, endpoints.measure?.warehouse, bounds),
    queryKafka(kafkaSqlServer(endpoints), endpoints.measure?.kafka, bounds),
  ]);
  return compareResults({ warehouse, kafka }, Date.now());
}
