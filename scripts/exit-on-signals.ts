/**
 * Ctrl-C or a kill before a script has its own shutdown: exit at once. Exiting runs
 * the exit handlers, which stop an embedded database this process started (it runs
 * in its own process group, so the terminal's Ctrl-C does not reach it) and release
 * the data folder's lock; the database rolls back whatever was unfinished.
 */
export function exitOnSignals(): void {
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
}
