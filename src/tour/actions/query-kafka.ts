import { kafkaSqlServer } from '../../engines/endpoints.js';
import { shownSql } from '../../engines/measure.js';
import { SEED_QUERY } from '../../engines/query.js';
import { trinoClientCommand } from '../hand-commands.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import { StepError, type StepAction } from './step-action.js';

export const queryKafka: StepAction = {
  name: 'query-kafka',
  needs: ['environment-up'],
  suspect: 'trino',
  byHand: ({ endpoints }) => (endpoints ? [{ what: 'the same query, with Trino\'s own client', command: trinoClientCommand(endpoints, SEED_QUERY) }] : []),
  async run(context) {
    const endpoints = (await currentEnvironment(context.runtime)).endpoints;
    const measure = endpoints.measure?.kafka;
    const server = kafkaSqlServer(endpoints);
    // The seed's query as written, beside the measured one: when a record's content breaks it, the step says which record.
    const [result, seed] = await Promise.all([
      context.engines.queryKafka(server, measure, { signal: context.signal }),
      measure ? Promise.resolve(undefined) : context.engines.seedOnKafka(server, { signal: context.signal }),
    ]);
    if (!result.ok) throw new StepError(result.error, { service: 'trino' });
    const seedFallback = seed?.ok && seed.fallback ? seed.fallback : undefined;
    return { kind: 'query', endpoints, engine: 'kafka', sql: measure ? shownSql('trino', measure) : SEED_QUERY, result, at: Date.now(), ...(seedFallback ? { seedFallback } : {}) };
  },
};
