/**
 * Server actions answer field errors as fragments ("must be at least 8
 * characters") or as whole sentences ("WELCOME1 is not a valid code"). These
 * turn either into a sentence a person can read on its own.
 */
export function sentence(message: string): string {
  const trimmed = message.trim();
  return trimmed ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : trimmed;
}

/** "Email must be a valid email address", or the message itself when it already is a sentence. */
export function fieldErrorText(label: string, message: string): string {
  return /^[a-z]/.test(message.trim()) ? `${label} ${message.trim()}` : message.trim();
}
