import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { AdHocAnswer, AdHocResults } from '../../../src/engines/ad-hoc-query.js';
import { readyQueries } from '../../../src/engines/ready-queries.js';
import type { GateDecision } from '../../../src/engines/sql-gate.js';
import { createPaint } from '../../../src/text/paint.js';
import { fileQueryHistory, memoryQueryHistory, type QueryHistory } from '../../../src/tour/query-history.js';
import { QueryPanel } from '../../../src/ui/components/QueryPanel.js';
import { backspaceOnEmptyLine, EMPTY_PROMPT, enterPressed, loadText, promptText, walkHistory } from '../../../src/ui/components/SqlPrompt.js';
import type { AdHocRunner } from '../../../src/ui/hooks/use-ad-hoc-query.js';

const ENTER = '\r';
const ESC = '\u001B';
const UP = '\u001B[A';
const DOWN = '\u001B[B';
const TAB = '\t';
const PAGE_DOWN = '\u001B[6~';
const CTRL_C = '\u0003';
const paint = createPaint(false);

// Keys are pressed inside React's act(), which runs the effects a render schedules (such as a key
// handler becoming active) before the next key arrives, as a real terminal's pace allows.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function waitForFrame(lastFrame: () => string | undefined, pattern: RegExp, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (pattern.test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${pattern}; last frame:\n${frame}`);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 15));
    });
  }
}

async function press(app: { stdin: { write: (data: string) => void } }, keys: string): Promise<void> {
  await act(async () => {
    app.stdin.write(keys);
  });
}

const seed = (rows: Array<[string, number]>, queryMs: number): AdHocAnswer => ({
  ok: true,
  columns: [{ name: 'storeid', type: 'VARCHAR', numeric: false }, { name: 'total', type: 'DECIMAL', numeric: true }],
  rows,
  rowCount: rows.length,
  truncated: false,
  queryMs,
});

/** A stand-in for both engines (the real ones are exercised by test/e2e/query.test.ts): it records what it was asked. */
function fakeRunner(answer: (sql: string, signal: AbortSignal) => Promise<AdHocResults>) {
  const asked: Array<Extract<GateDecision, { ok: true }>> = [];
  const run: AdHocRunner = (decision, signal) => {
    asked.push(decision);
    return answer(decision.statement.trino, signal);
  };
  return { run, asked };
}

async function renderPanel(run: AdHocRunner, history: QueryHistory = memoryQueryHistory(), extra: { onClose?: () => void; onInterrupt?: () => void; startPicking?: boolean } = {}) {
  let app!: ReturnType<typeof render>;
  await act(async () => {
    app = render(
      <QueryPanel run={run} history={history} readyQueries={readyQueries(Date.UTC(2026, 10, 30, 12))} onClose={extra.onClose ?? (() => {})} onInterrupt={extra.onInterrupt} paint={paint} width={100} pageSize={3} startPicking={extra.startPicking} />,
    );
  });
  return app;
}

const escaped = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

type App = Awaited<ReturnType<typeof renderPanel>>;

/** Types text into the prompt and waits until the prompt shows it. */
async function type(app: App, text: string) {
  await press(app, text);
  await waitForFrame(app.lastFrame, escaped(text));
}

