import type { Endpoints } from './endpoints.js';
import { compareResults } from './compare.js';
import { queryKafka } from './kafka-sql.js';
import type { Comparison } from './types.js';
import { queryWarehouse } from './warehouse.js';

/** Runs the seed's query on both engines at once and compares the answers. */
export async function compareEngines(endpoints: Endpoints): Promise<Comparison> {
  const [warehouse, kafka] = await Promise.all([queryWarehouse(endpoints.mysql), queryKafka(endpoints.trino)]);
  return compareResults({ warehouse, kafka }, Date.now());
}
