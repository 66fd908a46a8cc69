import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/common/paths.js';
import { DATA_FILE_NAMES, ESM_REQUIRE_BANNER } from '../../../src/build/bundle-shape.js';
import { mysql2Lean } from '../../../src/build/mysql2-lean.js';

const dir = mkdtempSync(join(tmpdir(), 'slowdata-mysql2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What the warehouse's client does with a double-byte charset (GBK's 中文, Shift_JIS's 日本), with an
// error packet from the server (1146, no such table) and with an SSL profile's name, printed as JSON.
// mysql2's exports hide its parsers: they are imported by path.
const mysql2 = join(packageRoot, 'node_modules', 'mysql2', 'lib');
const ENTRY = `
import strings from ${JSON.stringify(join(mysql2, 'parsers', 'string.js'))};
import ConnectionConfig from ${JSON.stringify(join(mysql2, 'connection_config.js'))};
import Packet from ${JSON.stringify(join(mysql2, 'packets', 'packet.js'))};
import errors from ${JSON.stringify(join(mysql2, 'constants', 'errors.js'))};
const errorPacket = Buffer.concat([Buffer.from([0, 0, 0, 0, 0xff, 0x7a, 0x04]), Buffer.from("#42S02Table 't' doesn't exist")]);
const error = new Packet(0, errorPacket, 0, errorPacket.length).asError('utf8');
let profile;
try { ConnectionConfig.getSSLProfile('Amazon RDS'); profile = 'loaded'; } catch (error) { profile = error.message; }
console.log(JSON.stringify({
  gbk: strings.decode(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), 'gbk'),
  sjis: strings.decode(Buffer.from([0x93, 0xfa, 0x96, 0x7b]), 'shiftjis'),
  cesu8: strings.decode(Buffer.from('abc'), 'cesu8'),
  encoded: [...strings.encode('中文', 'gbk')],
  error: { code: error.code, errno: error.errno, sqlState: error.sqlState, message: error.message },
  byName: errors.ER_NO_SUCH_TABLE,
  names: Object.keys(errors).length,
  has: 'ER_ACCESS_DENIED_ERROR' in errors,
  profile,
}));
`;

async function bundle(name: string, plugins: Plugin[]): Promise<{ size: number; files: string[]; output: Record<string, unknown> }> {
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, ENTRY);
  const outdir = join(dir, name);
  // As src/build/bundle-cli.ts bundles: ESM, with a require() for the CommonJS inside.
  const result = await build({
    entryPoints: { main: entry },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    nodePaths: [join(packageRoot, 'node_modules')],
    banner: { js: ESM_REQUIRE_BANNER },
    assetNames: DATA_FILE_NAMES,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  const size = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  const output = JSON.parse(execFileSync(process.execPath, [join(outdir, 'main.js')], { encoding: 'utf8', cwd: tmpdir() })) as Record<string, unknown>;
  return { size, files: readdirSync(outdir), output };
}

describe("the CLI bundle's mysql2", () => {
  it('reads the double-byte tables from files beside the bundle, in half the code', async () => {
    const whole = await bundle('whole', []);
    const lean = await bundle('lean', [mysql2Lean]);
    expect(whole.output.gbk).toBe('中文');
    expect(lean.output.gbk).toBe('中文');
    expect(lean.output.sjis).toBe('日本');
    expect(lean.output.cesu8).toBe('abc');
    expect(lean.output.encoded).toEqual(whole.output.encoded);
    expect(lean.files).toContain('data');
    expect(lean.size).toBeLessThan(whole.size * 0.5);
  });

  it("names the server's errors from the table beside the bundle, by number and by name", async () => {
    const whole = await bundle('errors-whole', []);
    const lean = await bundle('errors-lean', [mysql2Lean]);
    expect(lean.output.error).toEqual({ code: 'ER_NO_SUCH_TABLE', errno: 1146, sqlState: '42S02', message: "Table 't' doesn't exist" });
    expect(lean.output.byName).toBe(1146);
    expect(lean.output.has).toBe(true);
    expect(lean.output.names).toBe(whole.output.names);
    expect(lean.output.error).toEqual(whole.output.error);
  });

  it('says plainly that SSL profiles by name are left out', async () => {
    const lean = await bundle('profile', [mysql2Lean]);
    expect(lean.output.profile).toMatch(/SSL profiles by name are not part of slowdata-tour/);
  });
});
