import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePassword, StateStore } from '../../src/runtime/state.js';

describe('StateStore', () => {
  it('round-trips the state and removes it all on clear', () => {
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'slowdata-state-')));
    expect(store.read()).toBeUndefined();
    const state = { runtime: 'local' as const, createdAt: 1, dbPassword: 'abcdefgh12', ports: { db: 3307 }, options: { rate: 2, intervalSeconds: 60 }, services: {} };
    store.write(state);
    expect(store.read()).toEqual(state);
    store.clear();
    expect(store.read()).toBeUndefined();
  });

  it('says which file is broken and what to do, instead of crashing', () => {
    const home = mkdtempSync(join(tmpdir(), 'slowdata-state-'));
    writeFileSync(join(home, 'state.json'), '{ not json');
    expect(() => new StateStore(home).read()).toThrowError(/state file .*state\.json cannot be read: it is not valid JSON/);
  });
});

describe('generatePassword', () => {
  it('generates a fresh secret, or takes the configured one', () => {
    expect(generatePassword({})).not.toBe(generatePassword({}));
    expect(generatePassword({}).length).toBeGreaterThanOrEqual(20);
    expect(generatePassword({ SLOWDATA_DB_PASSWORD: 'configured-secret' })).toBe('configured-secret');
    expect(() => generatePassword({ SLOWDATA_DB_PASSWORD: 'short' })).toThrowError(/at least 8/);
  });
});
