import type { Config } from '../config';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins whose pages may open a WebSocket that authenticates with the
 * session cookie: PUBLIC_URL's, those listed in ALLOWED_ORIGINS, and — when
 * PUBLIC_URL is a loopback address — the same scheme and port under the
 * other loopback names (localhost, 127.0.0.1, [::1] are one machine).
 *
 * A browser sends the cookie with any page's WebSocket, whatever site the
 * page is from (cross-site WebSocket hijacking), but always tells the page's
 * origin in `Origin`; a socket from any other origin, or without one, must
 * bring its credential in the connection params.
 */
export function cookieSocketOrigins(config: Pick<Config, 'publicUrl' | 'allowedOrigins'>): ReadonlySet<string> {
  const publicUrl = new URL(config.publicUrl);
  const origins = new Set([publicUrl.origin, ...config.allowedOrigins]);
  if (LOOPBACK_HOSTS.includes(publicUrl.hostname)) {
    for (const host of LOOPBACK_HOSTS) origins.add(`${publicUrl.protocol}//${host}${publicUrl.port ? `:${publicUrl.port}` : ''}`);
  }
  return origins;
}
