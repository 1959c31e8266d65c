import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { specifiedRules, validate, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { AppServices } from '../app/appServices';
import { authenticate } from '../auth/authenticate';
import { credentialFromHeaders } from '../auth/sessionCookie';
import { actingOrganizationId, type Principal } from '../auth/principal';
import { createGraphQLContext } from '../graphql/requestContext';
import type { createErrorFormatter } from '../graphql/formatError';

interface SocketExtra extends Record<PropertyKey, unknown> {
  /** The credential the socket was opened with, re-checked for every operation. */
  credential?: string;
  principal?: Principal;
  unregister?: () => void;
}

function connectionCredential(params: Record<string, unknown> | undefined, cookieHeader: string | undefined): string | undefined {
  const fromParams = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof fromParams === 'string') return credentialFromHeaders(fromParams.startsWith('Bearer ') ? fromParams : `Bearer ${fromParams}`, undefined);
  return credentialFromHeaders(undefined, cookieHeader);
}

/**
 * graphql-ws on the HTTP server's port and path (/graphql). A socket is
 * authenticated when it connects (connection params `authorization: "Bearer
 * <token>"`, or the session cookie of the upgrade request) and must act in
 * an organization; each subscription re-authenticates. Sockets register with
 * the live hub so a sign-out, a removal or a revoked key closes them.
 */
export function startWebSocketServer(
  httpServer: Server,
  schema: GraphQLSchema,
  app: AppServices,
  options: { validationRules: readonly ValidationRule[]; formatError: ReturnType<typeof createErrorFormatter>; logger: Logger },
): { close(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const cleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      validate: (s, document) => validate(s, document, [...specifiedRules, ...options.validationRules]),
      onConnect: async (ctx) => {
        const credential = connectionCredential(ctx.connectionParams, ctx.extra.request.headers.cookie);
        const principal = await authenticate(app.database, credential);
        const organizationId = actingOrganizationId(principal);
        if (!principal || !organizationId) return false;
        const socket = ctx.extra.socket as WebSocket;
        ctx.extra.credential = credential;
        ctx.extra.principal = principal;
        ctx.extra.unregister = app.live.registerSocket(
          {
            sessionId: principal.kind === 'USER' ? principal.sessionId : null,
            apiKeyId: principal.kind === 'API_KEY' ? principal.apiKeyId : null,
            organizationId,
            accountId: principal.kind === 'USER' ? principal.accountId : null,
          },
          { close: (code, reason) => socket.close(code, reason) },
        );
        return true;
      },
      onClose: (ctx) => {
        ctx.extra.unregister?.();
      },
      context: (ctx) =>
        createGraphQLContext(app, {
          credential: ctx.extra.credential,
          clientAddress: ctx.extra.request.socket.remoteAddress ?? 'unknown',
          http: null,
        }),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return result;
        return { ...result, errors: result.errors.map((e) => options.formatError(e, (e as GraphQLError).originalError ?? e)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => options.formatError(e, e.originalError ?? e)),
    },
    wsServer,
  );
  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
