/** How the bundles are shaped: shared by the builds (bundle-cli.ts, bundle-services.ts) and the tests that bundle as they do. */

/** Some bundled dependencies (mysql2) are CommonJS and call require() for Node's own modules. */
export const ESM_REQUIRE_BANNER = "import { createRequire as __slowdataRequire } from 'node:module'; const require = __slowdataRequire(import.meta.url);";

/** Data files a plugin leaves beside the bundle, read on first use. */
export const DATA_FILE_NAMES = 'data/[name]-[hash]';
