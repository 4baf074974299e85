import type { IncomingMessage } from 'node:http';

export const PEER_ADDRESS_HEADER: 'x-stockwise-peer';
export function stampPeerAddress(request: IncomingMessage): void;
export function installPeerAddressStamp(): boolean;
export function peerAddressStampInstalled(): boolean;
