/** The seed demo's query, run unchanged by the tour on both engines. */
export const SEED_QUERY = 'SELECT storeid, sum(amount) FROM transactions GROUP BY storeid ORDER BY storeid';

/**
 * A record is valid when every field the warehouse needs is present with the right type.
 * The pipeline checks this with zod at load time; on Kafka the same rule is a WHERE clause,
 * so both engines count the same records (a non-JSON record decodes to NULL fields in Trino).
 */
export const KAFKA_VALID_RECORD = [
  'NOT _message_corrupt',
  'eventid IS NOT NULL',
  'storeid IS NOT NULL',
  'amount IS NOT NULL',
  'paymenttermcode IS NOT NULL',
  'paymenttime IS NOT NULL',
  'itemcode IS NOT NULL',
  'eventtime IS NOT NULL',
].join(' AND ');

export const KAFKA_STORES_QUERY = `SELECT storeid, sum(amount) FROM transactions WHERE ${KAFKA_VALID_RECORD} GROUP BY storeid ORDER BY storeid`;
export const KAFKA_TOTALS_QUERY = `SELECT count(*), max(eventtime) FROM transactions WHERE ${KAFKA_VALID_RECORD}`;

export const WAREHOUSE_STORES_QUERY = SEED_QUERY;
export const WAREHOUSE_TOTALS_QUERY = 'SELECT count(*), max(eventtime) FROM transactions';

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
