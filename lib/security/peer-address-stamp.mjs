// Plain JavaScript, so that `node --import` can load it before Next starts (scripts/stamp-peer-address.mjs)
// and instrumentation.ts can install it when the app was started without the launcher.
// Why the server stamps requests at all: lib/security/client-address.ts.
import http from 'node:http';
import https from 'node:https';

export const PEER_ADDRESS_HEADER = 'x-stockwise-peer';

const INSTALLED = Symbol.for('stockwise.peer-address-stamp');
// The events a server emits with a fresh request (the last two for `Expect:` headers).
const REQUEST_EVENTS = new Set(['request', 'checkContinue', 'checkExpectation']);

/** Sets the header to the socket's address, removing every copy a client sent (in `headers` and `rawHeaders`). */
export function stampPeerAddress(request) {
  const address = request.socket?.remoteAddress;
  const raw = request.rawHeaders;
  if (Array.isArray(raw)) {
    const kept = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (raw[i].toLowerCase() !== PEER_ADDRESS_HEADER) kept.push(raw[i], raw[i + 1]);
    }
    if (address) kept.push(PEER_ADDRESS_HEADER, address);
    request.rawHeaders = kept;
  }
  if (address) request.headers[PEER_ADDRESS_HEADER] = address;
  else delete request.headers[PEER_ADDRESS_HEADER];
}

/** Stamps every request every HTTP(S) server in this process receives, from now on; false when already installed. */
export function installPeerAddressStamp() {
  if (globalThis[INSTALLED]) return false;
  globalThis[INSTALLED] = true;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitStamped(event, ...args) {
      if (REQUEST_EVENTS.has(event) && args[0] instanceof http.IncomingMessage) stampPeerAddress(args[0]);
      return emit.call(this, event, ...args);
    };
  }
  return true;
}

export function peerAddressStampInstalled() {
  return Boolean(globalThis[INSTALLED]);
}
