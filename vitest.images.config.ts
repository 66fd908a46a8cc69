import { defineConfig } from 'vitest/config';

// `npm run test:images` only: the Docker runtime with the official images, on a machine whose
// Docker engine reaches Docker Hub. Never part of `npm test` (vitest.config.ts leaves test/images out).
export default defineConfig({
  test: {
    include: ['test/images/**/*.test.ts'],
    testTimeout: 10 * 60_000,
    hookTimeout: 40 * 60_000,
    fileParallelism: false,
  },
});
