/**
 * "Ask your own question" end to end: the built CLI's SQL prompt in a real pseudo-terminal (tmux),
 * against a real local environment of its own, with what the engines' servers say checked beside
 * the screen. Needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/common/wait.js';
import type { Endpoints } from '../../src/engines/endpoints.js';
import { CLI, runCli } from '../helpers/cli.js';
import { ENDLESS_ON_TRINO, mysqlStatementsStartingWith, SLOW_ON_MYSQL, trinoQueriesContaining, waitForTrinoToFail, waitForTrinoToRun } from '../helpers/engine-checks.js';
import { upLocalWithRecords } from '../helpers/environment.js';
import { KEYS, TerminalSession } from '../helpers/terminal.js';

const home = mkdtempSync(join(tmpdir(), 'slowdata-e2e-prompt-'));
const env = { SLOWDATA_HOME: home, NO_COLOR: '1' };
/** The step that invites a question; only its number is relied on, not the steps after it. */
const ASK_STEP = '6';
const PROMPT_TITLE = 'Your own question, on both engines';
const SCREEN_TIMEOUT_MS = 60_000;
/** Wide enough that no statement typed here wraps. */
const SIZE = { columns: 250, rows: 50 };
const tag = `p${process.pid}`;

const sessions: TerminalSession[] = [];
let endpoints: Endpoints;

/** The tour at the step that invites a question, its prompt open on the editor (Esc leaves the ready-query list). */
async function openPrompt(): Promise<TerminalSession> {
  const session = await TerminalSession.start(['node', CLI, '--step', ASK_STEP, '--runtime', 'local', '--interval', '3'], { env, ...SIZE });
  sessions.push(session);
  await session.waitFor(new RegExp(`${PROMPT_TITLE}[\\s\\S]*Ready queries`), { timeoutMs: SCREEN_TIMEOUT_MS });
  await session.press('Escape');
  await session.waitFor({ test: (screen) => screen.includes(PROMPT_TITLE) && !screen.includes('Ready queries'), toString: () => 'the editor, the list of ready queries closed' });
  return session;
}

/** Types one line at the prompt (literally, no key names) and waits until the prompt shows it. */
async function typeLine(session: TerminalSession, text: string): Promise<void> {
  await session.type(text);
  await session.waitFor({ test: (screen) => screen.split('\n').some((line) => /^(sql|\.\.\.)> /.test(line) && line.endsWith(text)), toString: () => `the prompt showing ${text}` });
}

/** Types a one-line statement ending in ";" and runs it with Enter. */
async function run(session: TerminalSession, sql: string): Promise<void> {
  await typeLine(session, sql);
  await session.press(KEYS.ENTER);
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  endpoints = await upLocalWithRecords(env);
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  await runCli(['down'], env, 180_000);
  rmSync(home, { recursive: true, force: true });
});

