/** Who sent a write: no dependencies, so the proxy can use it as well as the route handlers. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request whose Origin (sent by every browser on a POST, PUT,
 * PATCH or DELETE) is not this server: the same rule Next applies to server
 * actions. Requests without Origin (curl, server-to-server) are not browsers'.
 */
export function isCrossOriginWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null') return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host') || new URL(request.url).host;
  return originHost.toLowerCase() !== host.toLowerCase();
}
