import type { Request } from 'express';

/** The client's address as rate limits count it: the proxy's forwarded address when TRUST_PROXY says to believe it, else the socket's. */
export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