describe('the SQL prompt in a terminal, on the local runtime', () => {
  let session: TerminalSession;

  it('a statement typed over two lines runs on both engines, the answers side by side with a delta', { timeout: 3 * SCREEN_TIMEOUT_MS }, async () => {
    session = await openPrompt();
    await typeLine(session, 'SELECT storeid, count(*) AS n');
    await session.press(KEYS.ENTER);
    await session.waitFor(/^sql> SELECT storeid, count\(\*\) AS n\n\.\.\.> *$/m);
    await typeLine(session, 'FROM transactions GROUP BY storeid ORDER BY storeid');
    await session.press(KEYS.ENTER);
    await session.waitFor(/^\.\.\.> FROM transactions GROUP BY storeid ORDER BY storeid\n\.\.\.> *$/m);
    // Enter on the empty line below runs the statement.
    await session.press(KEYS.ENTER);
    const screen = await session.waitFor('Δ n', { timeoutMs: SCREEN_TIMEOUT_MS });
    expect(screen).toMatch(/^warehouse +✓ \d+ rows? in [\d.]+ m?s$/m);
    expect(screen).toMatch(/^kafka +✓ \d+ rows? in [\d.]+ m?s$/m);
    expect(screen).toMatch(/│ storeid │ n · warehouse │ n · kafka │ Δ n │/);
    const rows = [...screen.matchAll(/│ (ST-11\d\d) │ +(\d+|—) │ +(\d+) │ +([+-]?\d+|—) │/g)];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, , warehouse, kafka, delta] of rows) {
      if (warehouse === '—') continue;
      // Kafka is never behind the warehouse, and the delta is Kafka's minus the warehouse's.
      expect(Number(delta)).toBe(Number(kafka) - Number(warehouse));
      expect(Number(delta)).toBeGreaterThanOrEqual(0);
    }
    // The stores are aligned: each appears on one row only.
    expect(new Set(rows.map((r) => r[1])).size).toBe(rows.length);
  });

  it('a column only Trino has: the warehouse says so in its own words, SQL on Kafka answers with rows', { timeout: 2 * SCREEN_TIMEOUT_MS }, async () => {
    await run(session, 'SELECT _partition_offset, storeid FROM transactions ORDER BY _partition_offset LIMIT 3;');
    const screen = await session.waitFor(/^kafka +✓ 3 rows/m, { timeoutMs: SCREEN_TIMEOUT_MS });
    expect(screen).toMatch(/^warehouse +✗ The warehouse query failed: Unknown column '_partition_offset'/m);
    expect(screen).toMatch(/│ _partition_offset │ storeid +│/);
    expect([...screen.matchAll(/│ +\d+ │ ST-11\d\d +│/g)]).toHaveLength(3);
  });

  it('a writing statement is refused in one sentence, and neither engine is sent it', { timeout: 2 * SCREEN_TIMEOUT_MS }, async () => {
    const statement = `DELETE FROM transactions WHERE storeid = '${tag}'`;
    await run(session, `${statement};`);
    const screen = await session.waitFor('Not sent:');
    expect(screen).toMatch(/^Not sent: Only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN statements are sent to the engines, and this one starts with "DELETE"\.$/m);
    // The last answer is gone: nothing new was asked.
    expect(screen).not.toMatch(/^(warehouse|kafka) +[✓✗]/m);
    expect(await trinoQueriesContaining(endpoints.trino, statement)).toEqual([]);
    expect(await mysqlStatementsStartingWith(endpoints.mysql, 'DELETE')).toBe(0);
  });

  it('Esc while a long query runs cancels it on Trino\'s server (USER_CANCELED), and keeps the prompt open', { timeout: 3 * SCREEN_TIMEOUT_MS }, async () => {
    const marker = `esc_${tag}`;
    await run(session, `${ENDLESS_ON_TRINO.replace('count(*)', `count(*) AS ${marker}`)};`);
    await session.waitFor('Asking both engines… (Esc or Ctrl-C cancels it on the servers)');
    const queryId = await waitForTrinoToRun(endpoints.trino, marker);
    await session.press('Escape');
    const screen = await session.waitFor(/^kafka +✗ The SQL-on-Kafka query was cancelled/m, { timeoutMs: SCREEN_TIMEOUT_MS });
    expect(screen).toContain(`the server cancelled it (query ${queryId})`);
    // The warehouse has no UNNEST: its own error, in words.
    expect(screen).toMatch(/^warehouse +✗ The warehouse query failed: /m);
    const info = await waitForTrinoToFail(endpoints.trino, queryId);
    expect(info.errorCode?.name).toBe('USER_CANCELED');
    expect(screen).toContain(PROMPT_TITLE);
  });

  it('Ctrl-C while a long query runs stops it on the warehouse (KILL QUERY), without quitting the tour', { timeout: 3 * SCREEN_TIMEOUT_MS }, async () => {
    const statement = `${SLOW_ON_MYSQL} AS ctrl_c_${tag}`;
    await run(session, `${statement};`);
    await session.waitFor('Asking both engines…');
    await waitFor(async () => (await mysqlStatementsStartingWith(endpoints.mysql, statement)) === 1, { what: 'the warehouse to run the SLEEP', timeoutMs: 30_000, intervalMs: 200 });
    // Trino refuses SLEEP on its own; the key goes in only once it has, or the key would cancel that query too.
    await waitFor(async () => (await trinoQueriesContaining(endpoints.trino, `ctrl_c_${tag}`)).some((q) => q.state === 'FAILED'), { what: 'Trino to refuse the SLEEP', timeoutMs: 30_000, intervalMs: 200 });
    await session.press(KEYS.CTRL_C);
    const screen = await session.waitFor(/^warehouse +✗ The warehouse query was cancelled; the server stopped it \(KILL QUERY \d+\)\. \([\d.]+ m?s\)$/m, { timeoutMs: SCREEN_TIMEOUT_MS });
    // Trino has no SLEEP: its own error, in words.
    expect(screen).toMatch(/^kafka +✗ The SQL-on-Kafka query failed: .*sleep/im);
    await waitFor(async () => (await mysqlStatementsStartingWith(endpoints.mysql, statement)) === 0, { what: 'the SLEEP to leave the warehouse\'s process list', timeoutMs: 10_000, intervalMs: 200 });
    expect(await session.exitCode()).toBeUndefined();
    expect(screen).toContain(PROMPT_TITLE);
  });

  it('↑ brings back the statements run, the two-line one as two lines; the history is kept under the state home', { timeout: 2 * SCREEN_TIMEOUT_MS }, async () => {
    await session.press('Up');
    await session.waitFor(new RegExp(`^sql> SELECT SLEEP\\(120\\) AS ctrl_c_${tag};$`, 'm'));
    const history = JSON.parse(readFileSync(join(home, 'query-history.json'), 'utf8')) as { entries: string[] };
    expect(history.entries.at(-1)).toBe(`SELECT SLEEP(120) AS ctrl_c_${tag};`);
    expect(history.entries).toContain('SELECT storeid, count(*) AS n\nFROM transactions GROUP BY storeid ORDER BY storeid');
    // Esc closes the prompt, q quits; a new tour reads the same history.
    await session.press('Escape');
    await session.waitFor({ test: (screen) => !screen.includes(PROMPT_TITLE), toString: () => 'the SQL prompt closed' });
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('started again, ↑ walks the same history back to the two-line statement; Ctrl-C at the idle prompt quits (130) with the quit note', { timeout: 3 * SCREEN_TIMEOUT_MS }, async () => {
    const again = await openPrompt();
    await again.press('Up');
    await again.waitFor(new RegExp(`^sql> SELECT SLEEP\\(120\\) AS ctrl_c_${tag};$`, 'm'));
    // Older, one ↑ at a time: the Esc-cancelled query, the refused DELETE, the _partition_offset one, then the first.
    for (const older of [`AS esc_${tag}`, `DELETE FROM transactions WHERE storeid = '${tag}';`, 'SELECT _partition_offset, storeid']) {
      await again.press('Up');
      await again.waitFor({ test: (screen) => /^sql> /m.test(screen) && screen.includes(older) && !screen.includes('SLEEP'), toString: () => `the prompt showing ${older}` });
    }
    await again.press('Up');
    const first = await again.waitFor(/^sql> SELECT storeid, count\(\*\) AS n\n\.\.\.> FROM transactions GROUP BY storeid ORDER BY storeid$/m);
    expect(first).not.toContain('SLEEP');
    await again.press(KEYS.CTRL_C);
    const goodbye = await again.waitFor('To remove it: slowdata-tour down', { timeoutMs: SCREEN_TIMEOUT_MS });
    expect(goodbye).toMatch(/Still running \(local runtime\): .*kafka/);
    expect(await again.waitForExit()).toBe(130);
  });
});
