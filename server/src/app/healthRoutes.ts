import { Router } from 'express';
import type { Database } from '../db/database';
import type { LiveEventBus } from '../live/eventBus';

/** How long /readyz waits for the database before calling it unreachable. */
export const DATABASE_CHECK_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: liveness — the process answers, nothing else is consulted.
 * `/readyz`: readiness — 200 when the database answers a query within
 * DATABASE_CHECK_TIMEOUT_MS and the start-up warm-up of access snapshots is
 * over, 503 otherwise. Redis is reported, not required: without it queries
 * and mutations still work (live events then stay on this instance), so a
 * load balancer should keep the instance.
 */
export function healthRoutes(deps: { readonly database: Database; readonly events: LiveEventBus; readonly warming: () => boolean }): Router {
  const router = Router();
  const databaseAnswers = databaseProbe(deps.database);

  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  router.get('/readyz', async (_req, res) => {
    const reachable = await databaseAnswers();
    const warming = deps.warming();
    const ready = reachable && !warming;
    res
      .status(ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ ready, database: { kind: deps.database.kind, reachable }, events: deps.events.status(), accessSnapshots: { warming } });
  });

  return router;
}

/**
 * Whether the database answers `SELECT 1` within the timeout. One query at a
 * time: probes that arrive while it is out wait on the same one, so probes
 * against a database that does not answer never pile up queries waiting for
 * connections.
 */
function databaseProbe(database: Database): () => Promise<boolean> {
  let inFlight: Promise<boolean> | undefined;
  return async () => {
    inFlight ??= database.dataSource
      .query('SELECT 1')
      .then(
        () => true,
        () => false,
      )
      .finally(() => {
        inFlight = undefined;
      });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([inFlight, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}