describe('QueryPanel', () => {
  it('runs a statement typed over two lines and shows both engines side by side, with the delta', async () => {
    const { run, asked } = fakeRunner(async () => ({ warehouse: seed([['ST-1100', 10]], 4), kafka: seed([['ST-1100', 12.5], ['ST-1101', 3]], 900) }));
    const history = memoryQueryHistory();
    const app = await renderPanel(run, history);
    await waitForFrame(app.lastFrame, /sql>/);
    await type(app, 'SELECT storeid, sum(amount) AS total');
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /\.\.\.>/);
    await type(app, 'FROM transactions GROUP BY storeid');
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /\.\.\.> *\n?[\s\S]*\.\.\.>/);
    await press(app, ENTER);
    const frame = await waitForFrame(app.lastFrame, /Δ total/);
    expect(asked.map((d) => d.statement.trino)).toEqual(['SELECT storeid, sum(amount) AS total\nFROM transactions GROUP BY storeid']);
    expect(frame).toContain('warehouse ✓ 1 row in 4 ms');
    expect(frame).toContain('kafka     ✓ 2 rows in 900 ms');
    expect(frame).toMatch(/│ ST-1100 │ +10 │ +12\.5 │ +\+2\.5 │/);
    expect(frame).toMatch(/│ ST-1101 │ +— │ +3 │ +— │/);
    expect(history.entries()).toEqual(['SELECT storeid, sum(amount) AS total\nFROM transactions GROUP BY storeid']);
    app.unmount();
  });

  it('runs at once on Enter after ";", and refuses a writing statement in a sentence without asking the engines', async () => {
    const { run, asked } = fakeRunner(async () => ({ warehouse: seed([], 1), kafka: seed([], 1) }));
    const app = await renderPanel(run);
    await waitForFrame(app.lastFrame, /sql>/);
    await type(app, 'DELETE FROM transactions;');
    await press(app, ENTER);
    const frame = await waitForFrame(app.lastFrame, /Not sent:/);
    expect(frame.replace(/\s+/g, ' ')).toContain('Not sent: Only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN statements are sent to the engines, and this one starts with "DELETE".');
    expect(asked).toEqual([]);
    await type(app, 'SELECT 1;');
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /no rows on either side/);
    expect(asked.map((d) => d.statement)).toEqual([{ mysql: 'SELECT 1', trino: 'SELECT 1' }]);
    app.unmount();
  });

  it('Esc while a query runs cancels it through the runner\'s signal, and shows the engines\' words', async () => {
    let aborted = false;
    const { run } = fakeRunner(
      (_sql, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            const stopped = { ok: false as const, error: 'The SQL-on-Kafka query was cancelled; the server cancelled it (query q1).', stopped: 'cancelled' as const, queryMs: 50 };
            resolve({ warehouse: { ...stopped, error: 'The warehouse query was cancelled; the server stopped it (KILL QUERY 7).' }, kafka: stopped });
          });
        }),
    );
    const closed: string[] = [];
    const app = await renderPanel(run, memoryQueryHistory(), { onClose: () => closed.push('closed') });
    await waitForFrame(app.lastFrame, /sql>/);
    await type(app, 'SELECT count(*) FROM transactions a CROSS JOIN transactions b;');
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /Asking both engines… \(Esc or Ctrl-C cancels it on the servers\)/);
    await press(app, ESC);
    const frame = await waitForFrame(app.lastFrame, /KILL QUERY 7/);
    expect(aborted).toBe(true);
    expect(frame).toContain('warehouse ✗ The warehouse query was cancelled; the server stopped it (KILL QUERY 7).');
    expect(frame).toContain('kafka     ✗ The SQL-on-Kafka query was cancelled; the server cancelled it (query q1).');
    // The Esc cancelled the query; it did not close the prompt.
    expect(closed).toEqual([]);
    app.unmount();
  });

  it('Ctrl-C at the idle prompt does what Ctrl-C does elsewhere; while a query runs, it only cancels the query', async () => {
    const interrupts: string[] = [];
    let aborted = false;
    const { run } = fakeRunner((_sql, signal) => new Promise((resolve) => signal.addEventListener('abort', () => {
      aborted = true;
      resolve({ kafka: { ok: false, error: 'The SQL-on-Kafka query was cancelled; the server cancelled it (query q3).', stopped: 'cancelled', queryMs: 5 } });
    })));
    const app = await renderPanel(run, memoryQueryHistory(), { onInterrupt: () => interrupts.push('interrupt') });
    await waitForFrame(app.lastFrame, /sql>/);
    await type(app, 'SELECT 1;');
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /Asking both engines/);
    await press(app, CTRL_C);
    await waitForFrame(app.lastFrame, /query q3/);
    expect(aborted).toBe(true);
    expect(interrupts).toEqual([]);
    await press(app, CTRL_C);
    expect(interrupts).toEqual(['interrupt']);
    app.unmount();
  });

  it('Ctrl-C while a query runs cancels it too', async () => {
    let aborted = false;
    const { run } = fakeRunner((_sql, signal) => new Promise((resolve) => signal.addEventListener('abort', () => {
      aborted = true;
      resolve({ kafka: { ok: false, error: 'The SQL-on-Kafka query was cancelled; the server cancelled it (query q2).', stopped: 'cancelled', queryMs: 5 } });
    })));
    const app = await renderPanel(run);
    await waitForFrame(app.lastFrame, /sql>/);
    await type(app, 'SELECT 1;');
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /Asking both engines/);
    await press(app, CTRL_C);
    await waitForFrame(app.lastFrame, /query q2/);
    expect(aborted).toBe(true);
    app.unmount();
  });

  it('↑ and ↓ walk the history, and ↓ past the newest gives back what was being typed', async () => {
    const { run } = fakeRunner(async () => ({}));
    const app = await renderPanel(run, memoryQueryHistory(['SELECT 1', 'SELECT storeid\nFROM transactions']));
    await waitForFrame(app.lastFrame, /sql>/);
    await type(app, 'SELECT draft');
    await press(app, UP);
    let frame = await waitForFrame(app.lastFrame, /sql> SELECT storeid\n\.\.\.> FROM transactions/);
    expect(frame).not.toContain('draft');
    await press(app, UP);
    frame = await waitForFrame(app.lastFrame, /sql> SELECT 1/);
    expect(frame).not.toContain('FROM transactions');
    await press(app, DOWN);
    await waitForFrame(app.lastFrame, /FROM transactions/);
    await press(app, DOWN);
    frame = await waitForFrame(app.lastFrame, /sql> SELECT draft/);
    expect(frame).not.toContain('FROM transactions');
    app.unmount();
  });

  it('Tab lists the three ready queries; picking one puts it in the editor to run', async () => {
    const { run, asked } = fakeRunner(async () => ({ warehouse: seed([['GBR', 1]], 1), kafka: seed([['GBR', 2]], 1) }));
    const app = await renderPanel(run);
    await waitForFrame(app.lastFrame, /sql>/);
    await press(app, TAB);
    const list = await waitForFrame(app.lastFrame, /Ready queries/);
    expect(list).toContain('count and sum per payment term');
    expect(list).toContain('the five newest records');
    expect(list).toContain('the sum per minute over the last ten minutes');
    await press(app, DOWN);
    await waitForFrame(app.lastFrame, /❯ the five newest records/);
    await press(app, ENTER);
    const picked = await waitForFrame(app.lastFrame, /LIMIT 5/);
    expect(picked).not.toContain('Ready queries');
    expect(picked).toMatch(/sql> SELECT eventid, storeid, amount, paymenttermcode, eventtime\n\.\.\.> FROM transactions/);
    // The last line has no ";": Enter opens a line, Enter on that empty line runs the statement.
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /LIMIT 5\n\.\.\.>/);
    await press(app, ENTER);
    await waitForFrame(app.lastFrame, /✓ 1 row/);
    expect(asked[0]!.statement.trino).toBe(readyQueries()[1]!.sql);
    app.unmount();
  });

  it('opens on the ready queries when asked to, and Esc goes back to the editor, then closes', async () => {
    const closed: string[] = [];
    const app = await renderPanel(fakeRunner(async () => ({})).run, memoryQueryHistory(), { startPicking: true, onClose: () => closed.push('closed') });
    await waitForFrame(app.lastFrame, /Ready queries/);
    await press(app, ESC);
    await waitForFrame(app.lastFrame, /^(?![\s\S]*Ready queries)[\s\S]*sql>/);
    expect(closed).toEqual([]);
    await press(app, ESC);
    await waitForFrame(() => (closed.length === 1 ? 'closed' : ''), /closed/);
    app.unmount();
  });

  it('pages a long answer with PgDn', async () => {
    const rows: Array<[string, number]> = Array.from({ length: 7 }, (_, i) => [`k${i}`, i]);
    const app = await renderPanel(fakeRunner(async () => ({ warehouse: seed(rows, 1), kafka: seed(rows, 1) })).run);
    await waitForFrame(app.lastFrame, /sql>/);
    await type(app, 'SELECT k;');
    await press(app, ENTER);
    let frame = await waitForFrame(app.lastFrame, /page 1 of 3/);
    expect(frame).toContain('│ k0');
    expect(frame).toContain('PgUp/PgDn');
    await press(app, PAGE_DOWN);
    frame = await waitForFrame(app.lastFrame, /page 2 of 3/);
    expect(frame).toContain('│ k3');
    expect(frame).not.toContain('│ k0');
    // Past the last page PgDn stays there, so one PgUp goes back one page.
    await press(app, PAGE_DOWN);
    await waitForFrame(app.lastFrame, /page 3 of 3/);
    await press(app, PAGE_DOWN);
    await press(app, '\u001B[5~');
    frame = await waitForFrame(app.lastFrame, /page 2 of 3/);
    expect(frame).toContain('│ k3');
    app.unmount();
  });
});

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

