// Bundles the command line into dist/app/: one file per lazily imported command (esbuild's code
// splitting keeps every dynamic import() lazy), with zod, mysql2, yaml and the small packages
// inside. Node then reads a handful of files instead of resolving and compiling some hundreds,
// which is most of what `status` and `--list` spent (0.43 -> 0.34 s and 0.21 -> 0.14 s measured).
// dist/cli.js, the package's bin, becomes a stub that imports the bundle.
//
// The packages left outside load only in the commands that use them (the tour's Ink screen, the
// engines' clients, Docker) and bring native add-ons, WebAssembly or their own workers.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DATA_FILE_NAMES, ESM_REQUIRE_BANNER } from './bundle-shape.js';
import { mysql2Lean } from './mysql2-lean.js';
import { zodEnglishOnly } from './zod-english-only.js';
import { zodWithoutJit } from './zod-without-jit.js';

// Compiled to dist/build/: the package root is two folders up.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const LEFT_OUTSIDE = ['ink', 'react', 'react/jsx-runtime', '@inkjs/ui', 'dockerode', 'trino-client', '@platformatic/kafka', 'undici'];

// Chunk names change with their content: an earlier build's chunks would otherwise stay, and be packed.
rmSync(join(root, 'dist', 'app'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.tsx' },
  // Two folders below the root, like every module under dist/: src/common/paths.ts finds the package from there.
  outdir: 'dist/app',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  jsx: 'automatic',
  external: LEFT_OUTSIDE,
  banner: { js: ESM_REQUIRE_BANNER },
  legalComments: 'eof',
  logLevel: 'warning',
  assetNames: DATA_FILE_NAMES,
  plugins: [zodEnglishOnly, zodWithoutJit, mysql2Lean],
});

// On Node 22.1+, Node keeps the compiled code of the bundle and of the packages it loads in its own
// cache folder (NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE turns it off); on Node 20
// the call is absent and nothing changes. It must run before the bundle is imported.
writeFileSync(
  join(root, 'dist', 'cli.js'),
  [
    '#!/usr/bin/env node',
    '// The command line, bundled by src/build/bundle-cli.ts.',
    "import module from 'node:module';",
    'module.enableCompileCache?.();',
    "await import('./app/cli.js');",
    '',
  ].join('\n'),
);
