import { defineConfig, devices } from '@playwright/test';

/**
 * e2e against the built app under `next start`, on a fresh embedded PostgreSQL
 * seeded with the demo shop. Chromium is Debian's (/usr/bin/chromium): nothing
 * is downloaded.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'artifacts/e2e/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['html', { outputFolder: 'artifacts/e2e/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions: chromium } },
  ],
  webServer: {
    command: 'node --import tsx scripts/stockwise.ts start',
    url: `http://127.0.0.1:${port}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'pipe',
    env: {
      PORT: String(port),
      DATABASE_URL: '', // always the embedded default, fresh for each run (scripts/test.ts clears it)
      STOCKWISE_DEMO: '1',
      STOCKWISE_DATA_DIR: process.env.E2E_DATA_DIR ?? '.data/e2e-postgres',
      STOCKWISE_PG_PORT: process.env.E2E_PG_PORT ?? '54391',
      STOCKWISE_SKIP_BUILD: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      // e2e/security-sign-in.spec.ts: X-Forwarded-For counts only from this address (no other spec connects from it).
      STOCKWISE_TRUSTED_PROXIES: '127.0.0.9',
      // Many specs sign up from 127.0.0.1; the sign-up limit per address is tested in test/security.
      STOCKWISE_RATE_LIMITS: 'signup=1000/3600',
    },
  },
});
