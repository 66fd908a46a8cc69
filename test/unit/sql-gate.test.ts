import { describe, expect, it } from 'vitest';
import { gateSql, tokenize } from '../../src/engines/sql-gate.js';

const accepted = [
  'SELECT 1',
  'select storeid, sum(amount) from transactions group by storeid order by storeid',
  'SELECT 1;',
  'SELECT 1 ;  -- done\n',
  '  \n\tSELECT count(*) FROM transactions',
  '(SELECT 1) UNION (SELECT 2)',
  'WITH t AS (SELECT storeid, amount FROM transactions) SELECT storeid, sum(amount) FROM t GROUP BY storeid',
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n',
  'SHOW TABLES',
  'SHOW COLUMNS FROM transactions',
  'SHOW CREATE TABLE transactions',
  'SHOW STATS FOR (SELECT * FROM transactions)',
  'DESCRIBE transactions',
  'DESC transactions',
  'EXPLAIN SELECT * FROM transactions',
  'EXPLAIN (TYPE DISTRIBUTED) SELECT storeid FROM transactions',
  'EXPLAIN ANALYZE SELECT count(*) FROM transactions',
  "SELECT 'DROP TABLE transactions; DELETE FROM x' AS text",
  'SELECT "delete" FROM transactions',
  'SELECT `update` FROM transactions',
  "SELECT replace(storeid, 'ST-', '') FROM transactions",
  "SELECT INSERT('abc', 1, 1, 'x'), TRUNCATE(amount, 0) FROM transactions",
  'SELECT 1 -- ; DROP TABLE transactions',
  'SELECT 1 /* ; DROP TABLE transactions */',
  "SELECT 'it''s' AS quoted",
  'SELECT amount FROM transactions WHERE eventtime >= 1764237100000 LIMIT 5',
  "SELECT date_format(from_unixtime(eventtime / 1000), '%Y-%m-%d %H:%i') FROM transactions",
  'SELECT x -> x + 1 FROM t',
  "SELECT CAST(storeid AS CHAR CHARACTER SET utf8mb4) FROM transactions",
  'SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1',
  'select\n  storeid,\n  count(*)\nfrom transactions\ngroup by storeid;',
];

const refused: Array<[sql: string, reason: RegExp]> = [
  ['', /no statement to run/],
  ['   -- only a comment', /no statement to run/],
  ['/* nothing */ ;', /no statement to run/],
  ['DROP TABLE transactions', /starts with "DROP"/],
  ['delete from transactions', /starts with "DELETE"/],
  ["INSERT INTO transactions VALUES ('x')", /starts with "INSERT"/],
  ['UPDATE transactions SET amount = 0', /starts with "UPDATE"/],
  ['TRUNCATE TABLE transactions', /starts with "TRUNCATE"/],
  ['CREATE TABLE t (i int)', /starts with "CREATE"/],
  ['ALTER TABLE transactions ADD COLUMN x int', /starts with "ALTER"/],
  ['SET SESSION query_max_run_time = \'1h\'', /starts with "SET"/],
  ['USE warehouse', /starts with "USE"/],
  ['CALL system.runtime.kill_query(\'x\')', /starts with "CALL"/],
  ['GRANT ALL ON transactions TO x', /starts with "GRANT"/],
  ['KILL QUERY 12', /starts with "KILL"/],
  ['TABLE transactions', /starts with "TABLE"/],
  ['VALUES (1)', /starts with "VALUES"/],
  ['START TRANSACTION', /starts with "START"/],
  ['(INSERT INTO t VALUES (1))', /starts with "\(INSERT"|starts with "INSERT"/],
  ['(SHOW TABLES)', /may start with "\("/],
  ['; SELECT 1', /stray ";"/],
  ['SELECT 1;;', /stray ";"/],
  ['SELECT 1; SELECT 2', /one statement .* holds 2/],
  ['SELECT 1; DROP TABLE transactions', /one statement .* holds 2/],
  ['SELECT 1;\nDELETE FROM transactions;', /one statement .* holds 2/],
  // A comment that hides a statement from one engine does not hide it from the other.
  ['SELECT 1 --1; DROP TABLE transactions', /as MySQL \(the warehouse\) reads it, holds 2/],
  ['SELECT 1 # ; DROP TABLE transactions', /as Trino \(SQL on Kafka\) reads it, holds 2/],
  ['SELECT 1 /*! ; DROP TABLE transactions */', /as MySQL \(the warehouse\) reads it, holds 2/],
  ['SELECT 1 /*!50000 , (DELETE FROM transactions) */', /contains DELETE/],
  ['SELECT 1 /*M! ; DROP TABLE transactions */', /as MySQL \(the warehouse\) reads it, holds 2/],
  // A backslash escapes a quote for MySQL only: the rest is a string there, a statement on Trino.
  ["SELECT '\\'; DROP TABLE transactions; -- '", /as Trino \(SQL on Kafka\) reads it, holds/],
  ["SELECT \"\\\"; DROP TABLE transactions; -- \"", /as Trino \(SQL on Kafka\) reads it, holds/],
  // Reading statements with a writing one inside.
  ['WITH t AS (SELECT 1) INSERT INTO transactions SELECT * FROM t', /contains INSERT, which adds rows/],
  ['WITH t AS (DELETE FROM transactions RETURNING *) SELECT * FROM t', /contains DELETE/],
  ['EXPLAIN ANALYZE INSERT INTO transactions SELECT * FROM transactions', /EXPLAIN contains INSERT/],
  ['EXPLAIN DELETE FROM transactions', /contains DELETE/],
  ['DESCRIBE UPDATE transactions SET amount = 1', /contains UPDATE/],
  ["SELECT * FROM transactions INTO OUTFILE '/tmp/x'", /contains INTO, which writes the result to a file/],
  ['SELECT amount INTO @a FROM transactions LIMIT 1', /contains INTO/],
  ['SELECT * FROM transactions FOR UPDATE', /contains UPDATE, which changes or locks rows/],
  ['SELECT * FROM transactions LOCK IN SHARE MODE', /locks rows/],
  ['select 1 union select * from t for update', /contains UPDATE/],
];

