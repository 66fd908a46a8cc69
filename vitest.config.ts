import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // test/images needs a Docker engine that reaches Docker Hub: `npm run test:images` runs it.
    exclude: ['test/images/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // The e2e suites share one machine's ports and CPU: run files one at a time.
    fileParallelism: false,
  },
});
