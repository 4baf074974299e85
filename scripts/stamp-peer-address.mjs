// Loaded with `node --import` before Next starts (scripts/stockwise.ts), so that no request, not even
// one that arrives while Next is still getting ready, escapes the stamp: see lib/security/client-address.ts.
import { installPeerAddressStamp } from '../lib/security/peer-address-stamp.mjs';

installPeerAddressStamp();
