import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { AdHocAnswer, AdHocResult, AdHocResults, CellValue, ResultColumn } from '../../src/engines/ad-hoc-query.js';
import { alignResults, numericDelta } from '../../src/engines/align-results.js';
import { createPaint } from '../../src/text/paint.js';
import { csvField, queryCsv, queryJson } from '../../src/text/query-output.js';
import { sideBySideText } from '../../src/text/side-by-side-text.js';

const paint = createPaint(false);
const text = (name: string): ResultColumn => ({ name, type: 'VARCHAR', numeric: false });
const num = (name: string, type = 'DECIMAL'): ResultColumn => ({ name, type, numeric: true });

function answer(columns: ResultColumn[], rows: CellValue[][], extra: Partial<AdHocAnswer> = {}): AdHocAnswer {
  return { ok: true, columns, rows, rowCount: rows.length, truncated: false, queryMs: 12, ...extra };
}
const failure = (error: string): AdHocResult => ({ ok: false, error, queryMs: 3 });

const seedColumns = [text('storeid'), num('total')];

describe('alignResults', () => {
  it('lines up rows on the first column with Kafka minus warehouse for numeric columns', () => {
    const results: AdHocResults = {
      warehouse: answer(seedColumns, [['ST-1100', 10.1], ['ST-1101', 20]]),
      kafka: answer([text('storeid'), num('total', 'double')], [['ST-1100', 12.3], ['ST-1101', 20], ['ST-1102', 5]]),
    };
    const result = alignResults(results);
    expect(result.kind).toBe('aligned');
    if (result.kind !== 'aligned') return;
    expect(result.aligned.columns).toEqual([{ name: 'storeid', numeric: false }, { name: 'total', numeric: true }]);
    expect(result.aligned.rows).toEqual([
      { key: 'ST-1100', warehouse: [10.1], kafka: [12.3], delta: [2.2] },
      { key: 'ST-1101', warehouse: [20], kafka: [20], delta: [0] },
      { key: 'ST-1102', warehouse: null, kafka: [5], delta: [null] },
    ]);
  });

  it('matches column names without regard to case, and gives no delta for text columns', () => {
    const result = alignResults({
      warehouse: answer([text('STOREID'), text('term')], [['a', 'GBR']]),
      kafka: answer([text('storeid'), text('term')], [['a', 'USD']]),
    });
    expect(result).toMatchObject({ kind: 'aligned', aligned: { rows: [{ key: 'a', warehouse: ['GBR'], kafka: ['USD'], delta: [null] }] } });
  });

  it('keeps the warehouse order, with Kafka-only rows after, when the rows are not sorted', () => {
    const result = alignResults({
      warehouse: answer(seedColumns, [['b', 1], ['a', 2]]),
      kafka: answer(seedColumns, [['c', 3], ['a', 2], ['b', 1]]),
    });
    if (result.kind !== 'aligned') throw new Error('not aligned');
    expect(result.aligned.rows.map((r) => r.key)).toEqual(['b', 'a', 'c']);
  });

  it('merges two ascending answers in ascending order, numbers compared as numbers', () => {
    const result = alignResults({
      warehouse: answer([num('minute', 'BIGINT'), num('n', 'BIGINT')], [[9, 1], [10, 2]]),
      kafka: answer([num('minute', 'bigint'), num('n', 'bigint')], [[9, 1], [10, 3], [11, 4]]),
    });
    if (result.kind !== 'aligned') throw new Error('not aligned');
    expect(result.aligned.rows.map((r) => [r.key, r.delta[0]])).toEqual([[9, 0], [10, 1], [11, null]]);
  });

  it('pairs repeated keys occurrence by occurrence, and null keys with null keys', () => {
    const result = alignResults({
      warehouse: answer(seedColumns, [['a', 1], ['a', 2], [null, 7]]),
      kafka: answer(seedColumns, [['a', 1], ['a', 5], ['a', 9], [null, 8]]),
    });
    if (result.kind !== 'aligned') throw new Error('not aligned');
    expect(result.aligned.rows.map((r) => [r.key, r.warehouse?.[0] ?? null, r.kafka?.[0] ?? null])).toEqual([
      ['a', 1, 1],
      ['a', 2, 5],
      [null, 7, 8],
      ['a', null, 9],
    ]);
  });

  it('says why it cannot line answers up: one engine, an error, different columns', () => {
    const ok = answer(seedColumns, [['a', 1]]);
    expect(alignResults({ warehouse: ok })).toEqual({ kind: 'separate', why: 'only one engine was asked' });
    expect(alignResults({ warehouse: failure('x'), kafka: ok })).toEqual({ kind: 'separate', why: 'the warehouse did not answer' });
    expect(alignResults({ warehouse: ok, kafka: failure('x') })).toEqual({ kind: 'separate', why: 'SQL on Kafka did not answer' });
    expect(alignResults({ warehouse: failure('x'), kafka: failure('y') })).toEqual({ kind: 'separate', why: 'neither engine answered' });
    expect(alignResults({ warehouse: ok, kafka: answer([text('storeid'), num('sum')], []) })).toEqual({ kind: 'separate', why: 'the engines answered with different columns' });
  });

  it('computes deltas without the float noise of DOUBLE against DECIMAL', () => {
    expect(numericDelta(66012.5, 70622.77)).toBe(4610.27);
    expect(numericDelta(0.1, 0.3)).toBe(0.2);
    expect(numericDelta('12.50', 13)).toBe(0.5);
    expect(numericDelta(null, 1)).toBeNull();
    expect(numericDelta('x', 1)).toBeNull();
    expect(Object.is(numericDelta(1, 1), 0)).toBe(true);
  });
});

