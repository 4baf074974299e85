/**
 * Runs once when the Next.js server starts: starts the job runner inside the
 * web process, unless STOCKWISE_WORKER=off (when `npm run worker` runs it apart).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // The launcher stamps client addresses before Next starts; started any other way (`next start` by
  // hand, `next dev`'s worker), they are stamped from here on. A bad STOCKWISE_TRUSTED_PROXIES stops the start.
  const { installPeerAddressStamp } = await import('./lib/security/peer-address-stamp.mjs');
  installPeerAddressStamp();
  const { trustedProxies } = await import('./lib/security/client-address');
  trustedProxies();
  if (!process.env.DATABASE_URL) return;
  if (process.env.MEILISEARCH_HOST) {
    // Index settings are applied at start-up; a failure is reported, and search answers with what the index has.
    const { searchEngine } = await import('./lib/search/engine');
    await searchEngine().prepare().catch((error: unknown) => console.error('[search] could not apply Meilisearch settings', error));
  }
  if (process.env.STOCKWISE_WORKER === 'off') return;
  const { startWorker } = await import('./worker');
  await startWorker({ connectionString: process.env.DATABASE_URL });
}
