import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { scopeAllows } from '@rolegraph/shared';
import type { AppServices } from '../app/appServices';
import { RequestAccess } from '../access/requestAccess';
import { authenticate } from '../auth/authenticate';
import type { ApiKeyPrincipal } from '../auth/principal';
import { credentialFromHeaders } from '../auth/sessionCookie';
import { commandContext, type CommandContext } from '../commands/commandContext';
import { DatabaseUnavailableError, DomainError } from '../errors';
import { unreachableDatabaseError, warnDatabaseUnreachable } from '../db/databaseUnavailable';
import { resourceTypes, schemas, serviceProviderConfig } from './scimDiscovery';
import { ScimError, scimErrorBody, scimErrorOf } from './scimErrors';
import { createGroup, deleteGroup, patchGroup, readScimGroup, readScimGroups, replaceGroup } from './scimGroups';
import { objectBody } from './scimInput';
import { applyScimFilter, listResponse, parseScimFilter } from './scimQuery';
import { changeUser, deleteUser, provisionUser } from './scimUserCommands';
import { changeFromPatch, changeFromReplacement, readScimUser, readScimUsers, userToCreate } from './scimUsers';
import { requestBodyProblem } from '../app/requestBodyProblem';

const SCIM_CONTENT_TYPE = 'application/scim+json';

interface ScimRequest {
  readonly ctx: CommandContext;
  readonly baseUrl: string;
}

/**
 * The provisioning key as the directory and team commands see it. Those
 * commands check `directory: WRITE` for API keys; SCIM's own check is
 * `provisioning: WRITE`, done before this, so for the commands SCIM runs the
 * key holds directory WRITE. This principal never reaches GraphQL.
 */
function provisioningPrincipal(principal: ApiKeyPrincipal): ApiKeyPrincipal {
  return { ...principal, scopes: { ...principal.scopes, directory: 'WRITE' } };
}

async function scimRequest(app: AppServices, req: Request): Promise<ScimRequest> {
  const principal = await authenticate(app.database, credentialFromHeaders(req.headers.authorization, undefined));
  if (!principal) throw new ScimError(401, 'SCIM needs an API key with provisioning: WRITE, sent as Authorization: Bearer <key>.');
  if (principal.kind !== 'API_KEY' || !scopeAllows(principal.scopes, 'provisioning', 'WRITE')) {
    throw new ScimError(403, 'This credential may not provision: SCIM needs an API key with provisioning: WRITE.');
  }
  const acting = provisioningPrincipal(principal);
  const header = req.header('x-request-id');
  const requestId = header && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : randomUUID();
  return { ctx: commandContext(app, acting, requestId, new RequestAccess(app.accessGraphs, acting)), baseUrl: `${app.config.publicUrl}/scim/v2` };
}

/** A resource with its absolute location. */
function located<T extends { meta: { location: string } }>(baseUrl: string, resource: T): T {
  return { ...resource, meta: { ...resource.meta, location: `${baseUrl}${resource.meta.location}` } };
}

function send(res: Response, status: number, body?: unknown): void {
  res.status(status).type(SCIM_CONTENT_TYPE);
  if (body === undefined) res.end();
  else res.send(JSON.stringify(body));
}

type Handler = (scim: ScimRequest, req: Request, res: Response) => Promise<void>;

