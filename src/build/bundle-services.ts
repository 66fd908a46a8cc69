// Bundles the programs the environment runs (generator, pipeline) into single files under
// dist/bundles/ that need nothing but Node: no node_modules, no package folder. The Docker
// runtime mounts only these files into its node containers; the local runtime runs them too.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { ESM_REQUIRE_BANNER } from './bundle-shape.js';

// Compiled to dist/build/: the package root is two folders up.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// A dependency that reads a file beside itself at load time (@platformatic/wasm-utils reads
// its native.wasm) would look for it beside the bundle: such files are inlined instead.
const ASSET_READ = /readFileSync\(\s*new URL\(\s*(["'])([^"']+)\1\s*,\s*import\.meta\.url\s*\)\s*\)/g;
const inlineAssets: Plugin = {
  name: 'inline-assets-read-beside-modules',
  setup(builder) {
    builder.onLoad({ filter: /node_modules[\\/].*\.m?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!ASSET_READ.test(source)) return undefined;
      const contents = source.replace(ASSET_READ, (_whole: string, _quote: string, relative: string) => {
        const asset = fileURLToPath(new URL(relative, pathToFileURL(args.path)));
        return `Buffer.from(${JSON.stringify(readFileSync(asset).toString('base64'))}, 'base64')`;
      });
      return { contents, loader: 'js' };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { generator: 'src/services/generator.ts', pipeline: 'src/services/pipeline.ts' },
  outdir: 'dist/bundles',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner: { js: ESM_REQUIRE_BANNER },
  // The warehouse schema travels inside the pipeline's bundle: no environment/ folder beside it.
  define: { __SLOWDATA_WAREHOUSE_SCHEMA__: JSON.stringify(readFileSync(join(root, 'environment', 'db', 'schema.sql'), 'utf8')) },
  legalComments: 'eof',
  plugins: [inlineAssets],
  logLevel: 'warning',
});

// Anything still resolved against the bundle's own location would break in an empty folder.
for (const name of ['generator', 'pipeline']) {
  const text = readFileSync(join(root, 'dist', 'bundles', `${name}.mjs`), 'utf8');
  const leftover = /new URL\([^)]*import\.meta\.url\)/.exec(text);
  if (leftover && !/createRequire/.test(leftover[0])) {
    throw new Error(`dist/bundles/${name}.mjs still reads a file beside itself: ${leftover[0]}`);
  }
}
