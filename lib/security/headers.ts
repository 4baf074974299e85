/**
 * The security headers every response carries (next.config.ts `headers()`,
 * so pages, route handlers, server actions, static files and the proxy's own
 * answers alike). No imports: next.config.ts loads this before anything else.
 *
 * The Content-Security-Policy allows exactly what the shop uses:
 * - scripts from the shop itself, plus inline scripts: Next writes the React
 *   Server Components payload and its bootstrap as inline <script> tags, and
 *   catalog pages are cached whole (ISR), so a per-request nonce is not an
 *   option (it would make every page dynamic). `'unsafe-eval'` only under
 *   `next dev` (React's dev tooling);
 * - styles from the shop plus inline style attributes (bar widths, colour
 *   swatches, Next's route announcer);
 * - images from the shop, `data:` and `blob:` (the upload preview);
 * - fetches to the shop only; no plugins, no <base>, forms post to the shop;
 * - `frame-ancestors 'none'` (and X-Frame-Options: DENY for old browsers): no
 *   one may frame the shop (clickjacking).
 * HSTS is sent only by a production server to requests that came over https
 * (X-Forwarded-Proto from the TLS proxy); over plain http it would be ignored
 * anyway, and on localhost it would pin a developer's browser to https.
 */

export type Header = { key: string; value: string };

export type HeaderRule = {
  source: string;
  headers: Header[];
  has?: { type: 'header'; key: string; value?: string }[];
};

export function contentSecurityPolicy(options: { dev: boolean }): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(options.dev ? ['ws:', 'wss:'] : [])],
    'media-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Features the shop never uses, switched off for it and anything it embeds. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

export const HSTS = 'max-age=63072000; includeSubDomains';

export function securityHeaders(options: { dev: boolean }): Header[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}

/** The rules for next.config.ts: every path gets the headers; HSTS only over https in production. */
export function securityHeaderRules(options: { dev: boolean }): HeaderRule[] {
  const rules: HeaderRule[] = [{ source: '/:path*', headers: securityHeaders(options) }];
  if (!options.dev) {
    rules.push({
      source: '/:path*',
      has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
      headers: [{ key: 'Strict-Transport-Security', value: HSTS }],
    });
  }
  return rules;
}
