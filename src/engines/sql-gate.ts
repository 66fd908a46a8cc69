/**
 * The read-only gate: decides whether a statement a person typed may be sent to the engines.
 *
 * Only SELECT, WITH, SHOW, DESCRIBE (DESC) and EXPLAIN go through, one statement at a time, and
 * none of them may carry a writing statement inside (`WITH … INSERT`, `EXPLAIN ANALYZE DELETE …`,
 * `SELECT … INTO OUTFILE`, `SELECT … FOR UPDATE`).
 *
 * The same text goes to two servers that read it differently, so the gate reads it twice, once the
 * way each engine's lexer does, and lets it through only when both readings are safe:
 * - MySQL/MariaDB: `#` starts a comment; `--` does only when followed by a space or control
 *   character (`1--1` is arithmetic); `/*! … *\/` and `/*M! … *\/` are not comments but code
 *   the server runs; backslash escapes a quote inside '…' and "…"; `…` quotes identifiers.
 * - Trino: `--` always starts a comment; `#` is not one; '…' strings have no backslash escapes;
 *   "…" quotes identifiers.
 * A comment or string that hides a second statement from one reading is found by the other.
 *
 * Why a small lexer rather than a library: the SQL parsers on npm (node-sql-parser,
 * sql-parser-cst, pgsql-ast-parser, dt-sql-parser) decide whether a statement is *valid*, and would
 * refuse queries an engine accepts (Trino's lambdas, `INTERVAL '10' MINUTE`, MariaDB's
 * extensions) instead of letting the engine answer with its own error, which is what the tour
 * wants to show; the tokenizers (sql-highlight, sql-formatter's internal one) are made for colour
 * and layout and do not model the two points that matter here: MySQL's executable comments and
 * the per-engine rules for `--`, `#` and backslashes. Reading quotes and comments correctly is all
 * the gate needs, and it is short enough to test case by case.
 */

export type SqlDialect = 'mysql' | 'trino';

export const DIALECT_ENGINE: Record<SqlDialect, string> = { mysql: 'MySQL (the warehouse)', trino: 'Trino (SQL on Kafka)' };

export type TokenKind = 'word' | 'quoted' | 'number' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** The token's text; for words, upper case. */
  text: string;
  /** Offset of the token's first character in the input. */
  start: number;
  /** Offset just past the token. */
  end: number;
}

const WORD_START = /[\p{L}_$@]/u;
const WORD_PART = /[\p{L}\p{N}_$@]/u;
const DIGIT = /[0-9]/;

