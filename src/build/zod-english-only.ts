import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * zod's classic API re-exports every one of its locales, half of what it brings into the bundle
 * (370 of 755 kB), compiled by every command that validates anything. The tour's own messages are
 * English, and nothing reads z.locales: its index keeps English only.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
