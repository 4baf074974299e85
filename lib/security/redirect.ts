/**
 * The one rule for where the shop sends a browser it was told to send
 * somewhere (`callbackUrl` after signing in or up, Auth.js's own redirects):
 * a path on the shop itself, or the caller's fallback. Browsers forgive a lot
 * — they drop tabs and newlines, read `\` as `/`, take `//host` as another
 * site — so anything a browser could rewrite is refused rather than repaired.
 */

const MAX_INPUT = 500;
const MAX_OUTPUT = 2048;
/** Never in a link the shop makes: control and invisible format characters, lone surrogates, any space (U+3000 too), backslash. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Z}\s\\]/u;
const PROBE_ORIGIN = 'http://stockwise.invalid';

/** The text fully percent-decoded (a link encoded 4 times over is not one of ours), or null when it does not decode. */
function fullyDecoded(text: string): string | null {
  let current = text;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/** One slash, then no second one right after, and nothing a browser would drop or reinterpret. */
function isPlainPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !FORBIDDEN.test(path);
}

/**
 * `value` as a same-origin path (`/orders/1?x=1#y`), normalised as a browser
 * would (dot segments resolved, non-ASCII percent-encoded), or `fallback`.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > MAX_INPUT || !isPlainPath(value)) return fallback;
  // The path is where an encoded `//` or `\` could become an address once something decodes it again.
  const path = fullyDecoded(value.split(/[?#]/, 1)[0]!);
  if (path === null || !isPlainPath(path) || path.includes('//')) return fallback;
  const url = new URL(value, PROBE_ORIGIN);
  const result = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === PROBE_ORIGIN && isPlainPath(result) && result.length <= MAX_OUTPUT ? result : fallback;
}

/**
 * For Auth.js's `callbacks.redirect`: an absolute URL on the shop's own origin
 * (the Referer of a sign-in) or a path, checked by the same rule; anything
 * else goes to the front page. Never throws, so a bad value is never a 500.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate: string = url;
  if (!url.startsWith('/')) {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    candidate = parsed?.origin === base.origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : '';
  }
  return `${base.origin}${safeRedirectPath(candidate)}`;
}
