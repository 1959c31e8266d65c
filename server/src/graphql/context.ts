import type { Request, Response } from 'express';
import type { AppServices } from '../app/appServices';
import type { Principal } from '../auth/principal';
import type { RequestAccess } from '../access/requestAccess';
import type { Loaders } from './loaders';

/** What every resolver receives: the running app, who is calling, and per-request caches. */
export interface GraphQLContext {
  readonly app: AppServices;
  readonly requestId: string;
  readonly principal: Principal | null;
  /** True when the request sent an API key secret that matched no active key (unknown or revoked). */
  readonly invalidApiKey: boolean;
  /** The caller's client address, for sign-in rate limiting. */
  readonly clientAddress: string;
  /** The User-Agent of the HTTP request, or of a WebSocket's upgrade request: where a session signed in here was opened. */
  readonly userAgent: string | undefined;
  /** The HTTP exchange, absent over WebSocket; used to set and clear the session cookie. */
  readonly http: { readonly req: Request; readonly res: Response } | null;
  /** The evaluator's view for this request (one snapshot, decisions memoised). */
  readonly access: RequestAccess;
  readonly loaders: Loaders;
}
