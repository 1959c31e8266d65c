import type { Server } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import compression from 'compression';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { createExpressServer } from './expressHttpServer';
import { openStoredSecrets } from '../secrets/storedSecrets';
import { CursorSeal } from '../graphql/cursorSeal';
import { Mailer } from '../mail/mailer';
import { SignInRateLimiter } from '../auth/signInRateLimiter';
import { credentialOf } from '../auth/sessionCookie';
import { AccessSnapshotCache } from '../access/accessSnapshotCache';
import { createEventBus } from '../live/eventBus';
import { LiveHub } from '../live/liveHub';
import { startWebSocketServer } from '../live/websocketServer';
import { buildRolegraphSchema } from '../graphql/schema';
import { createErrorFormatter } from '../graphql/formatError';
import { createGraphQLContext } from '../graphql/requestContext';
import { requestLimits } from '../graphql/requestLimits';
import { graphqlOverHttpStatus } from '../graphql/httpStatus';
import type { GraphQLContext } from '../graphql/context';
import { RememberedCredentials } from '../auth/rememberedCredentials';
import { AccessChangeLog, pruneAccessChangeLog } from '../changeStream/accessChangeLog';
import { accessRevisionPlugin } from '../graphql/accessRevisionPlugin';
import { deniedMutationsPlugin } from '../audit/deniedMutationsPlugin';
import type { AppServices } from './appServices';
import { createLogger } from './logger';
import { noStore, securityHeaders } from './securityHeaders';
import { healthRoutes } from './healthRoutes';
import { AccessSweeper } from '../lifecycle/accessSweeper';
import { scimRouter } from '../scim/scimRouter';
import { ssoRoutes } from '../sso/ssoRoutes';
import { clientAddressOf, proxyTrust } from './clientAddress';
import { rejectRefusedInput, refusedLiteralsPlugin } from '../graphql/inputHygiene';
import { graphqlRequestBodyErrors } from '../graphql/requestBodyErrors';
import { fullCollection, HeapCompaction, nodeHeapBytes } from './heapCompaction';
import { freedPagesReturner } from './freedPages';

/** How long an idle keep-alive connection stays open. */
const IDLE_CONNECTION_MS = 65_000;

