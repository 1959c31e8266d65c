import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from '../graphql/context';
import type { Logger } from 'pino';
import type { AppServices } from '../app/appServices';
import { refusedInput, refusedInputError, refusedLiteral } from '../graphql/inputHygiene';
import { authenticate } from '../auth/authenticate';
import { recordRefusedMutations } from '../audit/deniedMutationsPlugin';
import { credentialFromHeaders } from '../auth/sessionCookie';
import { actingOrganizationId, type Principal } from '../auth/principal';
import { createGraphQLContext } from '../graphql/requestContext';
import type { createErrorFormatter } from '../graphql/formatError';
import type { RequestLimits } from '../graphql/requestLimits';
import { cookieSocketOrigins } from './cookieSocketOrigins';
import { upgradeClientAddress, type ProxyTrust } from '../app/clientAddress';
import { unreachableDatabaseError, warnDatabaseUnreachable } from '../db/databaseUnavailable';
import { LIVE_CLOSE_CODES } from '@rolegraph/shared';

/** The error with an `extensions.code` (kept if it has one), so it reaches the client as the same code as over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

interface SocketExtra extends Record<PropertyKey, unknown> {
  /** The credential the socket was opened with, re-checked for every operation. */
  credential?: string;
  principal?: Principal;
  unregister?: () => void;
}

/**
 * The socket's credential: a bearer token from the connection params, or
 * else the session cookie of the upgrade request — but only when the page
 * that opened the socket is from an allowed origin.
 */
function connectionCredential(
  params: Record<string, unknown> | undefined,
  request: IncomingMessage,
  cookieOrigins: ReadonlySet<string>,
  logger: Logger,
): string | undefined {
  const fromParams = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof fromParams === 'string') return credentialFromHeaders(fromParams.startsWith('Bearer ') ? fromParams : `Bearer ${fromParams}`, undefined);
  const origin = request.headers.origin;
  if (origin === undefined || !cookieOrigins.has(origin)) {
    if (request.headers.cookie) logger.warn({ origin: origin ?? null }, 'WebSocket from an origin not allowed to use the session cookie: refused');
    return undefined;
  }
  return credentialFromHeaders(undefined, request.headers.cookie);
}

/**
 * graphql-ws on the HTTP server's port and path (/graphql). A socket is
 * authenticated when it connects (connection params `authorization: "Bearer
 * <token>"`, or the session cookie of the upgrade request when its Origin
 * is allowed) and must act in an organization; each subscription
 * re-authenticates. Documents get the same limits as over HTTP (tokens,
 * depth, cost; no introspection and no suggestions when introspection is
 * off). Sockets register with the live hub so a sign-out, a removal or a
 * revoked key closes them.
 */
export function startWebSocketServer(
  httpServer: Server,
  schema: GraphQLSchema,
  app: AppServices,
  options: { limits: RequestLimits; formatError: ReturnType<typeof createErrorFormatter>; logger: Logger; trust: ProxyTrust },
): { close(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const cookieOrigins = cookieSocketOrigins(app.config);
  const { limits } = options;
  const rules = [...specifiedRules, ...limits.webSocketValidationRules];
  const present = (errors: readonly GraphQLError[]) =>
    errors.map((e) => {
      const formatted = options.formatError(e, e.originalError ?? e);
      return { ...formatted, message: limits.errorMessage(formatted.message) };
    });
  /**
   * When the database cannot be reached, closes the socket with 1013 (Try
   * Again Later), which every graphql-ws client retries after a pause, rather
   * than graphql-ws's 4500, which its clients take as fatal. Whether it did.
   */
  const closedForWantOfTheDatabase = (socket: WebSocket, error: unknown): boolean => {
    const unreachable = unreachableDatabaseError(error);
    if (!unreachable) return false;
    warnDatabaseUnreachable(options.logger, unreachable);
    socket.close(LIVE_CLOSE_CODES.TRY_AGAIN_LATER, 'The database cannot be reached right now');
    return true;
  };
  const cleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const credential = connectionCredential(ctx.connectionParams, ctx.extra.request, cookieOrigins, options.logger);
        const socket = ctx.extra.socket as WebSocket;
        let principal: Principal | null;
        try {
          principal = await authenticate(app.database, credential);
        } catch (error) {
          if (!closedForWantOfTheDatabase(socket, error)) throw error;
          return false;
        }
        const organizationId = actingOrganizationId(principal);
        if (!principal || !organizationId) return false;
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
      // Parses with the token limit and validates with every rule; a document
      // that fails either is answered with an error message (the socket stays open).
      onSubscribe: (_ctx, _id, payload) => {
        const refused = refusedInput(payload);
        if (refused) return [refusedInputError(refused)];
        let document: DocumentNode;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
          throw error;
        }
        const refusedInLiteral = refusedLiteral(document);
        if (refusedInLiteral) return [refusedInputError(refusedInLiteral)];
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onClose: (ctx) => {
        ctx.extra.unregister?.();
      },
      // Each operation authenticates again (a signed-out session stops at once), so it too may find the database away.
      context: (ctx) =>
        createGraphQLContext(app, {
          credential: ctx.extra.credential,
          clientAddress: upgradeClientAddress(ctx.extra.request, options.trust),
          userAgent: ctx.extra.request.headers['user-agent'],
          http: null,
        }).catch((error: unknown) => {
          closedForWantOfTheDatabase(ctx.extra.socket as WebSocket, error);
          throw error;
        }),
      onNext: async (_ctx, _id, _payload, args, result) => {
        result = withAccessRevision(args, result);
        if (!result.errors) return result;
        const errors = result.errors as readonly GraphQLError[];
        // A mutation refused over the socket is audited as one refused over HTTP.
        if (getOperationAST(args.document, args.operationName)?.operation === 'mutation' && args.contextValue) {
          await recordRefusedMutations(args.contextValue as GraphQLContext, errors);
        }
        // No data and an error of no field: the operation never ran, its variables did not fit their types.
        const coercion = (e: GraphQLError) => result.data === undefined && e.path === undefined;
        return { ...result, errors: present(errors.map((e) => (coercion(e) ? withCode(e, 'BAD_USER_INPUT') : e))) };
      },
      onError: (_ctx, _id, _payload, errors) => present(errors),
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

/**
 * A query or mutation sent over the socket carries `extensions.accessRevision`
 * as over HTTP (graphql/accessRevisionPlugin.ts). Subscription events do not:
 * each says what changed, and the revision of the change where it has one.
 */
function withAccessRevision(args: ExecutionArgs, result: ExecutionResult): ExecutionResult {
  if (getOperationAST(args.document, args.operationName)?.operation === 'subscription') return result;
  const revision = (args.contextValue as GraphQLContext | undefined)?.access?.responseRevision();
  return revision ? { ...result, extensions: { ...result.extensions, accessRevision: revision } } : result;
}
