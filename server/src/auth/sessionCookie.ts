import { parse } from 'cookie';
import type { Request, Response } from 'express';

/** The web app's session cookie: httpOnly, SameSite=Lax, Secure when served over https. */
export const SESSION_COOKIE = 'rolegraph_session';

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, expires: expiresAt, path: '/' });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** The credential of a request: `Authorization: Bearer <token>` first, else the session cookie. */
export function credentialFromHeaders(authorization: string | undefined, cookieHeader: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  return cookieHeader ? parse(cookieHeader)[SESSION_COOKIE] : undefined;
}

export function credentialOf(req: Request): string | undefined {
  return credentialFromHeaders(req.headers.authorization, req.headers.cookie);
}
