import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { AppServices } from '../app/appServices';
import { setSessionCookie } from '../auth/sessionCookie';
import { RateLimitedError } from '../errors';
import { clientAddressOf } from '../app/clientAddress';
import { sessionOriginOf } from '../auth/sessionOrigin';
import { unreachableDatabaseError, warnDatabaseUnreachable } from '../db/databaseUnavailable';
import { completeSsoSignIn, SsoSignInError, startSsoSignIn } from './ssoSignIn';

/**
 * The browser's side of single sign-on:
 * - GET /auth/sso/start?email=… sends the browser to the provider that the
 *   email's domain is claimed by;
 * - GET /auth/sso/callback is where the provider sends it back; on success
 *   the session cookie is set and the browser goes to the app.
 * A refusal sends the browser to /sso-error?reason=… (the web app's page says
 * what happened and, for SEAT_LIMIT, whom to ask). Starts are rate-limited
 * per client address (each asks the provider for its configuration and
 * stores a pending sign-in): past the limit, reason=RATE_LIMITED; while the
 * database cannot be reached, reason=UNAVAILABLE. Nothing is
 * logged with a code, token or state.
 */
export function ssoRoutes(app: AppServices): Router {
  const router = express.Router();
  const secure = app.config.publicUrl.startsWith('https:');
  const toErrorPage = (res: Response, params: Record<string, string>): void => {
    res.redirect(303, `/sso-error?${new URLSearchParams(params).toString()}`);
  };
  const refuse = (res: Response, error: unknown): void => {
    if (error instanceof SsoSignInError) return toErrorPage(res, { reason: error.reason, ...error.details });
    if (error instanceof RateLimitedError) return toErrorPage(res, { reason: 'RATE_LIMITED', retryAfterSeconds: String(error.retryAfterSeconds) });
    const unreachable = unreachableDatabaseError(error);
    if (unreachable) {
      warnDatabaseUnreachable(app.logger, unreachable);
      return toErrorPage(res, { reason: 'UNAVAILABLE' });
    }
    app.logger.error({ err: error }, 'SSO sign-in failed');
    toErrorPage(res, { reason: 'PROVIDER' });
  };
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/start', (req: Request, res: Response) => {
    const email = typeof req.query.email === 'string' ? req.query.email : '';
    app.signInLimiter
      .countSsoStart(clientAddressOf(req))
      .then(() => startSsoSignIn(app, email))
      .then(
        (url) => res.redirect(303, url.href),
        (error: unknown) => refuse(res, error),
      );
  });
  router.get('/callback', (req: Request, res: Response) => {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const callbackUrl = new URL(`${app.config.publicUrl}/auth/sso/callback${query}`);
    completeSsoSignIn(app, callbackUrl, randomUUID(), sessionOriginOf(req.get('user-agent'), clientAddressOf(req))).then(
      ({ token, session }) => {
        setSessionCookie(res, token, session.expiresAt, secure);
        res.redirect(303, '/');
      },
      (error: unknown) => refuse(res, error),
    );
  });
  return router;
}