describe('the read-only gate', () => {
  it.each(accepted)('lets through %j', (sql) => {
    const decision = gateSql(sql);
    expect(decision, JSON.stringify(decision)).toMatchObject({ ok: true });
  });

  it.each(refused)('refuses %j in one sentence', (sql, reason) => {
    const decision = gateSql(sql);
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.reason).toMatch(reason);
    // One sentence: one full stop at the end, no line breaks.
    expect(decision.reason).toMatch(/^[A-Z].*\.$/);
    expect(decision.reason).not.toContain('\n');
  });

  it('names the kind of statement and drops a trailing semicolon for both engines', () => {
    expect(gateSql('  select 1 ;  -- bye')).toEqual({ ok: true, kind: 'SELECT', statement: { mysql: 'select 1', trino: 'select 1' } });
    expect(gateSql('desc transactions')).toMatchObject({ ok: true, kind: 'DESCRIBE' });
    expect(gateSql('WITH a AS (SELECT 1) SELECT * FROM a')).toMatchObject({ ok: true, kind: 'WITH' });
  });

  it('keeps a statement without a semicolon exactly as typed, comments and line breaks included', () => {
    const sql = 'SELECT storeid -- the store\nFROM transactions';
    expect(gateSql(sql)).toMatchObject({ ok: true, statement: { mysql: sql, trino: sql } });
  });
});

describe('tokenize', () => {
  it('reads -- as a comment only before a space for MySQL, always for Trino', () => {
    expect(tokenize('SELECT 1--1', 'mysql').map((t) => t.text)).toEqual(['SELECT', '1', '-', '-', '1']);
    expect(tokenize('SELECT 1--1', 'trino').map((t) => t.text)).toEqual(['SELECT', '1']);
  });

  it('reads MySQL executable comments as code and plain comments as nothing', () => {
    expect(tokenize('SELECT /*!80000 2 */ /* 3 */', 'mysql').map((t) => t.text)).toEqual(['SELECT', '2']);
    expect(tokenize('SELECT /*!80000 2 */ /* 3 */', 'trino').map((t) => t.text)).toEqual(['SELECT']);
  });

  it('keeps quoted text whole, with doubled quotes and (for MySQL) backslash escapes', () => {
    expect(tokenize("SELECT 'a''b', `c``d`, \"e\"", 'trino').filter((t) => t.kind === 'quoted').map((t) => t.text)).toEqual(["'a''b'", '`c``d`', '"e"']);
    expect(tokenize("'a\\'b' x", 'mysql').map((t) => t.kind)).toEqual(['quoted', 'word']);
    expect(tokenize("'a\\'b' x", 'trino').map((t) => t.kind)).toEqual(['quoted', 'word', 'quoted']);
  });
});
