import { kafkaSqlServer } from '../../engines/endpoints.js';
import { explainKafkaError } from '../../engines/kafka-errors.js';
import { trinoClientCommand } from '../hand-commands.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import { StepError, type StepAction } from './step-action.js';

export const PEEK_COUNT = 5;
const PEEK_SQL = `SELECT _partition_offset, _message FROM transactions ORDER BY _partition_offset DESC LIMIT ${PEEK_COUNT}`;

export const peekRecords: StepAction = {
  name: 'peek-records',
  needs: ['environment-up'],
  suspect: 'trino',
  byHand: ({ endpoints }) => (endpoints ? [{ what: 'the newest records, with Trino\'s own client', command: trinoClientCommand(endpoints, PEEK_SQL) }] : []),
  async run(context) {
    const { endpoints, extras = [] } = await currentEnvironment(context.runtime);
    try {
      const server = kafkaSqlServer(endpoints);
      return { kind: 'records', endpoints, records: await context.engines.peek(server, PEEK_COUNT, endpoints.measure?.kafka?.table, { signal: context.signal }), at: Date.now(), extras };
    } catch (error) {
      throw new StepError(explainKafkaError(error, kafkaSqlServer(endpoints)), { service: 'trino' });
    }
  },
};