/** Splits SQL into tokens the way `dialect`'s lexer does; comments and whitespace are dropped. */
export function tokenize(sql: string, dialect: SqlDialect): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let inExecutableComment = false;
  const n = sql.length;

  const skipQuoted = (quote: string, backslash: boolean): number => {
    let j = i + 1;
    while (j < n) {
      const c = sql[j];
      if (backslash && c === '\\') {
        j += 2;
        continue;
      }
      if (c === quote) {
        if (sql[j + 1] === quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j += 1;
    }
    return n; // unterminated: the rest is inside the quotes, and the engine will say so
  };

  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    // Comments.
    if (c === '-' && next === '-') {
      const after = sql[i + 2];
      const isComment = dialect === 'trino' || after === undefined || /[\s\x00-\x1f]/.test(after);
      if (isComment) {
        const lineEnd = sql.indexOf('\n', i);
        i = lineEnd === -1 ? n : lineEnd + 1;
        continue;
      }
    }
    if (c === '#' && dialect === 'mysql') {
      const lineEnd = sql.indexOf('\n', i);
      i = lineEnd === -1 ? n : lineEnd + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      if (dialect === 'mysql' && (sql[i + 2] === '!' || (sql[i + 2] === 'M' && sql[i + 3] === '!'))) {
        // MySQL runs what is inside /*! … */ (and MariaDB /*M! … */): read it as code.
        i += sql[i + 2] === '!' ? 3 : 4;
        while (i < n && DIGIT.test(sql[i] as string)) i += 1;
        inExecutableComment = true;
        continue;
      }
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
      continue;
    }
    if (c === '*' && next === '/' && inExecutableComment) {
      inExecutableComment = false;
      i += 2;
      continue;
    }
    // Strings and quoted identifiers: opaque to the gate.
    if (c === "'" || c === '"' || c === '`') {
      const backslash = dialect === 'mysql' && c !== '`';
      const end = skipQuoted(c, backslash);
      tokens.push({ kind: 'quoted', text: sql.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && next !== undefined && DIGIT.test(next))) {
      let j = i + 1;
      while (j < n && /[0-9a-zA-Z_.]/.test(sql[j] as string)) j += 1;
      tokens.push({ kind: 'number', text: sql.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(sql[j] as string)) j += 1;
      tokens.push({ kind: 'word', text: sql.slice(i, j).toUpperCase(), start: i, end: j });
      i = j;
      continue;
    }
    tokens.push({ kind: 'symbol', text: c, start: i, end: i + 1 });
    i += 1;
  }
  return tokens;
}

/** The statements the gate lets through, by their first word. */
export const READ_STATEMENTS = ['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN'] as const;
export type ReadStatement = 'SELECT' | 'WITH' | 'SHOW' | 'DESCRIBE' | 'EXPLAIN';

/**
 * Words that make a statement write, lock or run something else when they appear anywhere in it
 * (outside quotes and comments). Followed by "(", the first four are string or number functions
 * (MySQL's INSERT() and REPLACE(), TRUNCATE(), Trino's replace()), so a call is not a write.
 * A column that really has one of these names must be quoted, as both engines require anyway.
 */
const WRITING_WORDS: Record<string, string> = {
  INSERT: 'adds rows',
  REPLACE: 'replaces rows',
  TRUNCATE: 'empties a table',
  MERGE: 'changes rows',
  UPDATE: 'changes or locks rows',
  DELETE: 'removes rows',
  UPSERT: 'changes rows',
  CREATE: 'creates an object',
  DROP: 'removes an object',
  ALTER: 'changes an object',
  RENAME: 'renames an object',
  GRANT: 'changes privileges',
  REVOKE: 'changes privileges',
  CALL: 'runs a procedure',
  EXECUTE: 'runs a prepared statement',
  PREPARE: 'prepares a statement',
  DEALLOCATE: 'changes the session',
  LOAD: 'loads data',
  HANDLER: 'opens a table handler',
  LOCK: 'locks rows or tables',
  UNLOCK: 'unlocks tables',
  INTO: 'writes the result to a file or a variable',
  COMMIT: 'ends a transaction',
  ROLLBACK: 'ends a transaction',
  KILL: 'stops another query',
  REFRESH: 'refreshes a materialized view',
};
const FUNCTION_NAMES = new Set(['INSERT', 'REPLACE', 'TRUNCATE', 'LOCK']);

export type GateDecision =
  | {
      ok: true;
      kind: ReadStatement;
      /** The statement as each engine should get it: without a trailing ";" (Trino refuses one). */
      statement: Record<SqlDialect, string>;
    }
  | { ok: false; reason: string };

const LIST = 'SELECT, WITH, SHOW, DESCRIBE and EXPLAIN';

function checkOne(sql: string, dialect: SqlDialect, bothAgree: boolean): { ok: true; kind: ReadStatement; statement: string } | { ok: false; reason: string } {
  const tokens = tokenize(sql, dialect);
  const statements: Token[][] = [[]];
  const semicolons: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === ';') {
      statements.push([]);
      semicolons.push(token);
    } else statements.at(-1)!.push(token);
  }
  const nonEmpty = statements.filter((s) => s.length > 0);
  const as = bothAgree ? '' : `, as ${DIALECT_ENGINE[dialect]} reads it,`;
  if (nonEmpty.length === 0) return { ok: false, reason: 'There is no statement to run: the text is empty or only comments.' };
  if (nonEmpty.length > 1) {
    return { ok: false, reason: `Only one statement is sent at a time, and this text${as} holds ${nonEmpty.length} separated by ";".` };
  }
  if (statements[0]!.length === 0 || statements.length > 2) {
    return { ok: false, reason: `Only one statement is sent at a time, and this text${as} has a stray ";" besides it.` };
  }
  const body = statements[0]!;
  let first = 0;
  while (body[first]?.kind === 'symbol' && body[first]?.text === '(') first += 1;
  const head = body[first];
  if (!head || head.kind !== 'word' || !(READ_STATEMENTS as readonly string[]).includes(head.text)) {
    const what = head ? `"${head.kind === 'word' ? head.text : sql.slice(head.start, head.end)}"` : 'nothing but parentheses';
    return { ok: false, reason: `Only ${LIST} statements are sent to the engines, and this one${as} starts with ${what}.` };
  }
  if (first > 0 && head.text !== 'SELECT' && head.text !== 'WITH') {
    return { ok: false, reason: `Only a SELECT or WITH query may start with "(", and this one starts with "(${head.text}".` };
  }
  const kind = (head.text === 'DESC' ? 'DESCRIBE' : head.text) as ReadStatement;
  if (kind !== 'SHOW') {
    // SHOW holds no statement (SHOW CREATE TABLE only prints one); the others can.
    for (let k = first + 1; k < body.length; k += 1) {
      const token = body[k]!;
      if (token.kind !== 'word') continue;
      const why = WRITING_WORDS[token.text];
      if (!why) continue;
      const next = body[k + 1];
      if (FUNCTION_NAMES.has(token.text) && next?.kind === 'symbol' && next.text === '(') continue;
      if (token.text === 'LOCK' && next?.kind === 'word' && next.text === 'IN') {
        return { ok: false, reason: `Only reading statements are sent, and this one${as} locks rows (LOCK IN SHARE MODE).` };
      }
      return { ok: false, reason: `Only reading statements are sent, and this ${kind}${as} contains ${token.text}, which ${why}.` };
    }
  }
  // A trailing ";" is dropped (Trino refuses one); everything else is sent as typed.
  const statement = semicolons.length === 1 ? sql.slice(0, semicolons[0]!.start).trim() : sql.trim();
  return { ok: true, kind, statement };
}

/** Decides whether `sql` may be sent: one reading statement, safe as both engines read it. */
export function gateSql(sql: string): GateDecision {
  const mysql = checkOne(sql, 'mysql', false);
  const trino = checkOne(sql, 'trino', false);
  if (!mysql.ok && !trino.ok) {
    // Both refuse: say it once, in the words that do not depend on the engine.
    const plain = checkOne(sql, 'trino', true);
    return { ok: false, reason: plain.ok ? mysql.reason : plain.reason };
  }
  if (!mysql.ok) return mysql;
  if (!trino.ok) return trino;
  return { ok: true, kind: trino.kind, statement: { mysql: mysql.statement, trino: trino.statement } };
}
