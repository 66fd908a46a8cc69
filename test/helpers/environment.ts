import { waitFor } from '../../src/common/wait.js';
import type { Endpoints } from '../../src/engines/endpoints.js';
import type { QueryJson } from '../../src/text/query-output.js';
import { cliJson, runCli } from './cli.js';

/**
 * `up --runtime local` (batch every 3 s, 5 records a second) in the state home `env` names, then
 * waits until both engines hold records (the pipeline has loaded its first batch). Returns where
 * the engines answer.
 */
export async function upLocalWithRecords(env: NodeJS.ProcessEnv): Promise<Endpoints> {
  const up = await runCli(['up', '--runtime', 'local', '--interval', '3', '--rate', '5'], env, 20 * 60_000);
  if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
  const { endpoints } = await cliJson<{ endpoints: Endpoints }>(['status'], env);
  await waitFor(
    async () => {
      const run = await runCli(['query', 'SELECT count(*) AS n FROM transactions', '--json'], env);
      const json = JSON.parse(run.stdout) as QueryJson;
      return json.engines.warehouse?.ok && Number(json.engines.warehouse.rows[0]?.[0]) > 0 && json.engines.kafka?.ok ? true : undefined;
    },
    { what: 'both engines to hold records', timeoutMs: 90_000, intervalMs: 1000 },
  );
  return endpoints;
}
