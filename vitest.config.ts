import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['**/*.test.ts'],
    // test/launcher runs after the build (scripts/test.ts, vitest.launcher.config.ts).
    exclude: ['e2e/**', 'node_modules/**', '.next/**', '.data/**', 'bench/**', 'test/launcher/**'],
    globalSetup: ['test/global-setup.ts'],
    // Each test file gets its own database, cloned from a migrated and seeded template.
    setupFiles: ['test/setup-database.ts'],
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ['next-auth'] } },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