function rowLine(out: string, start: string): string {
  return out.split('\n').find((line) => line.startsWith(`│ ${start}`)) ?? '';
}

describe('sideBySideText', () => {
  const both: AdHocResults = {
    warehouse: answer(seedColumns, [['ST-1100', 1234.5], ['ST-1101', 99.99]], { queryMs: 4 }),
    kafka: answer(seedColumns, [['ST-1100', 1300], ['ST-1101', 150.01], ['ST-1102', 20]], { queryMs: 980 }),
  };

  it('shows per engine the rows and time, then one table with both values and the delta', () => {
    const out = sideBySideText({ results: both, sideBySide: alignResults(both), page: { size: 20, index: 0 }, width: 120, paint }).text;
    expect(out).toContain('warehouse ✓ 2 rows in 4 ms');
    expect(out).toContain('kafka     ✓ 3 rows in 980 ms');
    expect(out).toMatch(/│ storeid │ total · warehouse │ total · kafka │ Δ total │/);
    expect(rowLine(out, 'ST-1100')).toMatch(/│ ST-1100 │ +1234\.5 │ +1300 │ +\+65\.5 │/);
    expect(rowLine(out, 'ST-1102')).toMatch(/│ ST-1102 │ +— │ +20 │ +— │/);
    expect(out).toContain('1 of 3 rows are on one side only (— on the other).');
  });

  it('shows an engine error in its own words and the other engine\'s table alone', () => {
    const results: AdHocResults = { warehouse: failure("The warehouse query failed: Unknown column '_message' in 'field list'"), kafka: both.kafka };
    const out = sideBySideText({ results, sideBySide: alignResults(results), page: { size: 20, index: 0 }, width: 120, paint }).text;
    expect(out).toContain("warehouse ✗ The warehouse query failed: Unknown column '_message' in 'field list' (3 ms)");
    expect(out).toMatch(/│ storeid │ +total │/);
    expect(rowLine(out, 'ST-1102')).toMatch(/│ ST-1102 │ +20 │/);
    expect(out).not.toContain('Two tables');
  });

  it('draws two tables, each under its engine, when the columns differ', () => {
    const results: AdHocResults = { warehouse: answer([text('Field'), text('Type')], [['eventid', 'varchar(64)']]), kafka: answer([text('Column'), text('Type'), text('Extra')], [['eventid', 'varchar', '']]) };
    const out = sideBySideText({ results, sideBySide: alignResults(results), page: { size: 20, index: 0 }, width: 120, paint }).text;
    expect(out).toContain('Two tables: the engines answered with different columns.');
    expect(out).toMatch(/^warehouse\n.*\n│ Field +│ Type +│/m);
    expect(out).toMatch(/^kafka\n.*\n│ Column +│ Type +│ Extra │/m);
  });

  it('pages long answers: the page asked for, and which rows of how many', () => {
    const rows = Array.from({ length: 45 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i] as CellValue[]);
    const results: AdHocResults = { warehouse: answer(seedColumns, rows), kafka: answer(seedColumns, rows) };
    const second = sideBySideText({ results, sideBySide: alignResults(results), page: { size: 20, index: 1 }, width: 120, paint });
    expect(second.pages).toBe(3);
    expect(second.index).toBe(1);
    expect(second.text).toContain('rows 21–40 of 45 · page 2 of 3');
    expect(rowLine(second.text, 'k20')).not.toBe('');
    expect(rowLine(second.text, 'k19')).toBe('');
    expect(rowLine(second.text, 'k40')).toBe('');
    const past = sideBySideText({ results, sideBySide: alignResults(results), page: { size: 20, index: 99 }, width: 120, paint });
    expect(past.index).toBe(2);
    expect(past.text).toContain('rows 41–45 of 45 · page 3 of 3');
  });

  it('cuts wide answers at the terminal width, says how many columns it left out, and cuts long cells with …', () => {
    const columns = [text('id'), ...Array.from({ length: 8 }, (_, i) => num(`measure_${i}`))];
    const row: CellValue[] = ['x'.repeat(80), ...Array.from({ length: 8 }, (_, i) => i * 1000.25)];
    const results: AdHocResults = { warehouse: answer(columns, [row]), kafka: answer(columns, [row]) };
    const out = sideBySideText({ results, sideBySide: alignResults(results), page: { size: 20, index: 0 }, width: 100, paint }).text;
    for (const line of out.split('\n')) if (line.startsWith('│') || line.startsWith('┌')) expect(stringWidth(line)).toBeLessThanOrEqual(100);
    expect(out).toMatch(/→ \d+ more columns cut off at the terminal's width/);
    expect(out).toContain(`${'x'.repeat(39)}…`);
  });

  it('measures wide characters by their width on screen', () => {
    const results: AdHocResults = { warehouse: answer([text('名前'), num('n')], [['東京都', 1]]), kafka: answer([text('名前'), num('n')], [['東京都', 2]]) };
    const out = sideBySideText({ results, sideBySide: alignResults(results), page: { size: 20, index: 0 }, width: 120, paint }).text;
    const lines = out.split('\n').filter((l) => l.startsWith('│'));
    expect(new Set(lines.map((l) => stringWidth(l))).size).toBe(1);
  });

  it('says when only the first rows of a long answer were kept', () => {
    const results: AdHocResults = { kafka: answer(seedColumns, [['a', 1]], { rowCount: 25_000, truncated: true }) };
    const out = sideBySideText({ results, sideBySide: alignResults(results), page: { size: 20, index: 0 }, width: 120, paint }).text;
    expect(out).toContain('kafka     ✓ 25,000 rows, the first 1 kept in 12 ms');
  });
});

describe('query --json and --csv shapes', () => {
  const results: AdHocResults = {
    warehouse: { ...answer(seedColumns, [['ST-1100', 10]]), serverId: '42' },
    kafka: { ok: false, error: 'The SQL-on-Kafka query did not finish within 3 s; the server cancelled it (query q1).', stopped: 'timeout', queryMs: 3001, serverId: 'q1' },
  };

  it('JSON: every engine asked, with the same keys whether it answered or not', () => {
    const json = queryJson('SELECT 1', results, alignResults(results));
    expect(json).toEqual({
      sql: 'SELECT 1',
      engines: {
        warehouse: { ok: true, error: null, stopped: null, columns: [{ name: 'storeid', type: 'VARCHAR' }, { name: 'total', type: 'DECIMAL' }], rows: [['ST-1100', 10]], rowCount: 1, truncated: false, queryMs: 12, serverId: '42' },
        kafka: { ok: false, error: results.kafka!.ok ? null : results.kafka!.error, stopped: 'timeout', columns: [], rows: [], rowCount: null, truncated: false, queryMs: 3001, serverId: 'q1' },
      },
      aligned: null,
    });
  });

  it('JSON: aligned rows with key, both sides and deltas when both answered alike', () => {
    const alike: AdHocResults = { warehouse: answer(seedColumns, [['a', 1]]), kafka: answer(seedColumns, [['a', 3]]) };
    expect(queryJson('q', alike, alignResults(alike)).aligned).toEqual({ key: 'storeid', columns: ['storeid', 'total'], rows: [{ key: 'a', warehouse: [1], kafka: [3], delta: [2] }] });
  });

  it('CSV: an engine column when several engines were asked, rows only for those that answered', () => {
    expect(queryCsv(results)).toBe('engine,storeid,total\nwarehouse,ST-1100,10');
    expect(queryCsv({ warehouse: results.warehouse })).toBe('storeid,total\nST-1100,10');
  });

  it('CSV: the union of both engines\' columns, blanks where an engine lacks one', () => {
    const differ: AdHocResults = { warehouse: answer([text('a'), text('b')], [['1', '2']]), kafka: answer([text('a'), text('c')], [['3', '4']]) };
    expect(queryCsv(differ)).toBe('engine,a,b,c\nwarehouse,1,2,\nkafka,3,,4');
  });

  it('CSV: quotes fields with commas, quotes or line breaks, and NULL is empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(true)).toBe('true');
  });
});
