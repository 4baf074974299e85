/**
 * A start-up failure the person at the terminal can fix: one sentence saying what
 * went wrong and what to do. The launcher prints the message alone (no stack) and
 * exits non-zero.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** The text of an error and of its causes (drizzle wraps the database's own error in `cause`). */
export function errorChain(error: unknown): string[] {
  const messages: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (message && !messages.includes(message)) messages.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages;
}
