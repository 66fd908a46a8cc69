import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli-options.js';
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

describe('parseCommandLine', () => {
  it('runs the tour with defaults when given nothing', () => {
    const parsed = parseCommandLine([], {});
    expect(parsed).toMatchObject({ kind: 'run', options: { command: 'tour', rate: 2, intervalSeconds: 60, color: true, json: false } });
  });

  it('reads a subcommand with its services and flags', () => {
    const parsed = parseCommandLine(['stop', 'db', 'connect', 'pipeline', '--runtime', 'local'], {});
    expect(parsed).toMatchObject({ kind: 'run', options: { command: 'stop', services: ['db', 'connect', 'pipeline'], runtime: 'local' } });
    expect(parseCommandLine(['up', '--rate', '5', '--interval', '10'], {})).toMatchObject({ options: { rate: 5, intervalSeconds: 10 } });
  });

  it('answers --help and --version', () => {
    expect(parseCommandLine(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-v'], {})).toEqual({ kind: 'version' });
  });

  it('turns colour off for --no-color, NO_COLOR and TERM=dumb', () => {
    expect(parseCommandLine(['--no-color'], {})).toMatchObject({ options: { color: false } });
    expect(parseCommandLine([], { NO_COLOR: '1' })).toMatchObject({ options: { color: false } });
    expect(parseCommandLine([], { TERM: 'dumb' })).toMatchObject({ options: { color: false } });
  });

  it('refuses bad input with one clear message each', () => {
    expect(failure(['--bogus']).message).toMatch(/Unknown option '--bogus'/);
    expect(failure(['launch']).message).toBe('Unknown command "launch".');
    expect(failure(['stop', 'warehouse']).message).toBe('Unknown service "warehouse".');
    expect(failure(['stop']).message).toMatch(/needs at least one service/);
    expect(failure(['--step', 'four']).message).toBe('--step must be a step number');
    expect(failure(['--step', '0']).message).toBe('--step must be 1 or more');
    expect(failure(['up', '--rate', '0']).message).toBe('--rate must be greater than 0');
    expect(failure(['up', '--rate', '-1']).message).toBe("Option '--rate' argument is ambiguous.");
    expect(failure(['up', '--interval']).message).toMatch(/--interval/);
    expect(failure(['--runtime', 'podman']).message).toMatch(/local|docker/);
    expect(failure(['--step', '2', '--from', '3']).message).toMatch(/cannot be used together/);
    expect(failure(['status', 'extra']).tryThis).toBe('slowdata-tour --help');
  });
});

describe('--produce and what the tour may stop on your own platform', () => {
  it('--produce goes only with up or the tour on a platform; stop generator and down are the only changes allowed there', () => {
    expect(failure(['up', '--produce']).message).toMatch(/^--produce goes with "up --platform FILE"/);
    expect(failure(['compare', '--platform', 'p.yaml', '--produce']).message).toMatch(/^--produce goes with/);
    const run = parseCommandLine(['up', '--platform', 'p.yaml', '--produce'], {});
    expect(run.kind === 'run' && run.options.produce).toBe(true);
    expect(parseCommandLine(['stop', 'generator', '--platform', 'p.yaml'], {}).kind).toBe('run');
    expect(parseCommandLine(['down', '--platform', 'p.yaml'], {}).kind).toBe('run');
    expect(failure(['stop', 'db', '--platform', 'p.yaml']).message).toMatch(/never changes your platform/);
    expect(failure(['stop', 'generator', 'db', '--platform', 'p.yaml']).message).toMatch(/never changes your platform/);
  });
});
