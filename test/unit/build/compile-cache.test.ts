import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/common/paths.js';

const cli = join(packageRoot, 'dist', 'cli.js');
const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };

describe('the command line stub (dist/cli.js)', () => {
  it("turns on Node's compile cache where Node has one, and still runs where it has none", () => {
    // Node 22.1+ has module.enableCompileCache; here a preload stands in for it and says when it is called.
    const preload = 'data:text/javascript,import m from "node:module"; m.enableCompileCache = () => process.stderr.write("compile cache on\\n");';
    const withCache = spawnSync(process.execPath, ['--import', preload, cli, '--version'], { encoding: 'utf8' });
    expect(withCache.status).toBe(0);
    expect(withCache.stderr).toBe('compile cache on\n');
    expect(withCache.stdout.trim()).toBe(version);
    const absent = 'data:text/javascript,import m from "node:module"; delete m.enableCompileCache;';
    const without = execFileSync(process.execPath, ['--import', absent, cli, '--version'], { encoding: 'utf8' });
    expect(without.trim()).toBe(version);
  });
});
