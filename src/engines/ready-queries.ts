/** A query offered ready to run, written so both engines accept it unchanged. */
export interface ReadyQuery {
  title: string;
  sql: string;
}

const TEN_MINUTES_MS = 10 * 60_000;

/**
 * The three ready queries. Both engines see `transactions` with the same column names, so they
 * need no dialect of their own, with two choices made for that:
 * - the minute is `date_format(from_unixtime(eventtime / 1000), '%Y-%m-%d %H:%i')`: MySQL and Trino
 *   both have from_unixtime and a MySQL-style date_format (in each server's time zone), and
 *   `GROUP BY 1` because Trino cannot group by an alias;
 * - "the last ten minutes" is a literal epoch-millisecond bound taken when the query is picked:
 *   there is no expression for "now in epoch ms" both accept (MySQL: UNIX_TIMESTAMP() * 1000,
 *   Trino: to_unixtime(now()) * 1000), and a literal gives both the same window.
 */
export function readyQueries(now: number = Date.now()): ReadyQuery[] {
  return [
    {
      title: 'count and sum per payment term',
      sql: 'SELECT paymenttermcode, count(*) AS records, sum(amount) AS total\nFROM transactions\nGROUP BY paymenttermcode\nORDER BY paymenttermcode',
    },
    {
      title: 'the five newest records',
      sql: 'SELECT eventid, storeid, amount, paymenttermcode, eventtime\nFROM transactions\nORDER BY eventtime DESC, eventid\nLIMIT 5',
    },
    {
      title: 'the sum per minute over the last ten minutes',
      sql: `SELECT date_format(from_unixtime(eventtime / 1000), '%Y-%m-%d %H:%i') AS minute, count(*) AS records, sum(amount) AS total\nFROM transactions\nWHERE eventtime >= ${now - TEN_MINUTES_MS}\nGROUP BY 1\nORDER BY 1`,
    },
  ];
}
