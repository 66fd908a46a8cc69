import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystemUserError } from '../../../src/common/fs-errors.js';
import { StateLock } from '../../../src/runtime/state-lock.js';
import { StateStore } from '../../../src/runtime/state.js';
import { PREFERRED_PORTS } from '../../../src/runtime/local/services.js';

const state = { runtime: 'local' as const, createdAt: 1, dbPassword: 'abcdefgh12', ports: { ...PREFERRED_PORTS }, options: { rate: 2, intervalSeconds: 60 }, services: {} };

function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A real read-only file system: a tmpfs remounted read-only (tests run as root here, where chmod
 * does not stop writes). Skipped where mounting is not allowed.
 */
const mountPoint = mkdtempSync(join(tmpdir(), 'slowdata-ro-'));
const mounted = tryRun('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
let readOnly = false;
if (mounted) {
  new StateStore(join(mountPoint, 'home')).write(state);
  readOnly = tryRun('mount', ['-o', 'remount,ro', mountPoint]);
}

afterAll(() => {
  if (mounted) tryRun('umount', [mountPoint]);
  rmdirSync(mountPoint);
});

describe('a state home on a read-only file system', () => {
  it.skipIf(!readOnly)('reads, but every change is one sentence naming the path and the cause', async () => {
    const home = join(mountPoint, 'home');
    const store = new StateStore(home);
    expect(store.read()).toEqual(state);
    expect(() => store.checkWritable(state)).toThrow(
      new RegExp(`^Cannot change the environment's state directory: ${home}/state\\.json[^:]*: the file system is read-only \\(EROFS\\)\\. Nothing was started or stopped\\.$`),
    );
    expect(() => store.dir('logs')).toThrow(/: the file system is read-only \(EROFS\)\.$/);
    expect(() => store.dir('data', 'db')).toThrow(new RegExp(`${home}/data: the file system is read-only \\(EROFS\\)\\.$`));
    await expect(new StateLock(home).acquire('up')).rejects.toThrow(new RegExp(`^Cannot change the environment's state directory: ${home}/lock\\.[^:]*: the file system is read-only \\(EROFS\\)\\. Nothing was started or stopped\\.$`));
    expect(() => store.clear()).toThrow(/read-only \(EROFS\)/);
  });
});

describe('fileSystemUserError', () => {
  it('explains the errors of a state home in words, and leaves other errors alone', () => {
    const home = mkdtempSync(join(tmpdir(), 'slowdata-fs-'));
    let error: unknown;
    try {
      mkdirSync(join(home, 'a', 'b'));
    } catch (e) {
      error = e;
    }
    // ENOENT is not a state-home problem we explain: it stays as it was.
    expect(fileSystemUserError(error)).toBeUndefined();
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/x/state.json' });
    expect(fileSystemUserError(denied)?.message).toBe("Cannot change the environment's state directory: /x/state.json: permission denied (EACCES).");
    expect(fileSystemUserError(new Error('other'))).toBeUndefined();
  });
});
