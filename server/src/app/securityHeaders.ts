import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';

/**
 * Security headers on every response (helmet): a Content-Security-Policy
 * that lets the console load only its own scripts and connect only to its
 * own server, and forbids framing it (`frame-ancestors 'none'`, and
 * `X-Frame-Options: DENY` for older browsers); `X-Content-Type-Options:
 * nosniff`; `Referrer-Policy: no-referrer`; HSTS when PUBLIC_URL is https.
 *
 * Styles may be inline: Mantine sets CSS variables in `style` attributes and
 * injects its theme as a `<style>` element. Scripts may not.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>): RequestHandler {
  const publicUrl = new URL(config.publicUrl);
  const https = publicUrl.protocol === 'https:';
  const socketOrigin = `${https ? 'wss' : 'ws'}://${publicUrl.host}`;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", socketOrigin],
        'object-src': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600 } : false,
  });
}

/** API answers are per caller and often carry secrets: no cache (browser, proxy) may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
