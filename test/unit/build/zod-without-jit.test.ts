import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/common/paths.js';
import { zodWithoutJit } from '../../../src/build/zod-without-jit.js';

const dir = mkdtempSync(join(tmpdir(), 'slowdata-zod-jit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Counts the functions compiled from strings while the bundle runs; loaded before it.
const SPY = `
const Original = globalThis.Function;
let compiled = 0;
globalThis.Function = new Proxy(Original, {
  construct: (target, args) => { compiled++; return Reflect.construct(target, args); },
  apply: (target, self, args) => { compiled++; return Reflect.apply(target, self, args); },
});
process.on('exit', () => process.stderr.write(String(compiled)));
`;

const ENTRY = `
import { z } from 'zod';
const record = z.object({ storeId: z.string(), amount: z.number(), items: z.array(z.object({ code: z.string() })) });
const results = [
  { storeId: 's1', amount: 12.5, items: [{ code: 'a' }] },
  { storeId: 's1', amount: 'twelve', items: [] },
  { storeId: 's2', amount: 3, items: [{ code: 7 }], extra: true },
].map((input) => { const parsed = record.safeParse(input); return parsed.success ? parsed.data : parsed.error.issues; });
console.log(JSON.stringify(results));
`;

async function run(name: string, plugins: Plugin[]): Promise<{ output: unknown; compiled: number }> {
  const entry = join(dir, 'entry.mjs');
  const spy = join(dir, 'spy.mjs');
  writeFileSync(entry, ENTRY);
  writeFileSync(spy, SPY);
  const outfile = join(dir, `${name}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', nodePaths: [join(packageRoot, 'node_modules')], logLevel: 'silent', plugins });
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(spy).href, outfile], { encoding: 'utf8' });
  return { output: JSON.parse(result.stdout), compiled: Number(result.stderr) };
}

describe("the CLI bundle's zod", () => {
  it('compiles no parser from strings, and parses exactly as with its JIT', async () => {
    const jit = await run('jit', []);
    const without = await run('without', [zodWithoutJit]);
    expect(jit.compiled).toBeGreaterThan(0);
    expect(without.compiled).toBe(0);
    expect(without.output).toEqual(jit.output);
  });
});