describe('the prompt\'s editing state', () => {
  it('Enter opens a new line, and runs after ";" or on an empty line below typed ones', () => {
    const one = enterPressed(EMPTY_PROMPT, 'SELECT 1');
    expect(one.run).toBeUndefined();
    expect(one.state.lines).toEqual(['SELECT 1']);
    const two = enterPressed(one.state, '');
    expect(two.run).toBe('SELECT 1');
    expect(promptText(two.state)).toBe('');
    expect(enterPressed(EMPTY_PROMPT, 'SELECT 2;').run).toBe('SELECT 2;');
    expect(enterPressed(EMPTY_PROMPT, '   ').run).toBeUndefined();
  });

  it('Backspace on an empty line goes back to the line above', () => {
    const state = loadText(EMPTY_PROMPT, 'a\nb\n');
    expect(state.lines).toEqual(['a', 'b']);
    const back = backspaceOnEmptyLine(state);
    expect(back.lines).toEqual(['a']);
    expect(back.current).toBe('b');
    expect(back.edition).toBeGreaterThan(state.edition);
  });

  it('walks the history and keeps the draft', () => {
    const typed = { ...EMPTY_PROMPT, current: 'draft' };
    const older = walkHistory(typed, ['one', 'two'], 'older');
    expect(promptText(older)).toBe('two');
    expect(promptText(walkHistory(older, ['one', 'two'], 'older'))).toBe('one');
    expect(promptText(walkHistory(walkHistory(older, ['one', 'two'], 'older'), ['one', 'two'], 'older'))).toBe('one');
    expect(promptText(walkHistory(older, ['one', 'two'], 'newer'))).toBe('draft');
    expect(walkHistory(typed, [], 'older')).toBe(typed);
    expect(walkHistory(typed, ['one'], 'newer')).toBe(typed);
  });
});

describe('the query history file', () => {
  it('keeps statements under the state home, oldest first, not twice in a row, at most `limit`', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'slowdata-history-')), 'nested', 'query-history.json');
    const history = fileQueryHistory({ file, limit: 3 });
    expect(history.entries()).toEqual([]);
    history.add('SELECT 1');
    history.add('SELECT 1');
    history.add('  SELECT 2\n');
    history.add('SELECT 3');
    expect(history.add('SELECT 4')).toEqual(['SELECT 2', 'SELECT 3', 'SELECT 4']);
    expect(fileQueryHistory({ file }).entries()).toEqual(['SELECT 2', 'SELECT 3', 'SELECT 4']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, entries: ['SELECT 2', 'SELECT 3', 'SELECT 4'] });
  });

  it('reads a damaged file as an empty history and writes a good one over it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'slowdata-history-')), 'query-history.json');
    writeFileSync(file, '{ not json');
    const history = fileQueryHistory({ file });
    expect(history.entries()).toEqual([]);
    history.add('SELECT 1');
    expect(fileQueryHistory({ file }).entries()).toEqual(['SELECT 1']);
  });
});
