import { messageOf } from '../common/errors.js';
import { DEFAULT_TRINO_USER, kafkaSqlUrl, type KafkaSqlServer } from './endpoints.js';
import { QueryStopped } from './query-bounds.js';
import { tlsProblem } from './tls-text.js';

export class SqlOnKafkaError extends Error {}

/** A failure the server reported, with Trino's error name (TABLE_NOT_FOUND, COLUMN_NOT_FOUND, …). */
export class SqlOnKafkaServerError extends SqlOnKafkaError {
  constructor(
    message: string,
    readonly errorName: string,
  ) {
    super(message);
  }
}

/** A failure of SQL on Kafka in words: what happened, and where to look. */
export function explainKafkaError(error: unknown, server: KafkaSqlServer): string {
  const url = kafkaSqlUrl(server);
  const ours = typeof server === 'string';
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return `SQL on Kafka is not reachable: nothing answers on ${url}${ours ? ' (is the trino service stopped?)' : ' (check the host and port in the platform file)'}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `SQL on Kafka is not reachable: the host of ${url} is not known`;
  if (error instanceof QueryStopped) return `The SQL-on-Kafka query stopped: ${error.message}`;
  // fetch wraps a network failure as "fetch failed", with the socket's own error as its cause.
  const cause = (error as { cause?: unknown }).cause;
  const words = cause instanceof Error ? `${messageOf(error)}: ${cause.message}` : messageOf(error);
  const tls = tlsProblem(code, words, url);
  if (tls) return tls;
  const status = (error as { response?: { status?: number } }).response?.status;
  if (status === 401) {
    const settings = typeof server === 'string' ? undefined : server.settings;
    return `SQL on Kafka refused the login of user ${settings?.user ?? DEFAULT_TRINO_USER} on ${url} (HTTP 401)${settings?.passwordVariable ? `: check the password in $${settings.passwordVariable}` : ''}`;
  }
  if (status !== undefined && status >= 400) return `SQL on Kafka answered HTTP ${status} on ${url}: ${messageOf(error)}`;
  if (error instanceof SqlOnKafkaServerError && !ours) {
    const text = error.message;
    if (error.errorName === 'TABLE_NOT_FOUND') return `SQL on Kafka has no such table: ${text}`;
    if (error.errorName === 'COLUMN_NOT_FOUND') return `SQL on Kafka has no such column: ${text}`;
    if (error.errorName === 'SCHEMA_NOT_FOUND') return `SQL on Kafka has no such schema: ${text}`;
    if (error.errorName === 'CATALOG_NOT_FOUND') return `SQL on Kafka has no such catalog: ${text}`;
  }
  if (error instanceof SqlOnKafkaError) {
    const text = error.message;
    if (/could not parse (value|non-value node)/i.test(text)) {
      return `SQL on Kafka read a record whose field has the wrong type (${text}); the warehouse set that record aside at load time`;
    }
    if (/SERVER_STARTING_UP|still initializing|No nodes available/i.test(text)) return 'SQL on Kafka is still starting up; try again in a few seconds';
    return `The SQL-on-Kafka query failed: ${text}`;
  }
  return `The SQL-on-Kafka query failed: ${words}`;
}
