/**
 * Where the two engines' views of `transactions` differ, checked against environment/db/schema.sql
 * and environment/trino/kafka-tables/transactions.json, and the dialect differences a typed query
 * meets most. For the step that invites your own question; each engine's own error says the rest.
 */
export const SCHEMA_DIFFERENCES: readonly string[] = [
  'Both have eventid, storeid, amount, paymenttermcode, paymenttime, itemcode and eventtime, with the same names.',
  'The warehouse adds loadedat (when the pipeline loaded the row); Kafka adds Trino\'s own columns: _partition_id, _partition_offset, _timestamp, _message, _message_corrupt, _key and more.',
  'amount is DECIMAL(12,2) in the warehouse and DOUBLE on Kafka: sums agree to the cent, but Kafka\'s may show float noise.',
  'The warehouse holds only valid records (the rest go to its rejects table); on Kafka a malformed record is a row of NULLs with _message_corrupt set, so count(*) can differ even once the pipeline has caught up.',
  'Only the warehouse has the rejects and load_position tables.',
];

export const DIALECT_DIFFERENCES: readonly string[] = [
  'Quoting: "x" is a column on Kafka (Trino) but a string in the warehouse (MySQL); `x` works only in MySQL.',
  'GROUP BY an alias works only in MySQL; GROUP BY 1 works in both.',
  'Time: UNIX_TIMESTAMP() is MySQL only, to_unixtime(now()) Trino only; from_unixtime() and date_format() work in both.',
  'Division: bigint / bigint gives a decimal in MySQL and a whole number in Trino.',
];
