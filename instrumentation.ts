/**
 * Runs once when the Next.js server starts: starts the job runner inside the
 * web process, unless STOCKWISE_WORKER=off (when `npm run worker` runs it apart).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.STOCKWISE_WORKER === 'off' || !process.env.DATABASE_URL) return;
  const { startWorker } = await import('./worker');
  await startWorker({ connectionString: process.env.DATABASE_URL });
}
