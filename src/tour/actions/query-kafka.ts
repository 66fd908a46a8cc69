import { SEED_QUERY } from '../../engines/query.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import { StepError, type StepAction } from './step-action.js';

export const queryKafka: StepAction = {
  name: 'query-kafka',
  needs: ['environment-up'],
  suspect: 'trino',
  async run(context) {
    const endpoints = (await currentEnvironment(context.runtime)).endpoints;
    const result = await context.engines.queryKafka(endpoints.trino);
    if (!result.ok) throw new StepError(result.error, { service: 'trino' });
    return { kind: 'query', engine: 'kafka', sql: SEED_QUERY, result, at: Date.now() };
  },
};
