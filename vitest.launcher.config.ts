import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The launcher suite (test/launcher): real `npm start` processes against the built
 * app, so it runs after `next build` (scripts/test.ts). One file at a time: the
 * stores it starts share the machine's two cores.
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/launcher/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
