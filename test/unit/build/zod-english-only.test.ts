import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/common/paths.js';
import { zodEnglishOnly } from '../../../src/build/zod-english-only.js';

const dir = mkdtempSync(join(tmpdir(), 'slowdata-zod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(plugins: typeof zodEnglishOnly[]): Promise<{ size: number; output: string }> {
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, "import { z } from 'zod';\nconst failed = z.object({ rate: z.number() }).safeParse({ rate: 'fast' });\nconsole.log(Object.keys(z.locales).join(','), '|', failed.success ? 'passed' : failed.error.issues[0]?.message);\n");
  const outfile = join(dir, `out-${plugins.length}.mjs`);
  // nodePaths: the entry sits outside the package, zod is the package's own.
  const result = await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', nodePaths: [join(packageRoot, 'node_modules')], write: true, metafile: true, logLevel: 'silent', plugins });
  const size = Object.values(result.metafile.outputs)[0]?.bytes ?? 0;
  return { size, output: execFileSync(process.execPath, [outfile], { encoding: 'utf8' }).trim() };
}

describe("the CLI bundle's zod", () => {
  it('keeps English only: the same validation and message, in half the code', async () => {
    const whole = await bundle([]);
    const english = await bundle([zodEnglishOnly]);
    expect(whole.output.split(' | ')[0]!.split(',').length).toBeGreaterThan(10);
    expect(english.output).toBe('en | Invalid input: expected number, received string');
    expect(whole.output.split(' | ')[1]).toBe(english.output.split(' | ')[1]);
    expect(english.size).toBeLessThan(whole.size * 0.7);
  });
});