/** SCIM 2.0 (RFC 7643/7644) at /scim/v2: discovery, Users and Groups, authenticated by an API key with provisioning: WRITE. */
export function scimRouter(app: AppServices): Router {
  const router = express.Router();
  const handle =
    (handler: Handler) =>
    (req: Request, res: Response, next: NextFunction): void => {
      scimRequest(app, req)
        .then((scim) => handler(scim, req, res))
        .catch(next);
    };
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(express.json({ type: ['application/json', SCIM_CONTENT_TYPE], limit: '1mb' }));

  router.get(
    '/ServiceProviderConfig',
    handle(async ({ baseUrl }, _req, res) => send(res, 200, serviceProviderConfig(baseUrl))),
  );
  router.get(
    '/ResourceTypes',
    handle(async ({ baseUrl }, req, res) => send(res, 200, listResponse(resourceTypes(baseUrl), req.query))),
  );
  router.get(
    '/ResourceTypes/:id',
    handle(async ({ baseUrl }, req, res) => {
      const found = resourceTypes(baseUrl).find((r) => r.id === req.params.id);
      if (!found) throw new ScimError(404, `No resource type ${String(req.params.id)}.`);
      send(res, 200, found);
    }),
  );
  router.get(
    '/Schemas',
    handle(async ({ baseUrl }, req, res) => send(res, 200, listResponse(schemas(baseUrl), req.query))),
  );
  router.get(
    '/Schemas/:id',
    handle(async ({ baseUrl }, req, res) => {
      const found = schemas(baseUrl).find((s) => s.id === req.params.id);
      if (!found) throw new ScimError(404, `No schema ${String(req.params.id)}.`);
      send(res, 200, found);
    }),
  );

  router.get(
    '/Users',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const filter = parseScimFilter(req.query.filter);
      const users = applyScimFilter(await readScimUsers(app.dataSource, ctx.organizationId), filter);
      send(
        res,
        200,
        listResponse(
          users.map((u) => located(baseUrl, u)),
          req.query,
        ),
      );
    }),
  );
  router.post(
    '/Users',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const id = await provisionUser(ctx, userToCreate(objectBody(req.body)));
      send(res, 201, located(baseUrl, await readScimUser(app.dataSource, ctx.organizationId, id)));
    }),
  );
  router.get(
    '/Users/:id',
    handle(async ({ ctx, baseUrl }, req, res) =>
      send(res, 200, located(baseUrl, await readScimUser(app.dataSource, ctx.organizationId, String(req.params.id)))),
    ),
  );
  router.put(
    '/Users/:id',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const current = await readScimUser(app.dataSource, ctx.organizationId, String(req.params.id));
      await changeUser(ctx, current.id, changeFromReplacement(current, objectBody(req.body)));
      send(res, 200, located(baseUrl, await readScimUser(app.dataSource, ctx.organizationId, current.id)));
    }),
  );
  router.patch(
    '/Users/:id',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const current = await readScimUser(app.dataSource, ctx.organizationId, String(req.params.id));
      await changeUser(ctx, current.id, changeFromPatch(current, req.body));
      send(res, 200, located(baseUrl, await readScimUser(app.dataSource, ctx.organizationId, current.id)));
    }),
  );
  router.delete(
    '/Users/:id',
    handle(async ({ ctx }, req, res) => {
      const current = await readScimUser(app.dataSource, ctx.organizationId, String(req.params.id));
      await deleteUser(ctx, current.id);
      send(res, 204);
    }),
  );

  router.get(
    '/Groups',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const filter = parseScimFilter(req.query.filter);
      const groups = applyScimFilter(await readScimGroups(app.dataSource, ctx.organizationId), filter);
      send(
        res,
        200,
        listResponse(
          groups.map((g) => located(baseUrl, g)),
          req.query,
        ),
      );
    }),
  );
  router.post(
    '/Groups',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const id = await createGroup(ctx, req.body);
      send(res, 201, located(baseUrl, await readScimGroup(app.dataSource, ctx.organizationId, id)));
    }),
  );
  router.get(
    '/Groups/:id',
    handle(async ({ ctx, baseUrl }, req, res) =>
      send(res, 200, located(baseUrl, await readScimGroup(app.dataSource, ctx.organizationId, String(req.params.id)))),
    ),
  );
  router.put(
    '/Groups/:id',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const current = await readScimGroup(app.dataSource, ctx.organizationId, String(req.params.id));
      await replaceGroup(ctx, current, req.body);
      send(res, 200, located(baseUrl, await readScimGroup(app.dataSource, ctx.organizationId, current.id)));
    }),
  );
  router.patch(
    '/Groups/:id',
    handle(async ({ ctx, baseUrl }, req, res) => {
      const current = await readScimGroup(app.dataSource, ctx.organizationId, String(req.params.id));
      await patchGroup(ctx, current, req.body);
      send(res, 200, located(baseUrl, await readScimGroup(app.dataSource, ctx.organizationId, current.id)));
    }),
  );
  router.delete(
    '/Groups/:id',
    handle(async ({ ctx }, req, res) => {
      await deleteGroup(ctx, await readScimGroup(app.dataSource, ctx.organizationId, String(req.params.id)));
      send(res, 204);
    }),
  );

  router.use((_req, _res, next) => next(new ScimError(404, 'No such SCIM endpoint.')));
  // Errors: SCIM error bodies (RFC 7644 section 3.12); a database that cannot be reached is 503 with Retry-After;
  // anything unexpected is logged and answered without detail.
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ScimError) return send(res, error.status, scimErrorBody(error));
    const unreachable = unreachableDatabaseError(error);
    if (unreachable) {
      warnDatabaseUnreachable(app.logger, unreachable);
      res.set('Retry-After', String(DatabaseUnavailableError.RETRY_AFTER_SECONDS));
      return send(res, 503, scimErrorBody(new ScimError(503, new DatabaseUnavailableError(unreachable).message)));
    }
    if (error instanceof DomainError) {
      const scim = scimErrorOf(error);
      return send(res, scim.status, scimErrorBody(scim));
    }
    const body = requestBodyProblem(error);
    if (body) return send(res, body.status, scimErrorBody(new ScimError(body.status, body.message, body.syntax ? 'invalidSyntax' : undefined)));
    app.logger.error({ err: error }, 'SCIM request failed');
    return send(res, 500, scimErrorBody(new ScimError(500, 'Something went wrong on the server.')));
  });
  return router;
}
