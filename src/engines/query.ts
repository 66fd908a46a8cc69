import { kafkaLinesRelation } from '../services/validity.js';

/** The seed demo's query, shown by the tour and run unchanged on both engines in steps 3 and 4. */
export const SEED_QUERY = 'SELECT storeid, sum(amount) FROM transactions GROUP BY storeid ORDER BY storeid';

/**
 * Every line of every record on the topic, classified by the one validity rule (services/validity.ts):
 * `reason` is NULL for a valid line, `first_seen` marks the first valid occurrence of each eventId.
 * It reads the topic through `transactions_raw` (the raw decoder: nothing is converted by Trino's
 * JSON decoder, so no record content can make it fail).
 */
export const KAFKA_LINES = kafkaLinesRelation();

/** The valid, deduplicated transactions on Kafka, with the columns the warehouse has. */
export const KAFKA_VALID_TRANSACTIONS = `SELECT kpartition, koffset, kline, ktimestamp, eventid, storeid, amount, paymenttermcode, paymenttime, itemcode, eventtime FROM (${KAFKA_LINES}) l WHERE first_seen`;

/** The seed's query in its robust form, as it is shown when the seed query itself fails on Kafka. */
export const KAFKA_ROBUST_SEED_QUERY = `WITH transactions AS (${KAFKA_VALID_TRANSACTIONS})\n${SEED_QUERY}`;

/**
 * The seed's grouping with the count and newest event time of each store alongside, so the
 * sums, the count and the freshness all come from one read of the data.
 */
const measuredQuery = (where: string) =>
  `SELECT storeid, sum(amount), count(*), max(eventtime) FROM transactions${where} GROUP BY storeid ORDER BY storeid`;

export const WAREHOUSE_MEASURED_QUERY = measuredQuery('');

/**
 * The Kafka side's measured query, robust: per store the valid deduplicated records (reason NULL),
 * and per reason the lines set aside (storeid NULL), all from one read of the topic.
 * Columns: storeid, sum(amount), count, max(eventtime), reason.
 */
export const KAFKA_MEASURED_QUERY = `SELECT storeid, sum(amount), count(*), max(eventtime), reason FROM (${KAFKA_LINES}) l WHERE first_seen OR reason IS NOT NULL GROUP BY reason, storeid ORDER BY reason NULLS FIRST, storeid`;

/** The warehouse's set-aside lines by reason code (the text before the first colon). */
export const WAREHOUSE_REJECTS_QUERY = "SELECT substring_index(reason, ':', 1), count(*) FROM rejects GROUP BY 1";

/** Valid records on the JSON-decoded table, as a filter; a wrong-typed value still fails a query on that table. */
export const KAFKA_DECODED_VALID_RECORD =
  'NOT _message_corrupt AND eventid IS NOT NULL AND storeid IS NOT NULL AND amount IS NOT NULL AND paymenttermcode IS NOT NULL AND paymenttime IS NOT NULL AND itemcode IS NOT NULL AND eventtime IS NOT NULL';

/** What the measured query was before: the JSON-decoded table, which fails on a wrong-typed value (kept for the benchmark). */
export const KAFKA_DECODED_MEASURED_QUERY = measuredQuery(` WHERE ${KAFKA_DECODED_VALID_RECORD}`);

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
