/**
 * What to measure on one side: group `value` sums by `key` in `table`, with the newest `eventTime`
 * for freshness. The tour's own environment has none and runs its fixed query (query.ts); a
 * platform file gives one per side.
 */
export interface MeasureSpec {
  /** A table name, optionally qualified with dots (schema.table); each part is quoted. */
  table: string;
  key: string;
  value: string;
  eventTime: string;
  /** Epoch milliseconds (a number) or a TIMESTAMP column. */
  eventTimeKind: 'epoch-ms' | 'timestamp';
  /** A SQL condition, as written in the platform file, ANDed into the WHERE clause. */
  filter?: string;
}

export type SqlDialect = 'trino' | 'mysql';

/** Quotes an identifier, each dotted part apart: "a"."b" for Trino, `a`.`b` for MySQL. */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  const quote = dialect === 'trino' ? '"' : '`';
  return name
    .split('.')
    .map((part) => `${quote}${part.split(quote).join(quote + quote)}${quote}`)
    .join('.');
}

function newestEventTime(dialect: SqlDialect, spec: MeasureSpec): string {
  const column = `max(${quoteIdentifier(dialect, spec.eventTime)})`;
  if (spec.eventTimeKind === 'epoch-ms') return column;
  return dialect === 'trino' ? `CAST(to_unixtime(${column}) * 1000 AS bigint)` : `CAST(UNIX_TIMESTAMP(${column}) * 1000 AS SIGNED)`;
}

function whereClause(spec: MeasureSpec): string {
  return spec.filter ? ` WHERE (${spec.filter})` : '';
}

/** The measured query: per key, the sum, the count and the newest event time (epoch ms), from one read. */
export function measuredSql(dialect: SqlDialect, spec: MeasureSpec): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  return `SELECT ${q(spec.key)}, sum(${q(spec.value)}), count(*), ${newestEventTime(dialect, spec)} FROM ${q(spec.table)}${whereClause(spec)} GROUP BY ${q(spec.key)} ORDER BY ${q(spec.key)}`;
}

/** The query as a person reads it in the tour (steps 3 and 4): the seed's shape on this table. */
export function shownSql(dialect: SqlDialect, spec: MeasureSpec): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  return `SELECT ${q(spec.key)}, sum(${q(spec.value)}) FROM ${q(spec.table)}${whereClause(spec)} GROUP BY ${q(spec.key)} ORDER BY ${q(spec.key)}`;
}

/** A bounded look at the newest rows: key, value and event time, for a preview. */
export function previewSql(dialect: SqlDialect, spec: MeasureSpec, limit: number): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  const n = Math.max(1, Math.min(100, Math.floor(limit)));
  return `SELECT ${q(spec.key)}, ${q(spec.value)}, ${q(spec.eventTime)} FROM ${q(spec.table)}${whereClause(spec)} ORDER BY ${q(spec.eventTime)} DESC LIMIT ${n}`;
}
