/** The seed demo's query, shown by the tour and run unchanged on both engines in steps 3 and 4. */
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

/**
 * The seed's grouping with the count and newest event time of each store alongside, so the
 * sums, the count and the freshness all come from one read of the data.
 */
const measuredQuery = (where: string) =>
  `SELECT storeid, sum(amount), count(*), max(eventtime) FROM transactions${where} GROUP BY storeid ORDER BY storeid`;

export const KAFKA_MEASURED_QUERY = measuredQuery(` WHERE ${KAFKA_VALID_RECORD}`);
export const WAREHOUSE_MEASURED_QUERY = measuredQuery('');

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
