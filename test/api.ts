/** Calls App Router route handlers in-process, the way Next would, for REST tests. */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  params?: Record<string, string>;
  body?: unknown;
  /** Raw body text (sent as is); overrides `body`. */
  rawBody?: string;
  key?: string;
  headers?: Record<string, string>;
  query?: string;
};

export async function call(handler: unknown, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const request = new Request(`http://localhost${path}${options.query ? `?${options.query}` : ''}`, { method, headers, body });
  const response = await (handler as Handler)(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