export interface RunningServer {
  readonly app: AppServices;
  readonly httpServer: Server;
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Paths whose answers are never compressed (see the compression middleware); matched on the original URL, as routers mounted on a path rewrite `req.url`. */
const API_PATH = /^\/(graphql|scim|auth)([/?]|$)/;

export interface StartOptions {
  readonly logger?: Logger;
  /** Embedded database folder override (tests use `memory://`). */
  readonly embeddedDataDir?: string;
}

/**
 * Starts Rolegraph: database (migrated), event bus, GraphQL over HTTP at
 * /graphql, the built web app at /, liveness at /healthz and readiness at /readyz.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const database = await openDatabase(config, { migrate: true, embeddedDataDir: options.embeddedDataDir, logger });
  const secrets = await openStoredSecrets(config, database, logger).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const events = await createEventBus(config.redisUrl, logger);
  const dataSource = database.dataSource;
  const accessGraphs = new AccessSnapshotCache(database, logger);
  const live = new LiveHub(events, accessGraphs, logger);
  live.start();
  const rememberedCredentials = new RememberedCredentials();
  events.subscribe({
    event: (event) => {
      rememberedCredentials.observe(event);
      if (event.type === 'organizationDeleted') accessGraphs.forget(event.organizationId);
    },
    eventsMissed: () => rememberedCredentials.clear(),
  });
  const app: AppServices = {
    config,
    database,
    dataSource,
    logger,
    secrets,
    cursors: new CursorSeal(secrets.derivedRing('list cursors')),
    events,
    mailer: new Mailer(dataSource, logger, { smtpUrl: config.smtpUrl, from: config.mailFrom, logLinks: config.mailLogLinks }),
    signInLimiter: new SignInRateLimiter(dataSource, config.signInLimits),
    accessGraphs,
    rememberedCredentials,
    accessChangeLog: new AccessChangeLog(accessGraphs),
    live,
  };

  const schema = await buildRolegraphSchema();
  const expressApp = express();
  expressApp.disable('x-powered-by');
  // No ETags: GraphQL answers are POSTed and never revalidated, and hashing every body costs each request a digest.
  expressApp.set('etag', false);
  const trust = proxyTrust(config.trustProxy);
  expressApp.set('trust proxy', trust);
  expressApp.use(securityHeaders(config));
  // gzip or brotli, as the request's Accept-Encoding asks, for the web app. Not for the API (/graphql, /scim, /auth):
  // its answers carry secrets (session tokens, API keys, invitation links) next to what the caller sent, and a
  // compressed size can give such a secret away a byte at a time (BREACH). Those requests skip the middleware
  // altogether: it wraps every response it sees (its write, end and headers) before knowing whether to compress.
  const compress = compression();
  expressApp.use((req, res, next) => (API_PATH.test(req.originalUrl) ? next() : compress(req, res, next)));
  const httpServer = createExpressServer(expressApp);
  // Keep idle connections longer than the proxies in front of us do (load balancers commonly keep
  // theirs 60 s): with Node's 5 s default a proxy or client may send on a socket we are closing,
  // and the request fails with a reset instead of an answer.
  httpServer.keepAliveTimeout = IDLE_CONNECTION_MS;
  httpServer.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  const limits = requestLimits({ introspection: config.introspection });
  const formatError = createErrorFormatter(logger);
  const webSockets = startWebSocketServer(httpServer, schema, app, { limits, formatError, logger, trust });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // main.ts handles SIGINT/SIGTERM and closes everything (the embedded
    // database last); Apollo's own handler would re-raise the signal and end
    // the process before the database is closed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; without this plugin Apollo does not wrap every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      deniedMutationsPlugin,
      graphqlOverHttpStatus,
      accessRevisionPlugin,
      refusedLiteralsPlugin,
      ...limits.plugins,
    ],
  });
  await apollo.start();

  expressApp.use(['/healthz', '/readyz'], noStore);
  let warming = config.warmOrganizations > 0;
  expressApp.use(healthRoutes({ database, events, warming: () => warming }));
  expressApp.use(
    '/graphql',
    noStore,
    express.json({ limit: '1mb' }),
    rejectRefusedInput,
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        createGraphQLContext(app, {
          credential: credentialOf(req),
          clientAddress: clientAddressOf(req),
          userAgent: req.get('user-agent'),
          requestId: req.header('x-request-id'),
          http: { req, res },
        }),
    }),
    graphqlRequestBodyErrors,
  );
  expressApp.use('/scim/v2', scimRouter(app));
  expressApp.use('/auth/sso', ssoRoutes(app));
  serveWebApp(expressApp, config.webDistDir, logger);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, database: database.kind, events: events.kind }, 'Rolegraph is running');
  // Requests and socket upgrades received: the heap compaction's measure of whether the server is idle.
  let requests = 0;
  const countRequest = () => void requests++;
  httpServer.on('request', countRequest).on('upgrade', countRequest);
  const heapCompaction = new HeapCompaction({
    collect: fullCollection(),
    heapBytes: nodeHeapBytes,
    activity: () => requests,
    returnFreedPages: await freedPagesReturner(),
  });
  // Listening already (liveness answers); ready once the busiest organizations' snapshots are in memory, and what
  // loading them left behind collected.
  if (warming) {
    await accessGraphs
      .warm(config.warmOrganizations)
      .then((warmed) => logger.info(warmed, 'access snapshots warmed'))
      .catch((error: unknown) => logger.warn({ err: error }, 'warming access snapshots failed; they load on first use'));
  }
  logger.info(
    { ms: Math.round(heapCompaction.collectNow()), heapBytes: nodeHeapBytes(), residentBytes: process.memoryUsage.rss() },
    'start-up garbage collected',
  );
  warming = false;
  heapCompaction.start();
  const sweeper = new AccessSweeper({ dataSource, events, logger, changeLog: app.accessChangeLog }, config.accessSweepSeconds);
  sweeper.start();

  // The access change log keeps 7 days (and a day of margin); older rows go once an hour.
  const prune = () =>
    pruneAccessChangeLog((sql, params) => dataSource.query(sql, params), logger).catch((error: unknown) =>
      logger.warn({ err: error }, 'pruning the access change log failed'),
    );
  void prune();
  const pruning = setInterval(prune, 60 * 60 * 1000);
  pruning.unref();

  let closing: Promise<void> | undefined;
  return {
    app,
    httpServer,
    url,
    port,
    close() {
      closing ??= (async () => {
        await sweeper.stop();
        heapCompaction.stop();
        clearInterval(pruning);
        await webSockets.close();
        await apollo.stop();
        await live.stop();
        await events.close();
        await database.close();
      })();
      return closing;
    },
  };
}

/** Where the web app's build puts its content-hashed files (Vite's `build.assetsDir`), and the path they are served under. */
export const HASHED_FILES_DIR = 'static';

/** A hashed file never changes under its name: caches keep it for a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app: the content-hashed scripts and styles under
 * /static, cached for good (a missing one is a 404, never the page); the
 * other files of the build (the favicon) for an hour; a file at the root the
 * build does not have (/favicon.ico) is a 404; and index.html, which names
 * the current hashed files, for every other GET path — the app's own routes —
 * revalidated on each load.
 */
function serveWebApp(expressApp: express.Express, distDir: string, logger: Logger): void {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn({ distDir }, 'web app not built; only the API is served (run `pnpm build`)');
    return;
  }
  expressApp.use(
    `/${HASHED_FILES_DIR}`,
    express.static(path.join(distDir, HASHED_FILES_DIR), {
      index: false,
      redirect: false,
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
    }),
    (_req, res) => {
      res.status(404).setHeader('Cache-Control', 'no-store').type('text/plain').send('Not found');
    },
  );
  expressApp.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600'),
    }),
  );
  // A file asked for at the root that the build does not have (/favicon.ico, /robots.txt, /apple-touch-icon.png) is
  // not a page of the app: no route of the app has a dot in it.
  expressApp.get(/^\/[^/]*\.[A-Za-z0-9]{1,8}$/, (_req, res) => {
    res.status(404).setHeader('Cache-Control', 'no-store').type('text/plain').send('Not found');
  });
  expressApp.get(/^(?!\/graphql).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
