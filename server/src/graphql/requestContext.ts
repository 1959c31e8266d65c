import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppServices } from '../app/appServices';
import { RequestAccess } from '../access/requestAccess';
import { actingOrganizationId } from '../auth/principal';
import { authenticate } from '../auth/authenticate';
import { secretKind } from '../auth/secretTokens';
import type { GraphQLContext } from './context';
import { createLoaders } from './loaders';
import { answerableFromMemory } from './memoryAnswerable';

export interface ContextInput {
  readonly credential: string | undefined;
  readonly clientAddress: string;
  readonly userAgent: string | undefined;
  readonly requestId?: string;
  readonly http: { readonly req: Request; readonly res: Response } | null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Authenticates a request (HTTP or WebSocket operation) and builds its GraphQL context. */
export async function createGraphQLContext(app: AppServices, input: ContextInput): Promise<GraphQLContext> {
  // A decision query that accepts an answer from memory may also be authenticated from memory.
  const remembered = input.credential && input.http && answerableFromMemory(input.http.req.body) ? app.rememberedCredentials.recall(input.credential) : null;
  const principal = remembered ?? (await authenticate(app.database, input.credential));
  if (principal && !remembered && input.credential) app.rememberedCredentials.remember(input.credential, principal);
  return {
    app,
    requestId: input.requestId && REQUEST_ID.test(input.requestId) ? input.requestId : randomUUID(),
    principal,
    invalidApiKey: principal === null && input.credential !== undefined && secretKind(input.credential) === 'apiKey',
    clientAddress: input.clientAddress,
    userAgent: input.userAgent,
    http: input.http,
    access: new RequestAccess(app.accessGraphs, principal, remembered === null),
    loaders: createLoaders(app.dataSource, actingOrganizationId(principal)),
  };
}
