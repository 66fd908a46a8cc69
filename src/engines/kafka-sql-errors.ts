import { messageOf } from '../common/errors.js';

// Apart from kafka-sql.ts so that explaining an error does not load the Trino client (and axios).

export class SqlOnKafkaError extends Error {}

export function explainKafkaError(error: unknown, server: string): string {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return `SQL on Kafka is not reachable: nothing answers on ${server} (is the trino service stopped?)`;
  if (error instanceof SqlOnKafkaError) {
    const text = error.message;
    if (/could not parse value/i.test(text)) {
      return `SQL on Kafka read a record whose field has the wrong type (${text}); the warehouse set that record aside at load time`;
    }
    if (/SERVER_STARTING_UP|still initializing|No nodes available/i.test(text)) return 'SQL on Kafka is still starting up; try again in a few seconds';
    return `The SQL-on-Kafka query failed: ${text}`;
  }
  return `The SQL-on-Kafka query failed: ${messageOf(error)}`;
}
