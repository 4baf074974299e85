/** A request's cookies, read from its Cookie header (route handlers; no Next request scope needed). */
export function requestCookies(request: Request): { cookie: (name: string) => string | undefined } {
  const jar = new Map<string, string>();
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    if (eq > 0 && !jar.has(name)) jar.set(name, decode(pair.slice(eq + 1).trim()));
  }
  return { cookie: (name) => jar.get(name) };
}

// Next writes cookie values URI-encoded; a malformed one is kept as sent (its signature then fails).
function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
