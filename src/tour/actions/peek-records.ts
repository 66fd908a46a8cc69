import { explainKafkaError } from '../../engines/kafka-sql-errors.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import { StepError, type StepAction } from './step-action.js';

export const PEEK_COUNT = 5;

export const peekRecords: StepAction = {
  name: 'peek-records',
  needs: ['environment-up'],
  suspect: 'trino',
  async run(context) {
    const { endpoints, extras = [] } = await currentEnvironment(context.runtime);
    try {
      return { kind: 'records', records: await context.engines.peek(endpoints.trino, PEEK_COUNT), extras };
    } catch (error) {
      throw new StepError(explainKafkaError(error, endpoints.trino), { service: 'trino' });
    }
  },
};
