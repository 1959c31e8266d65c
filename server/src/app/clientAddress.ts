import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import proxyAddr from 'proxy-addr';

/** Whether to believe the X-Forwarded-For hop from `address`: the one rule for HTTP requests (express's `trust proxy`) and WebSocket upgrades. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** TRUST_PROXY as a trust function: every hop when the server is behind a proxy it trusts, none otherwise. */
export function proxyTrust(trustProxy: boolean): ProxyTrust {
  return () => trustProxy;
}

/** The address given when the socket has none (it closed): rate limits count such requests together; nothing shows it as an address. */
export const UNKNOWN_CLIENT_ADDRESS = 'unknown';

/** The client's address as rate limits count it: the proxy's forwarded address when TRUST_PROXY says to believe it, else the socket's. */
export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? UNKNOWN_CLIENT_ADDRESS;
}

/** The same address for a WebSocket's upgrade request, which never passes through express. */
export function upgradeClientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  if (request.socket.remoteAddress === undefined) return UNKNOWN_CLIENT_ADDRESS;
  return proxyAddr(request, trust);
}
