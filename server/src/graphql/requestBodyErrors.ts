import type { NextFunction, Request, Response } from 'express';
import { requestBodyProblem } from '../app/requestBodyProblem';

/**
 * The GraphQL endpoint's answer to a body it could not read (not JSON, too
 * large, an unsupported charset or encoding): a GraphQL error in JSON with
 * code BAD_REQUEST and the status that fits, as Apollo answers other
 * malformed requests — instead of Express's HTML error page.
 */
export function graphqlRequestBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const problem = requestBodyProblem(error);
  if (!problem || res.headersSent) return next(error);
  res.status(problem.status).json({ errors: [{ message: problem.message, extensions: { code: 'BAD_REQUEST' } }] });
}
