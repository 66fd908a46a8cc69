import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/**
 * A command of the tour runs for a fraction of a second and parses each schema a handful of times:
 * compiling a fast parser for every object schema with `new Function` (zod's JIT) costs it more
 * than it saves. zod reads the setting as each object schema is made, so it is set where zod's
 * configuration is defined, before any schema exists.
 */
export const zodWithoutJit: Plugin = {
  name: 'zod-without-jit',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/ }, (args) => ({
      contents: `${readFileSync(args.path, 'utf8')}\nconfig({ jitless: true });\n`,
      loader: 'js',
    }));
  },
};
