// postinstall: three guards for postgres.js (postgres@3.4.9, the latest release) against a
// PostgreSQL connection closed under it (pg_terminate_backend, a restart, a proxy dropping it).
// Both turn an error no try/catch can see — an uncaughtException or an unhandled rejection,
// either of which takes the web or worker process down — into the usual CONNECTION_CLOSED
// rejection of the pending query, which route() answers as a retryable 503.
// Found by test/faults/terminate-backend.test.ts, which also checks they are in place.
//
// 1. nextWrite: a small write queued with setImmediate fires after closed() nulled the socket:
//    `TypeError: Cannot read properties of null (reading 'write')`. Upstream: porsager/postgres#1154,
//    #1208 (fix proposed in #1209, unreleased). The guard settles the pending queries instead.
// 2. closed() cancels the queued write's immediate but leaves `nextWriteTimer` set and the unsent
//    `chunk` in place. On reconnect the StartupMessage is appended to the dead connection's bytes and,
//    the stale timer looking pending, never flushed: the connection hangs until connect_timeout (30 s)
//    and its queries with it. The guard clears both when the socket closes.
// 3. fetchArrayTypes: started without await from ReadyForQuery on every new connection; a connection
//    closed during it rejects a promise nobody holds. closed() already retries the connection's first
//    query, so the rejection only needs catching.
//
// Idempotent; remove once upstream ships fixes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'node_modules', 'postgres');
const patches = [
  {
    mark: '/* stockwise: guarded nextWrite */',
    before: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
    after:
      '  function nextWrite(fn) {\n    /* stockwise: guarded nextWrite */\n' +
      '    if (!socket) {\n' +
      '      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n' +
      '      chunk = nextWriteTimer = null\n' +
      "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
      '      return false\n' +
      '    }\n' +
      '    const x = socket.write(chunk, fn)\n',
  },
  {
    mark: '/* stockwise: flushed state cleared on close */',
    before: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n",
    after:
      '    clearImmediate(nextWriteTimer)\n' +
      '    chunk = nextWriteTimer = null /* stockwise: flushed state cleared on close */\n' +
      "    socket.removeListener('data', data)\n",
  },
  {
    mark: '/* stockwise: caught fetchArrayTypes */',
    before: '        return fetchArrayTypes()\n',
    after: '        return fetchArrayTypes().catch(() => { /* stockwise: caught fetchArrayTypes */ })\n',
  },
];

let patched = 0;
for (const flavour of ['src', 'cjs/src', 'cf/src']) {
  const file = path.join(root, flavour, 'connection.js');
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  for (const { mark, before, after } of patches) {
    if (text.includes(mark)) continue;
    if (!text.includes(before)) {
      console.warn(`[patch-postgres] ${path.relative(process.cwd(), file)}: "${before.trim().slice(0, 40)}" changed upstream; check whether the guard is still needed`);
      continue;
    }
    text = text.replace(before, after);
    patched++;
  }
  writeFileSync(file, text);
}
if (patched) console.log(`[patch-postgres] applied ${patched} guard(s)`);
