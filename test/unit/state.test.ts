import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePassword, StateStore } from '../../src/runtime/state.js';
import { PREFERRED_PORTS } from '../../src/runtime/local/services.js';

describe('StateStore', () => {
  it('round-trips the state and removes it all on clear', () => {
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'slowdata-state-')));
    expect(store.read()).toBeUndefined();
    const state = { runtime: 'local' as const, createdAt: 1, dbPassword: 'abcdefgh12', ports: { ...PREFERRED_PORTS }, options: { rate: 2, intervalSeconds: 60 }, services: {} };
    store.write(state);
    expect(store.read()).toEqual(state);
    store.clear();
    expect(store.read()).toBeUndefined();
  });

  it('reads each runtime\'s ports in its own shape, and says which port a local state lacks', () => {
    const home = mkdtempSync(join(tmpdir(), 'slowdata-state-'));
    const store = new StateStore(home);
    const docker = { runtime: 'docker' as const, createdAt: 1, dbPassword: 'abcdefgh12', ports: { db: 3306, kafka: 9092, trino: 8080, superset: 8088 }, options: { rate: 2, intervalSeconds: 60 }, services: {} };
    store.write(docker);
    expect(store.read()).toEqual(docker);

    const { trino: _dropped, ...withoutTrino } = PREFERRED_PORTS;
    writeFileSync(join(home, 'state.json'), JSON.stringify({ ...docker, runtime: 'local', ports: withoutTrino }));
    expect(() => store.read()).toThrowError(/state file .*state\.json cannot be read: .*ports\.trino/);
    writeFileSync(join(home, 'state.json'), JSON.stringify({ ...docker, runtime: 'elsewhere' }));
    expect(() => store.read()).toThrowError(/state file .*state\.json cannot be read: .*runtime/);
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
