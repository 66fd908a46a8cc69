import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirTemplate, fillFromTemplate } from '../../../src/runtime/local/data-dir-template.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'slowdata-template-'));
  roots.push(root);
  return root;
}

/** What an initialisation writes: nested files, a private folder, and a file of its own server. */
async function initialise(target: string): Promise<void> {
  mkdirSync(join(target, 'mysql'), { recursive: true, mode: 0o700 });
  writeFileSync(join(target, 'ibdata1'), Buffer.alloc(4096, 7));
  writeFileSync(join(target, 'mysql', 'user.frm'), 'root@localhost');
  writeFileSync(join(target, 'auto.cnf'), '[auto]\nserver-uuid=1234\n');
}

describe('fillFromTemplate (a fresh data directory made once, then copied)', () => {
  it('runs the initialisation once, keeps its result without the left-out files, and copies it into every later directory', async () => {
    const root = scratch();
    const template = dataDirTemplate(join(root, 'cache'), 'db-mariadb', ['/usr/sbin/mariadbd@1', '--skip-test-db']);
    let runs = 0;
    const createIn = (target: string) => async () => {
      runs += 1;
      await initialise(target);
    };
    const options = { leaveOut: (name: string) => name === 'auto.cnf' };

    expect(await fillFromTemplate(template, join(root, 'env1', 'data'), createIn(join(root, 'env1', 'data')), options)).toBe(false);
    expect(runs).toBe(1);
    expect(readdirSync(join(root, 'env1', 'data')).sort()).toEqual(['auto.cnf', 'ibdata1', 'mysql']);
    expect(readdirSync(template.dir).sort()).toEqual(['ibdata1', 'mysql']);

    // The database's folder is already there, emptied; a copy cut short earlier left its remains beside it.
    const copy = join(root, 'env2', 'data');
    mkdirSync(copy, { recursive: true });
    mkdirSync(`${copy}.copying`);
    writeFileSync(join(`${copy}.copying`, 'ibdata1'), 'cut short');
    expect(await fillFromTemplate(template, copy, createIn(copy), options)).toBe(true);
    expect(runs).toBe(1);
    expect(existsSync(`${copy}.copying`)).toBe(false);
    expect(readdirSync(copy).sort()).toEqual(['ibdata1', 'mysql']);
    expect(readFileSync(join(copy, 'ibdata1'))).toEqual(Buffer.alloc(4096, 7));
    expect(readFileSync(join(copy, 'mysql', 'user.frm'), 'utf8')).toBe('root@localhost');
    expect(statSync(join(copy, 'mysql')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, 'cache', 'templates')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('names a template after everything it depends on', () => {
    const names = [
      dataDirTemplate('/cache', 'db-mariadb', ['/usr/sbin/mariadbd@1']),
      dataDirTemplate('/cache', 'db-mariadb', ['/usr/sbin/mariadbd@2']),
      dataDirTemplate('/cache', 'db-mysql', ['/usr/sbin/mariadbd@1']),
      dataDirTemplate('/cache', 'db-mariadb', ['/usr/sbin/mariadbd@1', '--user=root']),
    ].map((template) => template.dir);
    expect(new Set(names).size).toBe(names.length);
    expect(dataDirTemplate('/cache', 'db-mariadb', ['/usr/sbin/mariadbd@1']).dir).toBe(names[0]);
  });

  it('still initialises, and fails nothing, when the cache cannot hold a template', async () => {
    const root = scratch();
    const cache = join(root, 'cache');
    mkdirSync(cache);
    writeFileSync(join(cache, 'templates'), 'a file where the folder would go');
    const template = dataDirTemplate(cache, 'kafka-format', ['4.3.1']);
    const target = join(root, 'env', 'logs');
    expect(await fillFromTemplate(template, target, () => initialise(target))).toBe(false);
    expect(readdirSync(target).sort()).toEqual(['auto.cnf', 'ibdata1', 'mysql']);
    expect(existsSync(template.dir)).toBe(false);
  });

  it('initialises afresh when the template cannot be copied', async () => {
    const root = scratch();
    const template = dataDirTemplate(join(root, 'cache'), 'kafka-format', ['4.3.1']);
    mkdirSync(template.dir, { recursive: true });
    writeFileSync(join(template.dir, 'meta.properties'), 'node.id=1\n');
    // Node's copy refuses a named pipe, as it would fail on a full disk.
    execFileSync('mkfifo', [join(template.dir, 'a-pipe')]);
    const target = join(root, 'env', 'logs');
    expect(await fillFromTemplate(template, target, () => initialise(target))).toBe(false);
    expect(readdirSync(target).sort()).toEqual(['auto.cnf', 'ibdata1', 'mysql']);
  });

  it('passes the initialisation\'s own error on, and keeps no template of a failed one', async () => {
    const root = scratch();
    const template = dataDirTemplate(join(root, 'cache'), 'kafka-format', ['4.3.1']);
    const target = join(root, 'env', 'logs');
    const failing = async () => {
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, 'half-written'), '');
      throw new Error('Could not format the Kafka data directory.');
    };
    await expect(fillFromTemplate(template, target, failing)).rejects.toThrow('Could not format the Kafka data directory.');
    expect(existsSync(template.dir)).toBe(false);
  });
});
