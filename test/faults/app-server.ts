/**
 * The fault suite's stand-in for `next start`: a plain Node HTTP server that
 * mounts the REAL route handlers (checkout and the payment webhook), so a test
 * can run the app as a child process and `kill -9` it. Only Next's router is
 * missing; every line of app code below the handler is the real one. Jobs are
 * not run here (as with STOCKWISE_WORKER=off): `scripts/worker.ts` runs them.
 *
 *   PORT=… DATABASE_URL=… node --import tsx test/faults/app-server.ts
 */
import http from 'node:http';
import { POST as createOrder } from '@/app/api/v1/orders/route';
import { POST as stripeWebhook } from '@/app/api/webhooks/stripe/route';

type Handler = (request: Request, context: unknown) => Promise<Response>;
const routes: Record<string, Handler> = {
  'POST /api/v1/orders': createOrder as Handler,
  'POST /api/webhooks/stripe': stripeWebhook as Handler,
};

const port = Number(process.env.PORT);
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const handler = routes[`${req.method} ${url.pathname}`];
    if (url.pathname === '/health') return void res.writeHead(200).end('ok');
    if (!handler) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"no route"}}');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const response = await handler(request, { params: Promise.resolve({}) });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    console.error('[app-server] handler threw', error);
    if (!res.headersSent) res.writeHead(500).end();
  }
});
server.listen(port, '127.0.0.1', () => console.log(`[app-server] listening on ${port}`));
