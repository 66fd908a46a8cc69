import { describe, expect, it } from 'vitest';
import { HELP, parseCommandLine } from '../../src/cli-options.js';
import { UserError } from '../../src/common/errors.js';

function failure(argv: string[]): UserError {
  try {
    parseCommandLine(argv, {});
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('query on the command line', () => {
  it('takes the SQL, both engines, text output and a 30 s timeout by default', () => {
    expect(parseCommandLine(['query', 'SELECT 1'], {})).toMatchObject({
      kind: 'run',
      options: { command: 'query', sql: 'SELECT 1', queryEngine: 'both', json: false, csv: false, timeout: 30, services: [], engine: 'trino' },
    });
  });

  it('joins unquoted words into one statement', () => {
    expect(parseCommandLine(['query', 'SELECT', 'count(*)', 'FROM', 'transactions'], {})).toMatchObject({ options: { sql: 'SELECT count(*) FROM transactions' } });
  });

  it('reads --engine warehouse|kafka|both, --csv, --json and --timeout', () => {
    expect(parseCommandLine(['query', 'SELECT 1', '--engine', 'kafka', '--csv', '--timeout', '2.5'], {})).toMatchObject({ options: { queryEngine: 'kafka', csv: true, timeout: 2.5, engine: 'trino' } });
    expect(parseCommandLine(['query', 'SELECT 1', '--engine', 'warehouse', '--json'], {})).toMatchObject({ options: { queryEngine: 'warehouse', json: true } });
  });

  it('says what is wrong, one line each, with something to try', () => {
    expect(failure(['query']).message).toBe('"query" needs the SQL to run.');
    expect(failure(['query', '  ']).tryThis).toMatch(/^slowdata-tour query "SELECT/);
    expect(failure(['query', 'SELECT 1', '--engine', 'trino']).message).toBe('with query, --engine must be warehouse, kafka, both');
    expect(failure(['query', 'SELECT 1', '--timeout', '0']).message).toBe('--timeout must be greater than 0');
    expect(failure(['query', 'SELECT 1', '--timeout', 'soon']).message).toBe('--timeout must be a number');
    expect(failure(['query', 'SELECT 1', '--json', '--csv']).message).toBe('--json and --csv cannot be used together.');
  });

  it('leaves --engine of up alone, and the other commands still refuse stray words', () => {
    expect(parseCommandLine(['up', '--engine', 'streambased'], {})).toMatchObject({ options: { engine: 'streambased', queryEngine: 'both' } });
    expect(failure(['status', 'SELECT']).message).toMatch(/takes no arguments/);
  });

  it('is in --help', () => {
    expect(HELP).toContain('slowdata-tour query "SQL"');
    expect(HELP).toContain('--timeout S');
    expect(HELP).toContain('--csv');
  });
});
