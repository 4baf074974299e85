import { describe, expect, it } from 'vitest';
import { safeRedirectPath, safeRedirectUrl } from './redirect';

const HOST = 'evil.example:8443';

/** Each of these would leave the shop, split a header (a 500), or become an address once decoded again. */
const REFUSED: [string, unknown][] = [
  ['tab after the first slash (browsers drop it: //host)', `/\t/${HOST}/account`],
  ['tab before the first slash', `\t//${HOST}`],
  ['newline after the first slash', `/\n/${HOST}`],
  ['carriage return', '/account\r'],
  ['CR LF header splitting', '/account\r\nSet-Cookie: sw=1'],
  ['NUL', '/account\u0000'],
  ['DEL', '/account\u007f'],
  ['C1 next-line control', '/account\u0085'],
  ['backslash host', `\\\\${HOST}`],
  ['slash backslash host', `/\\${HOST}`],
  ['backslash later in the path', '/orders\\..\\account'],
  ['protocol-relative', `//${HOST}`],
  ['three slashes', `///${HOST}`],
  ['encoded //', `/%2F%2F${HOST}`],
  ['encoded // in lower case', `/%2f%2f${HOST}`],
  ['encoded / after the slash', `/%2F${HOST}`],
  ['double-encoded //', `/%252F%252F${HOST}`],
  ['encoded backslash', `/%5c${HOST}`],
  ['encoded backslash, upper case', `/%5C${HOST}`],
  ['encoded tab', `/%09/${HOST}`],
  ['encoded CR LF', '/account%0D%0ASet-Cookie:%20sw=1'],
  ['malformed escape', '/account%E0%A4%A'],
  ['ideographic space U+3000', '/\u3000'],
  ['ideographic space before a host', `/\u3000/${HOST}`],
  ['no-break space', '/account\u00a0'],
  ['line separator U+2028', '/account\u2028'],
  ['zero-width space', `/\u200b/${HOST}`],
  ['byte-order mark', '/\ufeffaccount'],
  ['right-to-left override', '/account\u202e'],
  ['lone surrogate', '/account\ud800'],
  ['plain space', '/my account'],
  ['dot segments up to //', `/..//${HOST}`],
  ['encoded dot segments up to //', `/%2e%2e/%2f%2f${HOST}`],
  ['javascript: URL', 'javascript:alert(document.domain)'],
  ['javascript: URL in mixed case', 'JaVaScRiPt:alert(1)'],
  ['data: URL', 'data:text/html,<script>alert(1)</script>'],
  ['absolute http URL', `http://${HOST}/`],
  ['absolute https URL', `https://${HOST}/account`],
  ['scheme-only authority', `http:${HOST}`],
  ['relative path without a slash', 'account'],
  ['host without a scheme', HOST],
  ['empty string', ''],
  ['very long input', `/search?q=${'a'.repeat(600)}`],
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
  ['a list', ['/account']],
];

const KEPT: [string, string][] = [
  ['/', '/'],
  ['/account', '/account'],
  ['/orders/123?x=1#y', '/orders/123?x=1#y'],
  ['/search?q=linen+shirt&page=2', '/search?q=linen+shirt&page=2'],
  ['/admin/orders?customer=a%40b.example', '/admin/orders?customer=a%40b.example'],
  ['/search?q=caf%C3%A9', '/search?q=caf%C3%A9'],
  ['/orders?next=%2F%2Fnot-a-path-here', '/orders?next=%2F%2Fnot-a-path-here'],
  ['/javascript:alert(1)', '/javascript:alert(1)'],
];

describe('safeRedirectPath: the one rule for where the shop redirects to', () => {
  it.each(REFUSED)('refuses %s', (_label, value) => {
    expect(safeRedirectPath(value)).toBe('/');
    expect(safeRedirectPath(value, '/account')).toBe('/account');
  });

  it.each(KEPT)('keeps the same-origin path %s', (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it('normalises as a browser would: dot segments resolved, other characters percent-encoded', () => {
    expect(safeRedirectPath('/products/../orders/./1')).toBe('/orders/1');
    expect(safeRedirectPath('/search?q=café')).toBe('/search?q=caf%C3%A9');
    expect(safeRedirectPath('/..')).toBe('/');
  });

  it('answers the caller’s fallback, including an empty one (the sign-in page’s “none given”)', () => {
    expect(safeRedirectPath(`//${HOST}`, '')).toBe('');
    expect(safeRedirectPath('/account', '')).toBe('/account');
  });
});

describe('safeRedirectUrl: Auth.js redirects stay on the shop', () => {
  const base = 'http://127.0.0.1:3100';

  it('keeps paths and absolute URLs of the shop itself', () => {
    expect(safeRedirectUrl('/orders/123?x=1#y', base)).toBe(`${base}/orders/123?x=1#y`);
    expect(safeRedirectUrl(`${base}/sign-in?callbackUrl=%2Faccount`, base)).toBe(`${base}/sign-in?callbackUrl=%2Faccount`);
  });

  it.each([
    ['another origin', `http://${HOST}/`],
    ['the same host on another port', 'http://127.0.0.1:3101/account'],
    ['a look-alike host', 'http://127.0.0.1.evil.example/'],
    ['the shop’s origin with a // path', `${base}//${HOST}`],
    ['a tabbed path', `/\t/${HOST}`],
    ['CR', '/account\r'],
    ['U+3000', '/\u3000'],
    ['not a URL at all (Auth.js’s default throws on it)', 'not a url'],
    ['javascript:', 'javascript:alert(1)'],
  ])('sends %s to the front page', (_label, url) => {
    // As the browser reads the Location (Auth.js's default answers the origin without its slash).
    expect(new URL(safeRedirectUrl(url, base)).href).toBe(`${base}/`);
  });
});
