import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import type { AppServices } from '../app/appServices';
import type { ApiKeyPrincipal, MemberPrincipal } from '../auth/principal';
import { formatRevisionToken, parseRevisionToken } from '../access/revisionToken';
import { BadUserInputError } from '../errors';
import { readLoggedChanges } from './accessChangeLog';
import { visibleChangesOf } from './accessChangesPolicy';
import type { AccessLevelChange } from './accessChange.types';

/** Rows read from the log at a time. */
const PAGE = 500;
/** How often the log is read even when no event announced a change (an event may be lost on its way). */
const POLL_MS = 5_000;
/** Changes a slow subscriber may have waiting; past that the log waits for it (nothing is dropped). */
const BUFFER = 10_000;
const LAST_SEQ = 2_147_483_647;

/** The revision to start after: a token of this organization not past its current revision; none means from now. */
export async function startingRevision(app: AppServices, organizationId: string, after: string | null | undefined): Promise<bigint> {
  const current = BigInt(await app.accessGraphs.currentRevision(organizationId));
  if (after === null || after === undefined) return current;
  const token = parseRevisionToken(after);
  if (!token) throw new BadUserInputError('after is not a revision token: pass one the stream or a response returned, unchanged.', 'after');
  if (token.organizationId !== organizationId) throw new BadUserInputError('after is a revision token of another organization.', 'after');
  if (token.revision > current) throw new BadUserInputError('after names a revision this organization has not committed.', 'after');
  return token.revision;
}

/**
 * The `accessChanges` stream of one subscriber: the organization's change
 * log read in (revision, position) order from `after`, woken by each
 * `accessChangesLogged` event (from any instance) and every few seconds, so
 * nothing is lost or repeated and a subscriber resumes exactly after the
 * last revision it saw; when the revision moves without more changes for
 * the subscriber, one CAUGHT_UP says so. Each page is filtered by what the subscriber may see
 * at that moment (accessChangesPolicy.ts). Past the retention, or at a bulk
 * import, it sends one RESYNC_REQUIRED and ends.
 */
export function accessChangeStream(app: AppServices, principal: MemberPrincipal | ApiKeyPrincipal, after: bigint): AsyncIterableIterator<AccessLevelChange> {
  const organizationId = principal.organizationId;
  const token = (revision: bigint | string) => formatRevisionToken(organizationId, revision);
  return new Repeater<AccessLevelChange>(async (push, stop) => {
    let stopped = false;
    let wake: (() => void) | null = null;
    const off = app.live.listen(organizationId, (delivery) => {
      if (delivery.event.type === 'accessChangesLogged') wake?.();
    });
    void stop.then(() => {
      stopped = true;
      wake?.();
    });
    let revision = after;
    let seq = LAST_SEQ;
    /** The visible changes of a revision whose last row has not been read yet. */
    let pending: AccessLevelChange[] = [];
    /** The last revision the subscriber was told it has whole (a change that ended it, or CAUGHT_UP). */
    let announced = after;
    try {
      while (!stopped) {
        const page = await readLoggedChanges((sql, params) => app.dataSource.query(sql, params), organizationId, revision, seq, PAGE);
        if (revision < page.logFrom) {
          await push({
            kind: 'RESYNC_REQUIRED',
            userId: null,
            resourceId: null,
            resourceType: null,
            before: null,
            after: null,
            revision: token(page.logFrom),
            endOfRevision: true,
          });
          break;
        }
        const graph = page.changes.length > 0 ? await app.accessGraphs.graphAt(organizationId, String(page.current)) : null;
        const visible = graph ? visibleChangesOf(principal, graph) : { userId: null };
        if (!visible) break;
        let resync = false;
        for (const change of page.changes) {
          if (change.kind === 'RESYNC') {
            await push({
              kind: 'RESYNC_REQUIRED',
              userId: null,
              resourceId: null,
              resourceType: null,
              before: null,
              after: null,
              revision: token(change.revision),
              endOfRevision: true,
            });
            resync = true;
            break;
          }
          if (visible.userId === null || change.userId === visible.userId) {
            pending.push({
              kind: 'LEVEL_CHANGED',
              userId: change.userId,
              resourceId: change.resourceId,
              resourceType: change.resourceType,
              before: change.before,
              after: change.after,
              revision: token(change.revision),
              endOfRevision: false,
            });
          }
          // A revision goes out whole once its last row is read, the last visible change marked.
          if (change.last) {
            for (let i = 0; i < pending.length; i++) await push({ ...pending[i]!, endOfRevision: i === pending.length - 1 });
            if (pending.length > 0) announced = BigInt(change.revision);
            pending = [];
          }
        }
        if (resync) break;
        const last = page.changes.at(-1);
        if (page.changes.length === PAGE && last) {
          revision = BigInt(last.revision);
          seq = last.seq;
          continue;
        }
        // Every commit up to the current revision was visible to the read: continue after it.
        const reached = last && BigInt(last.revision) > page.current ? BigInt(last.revision) : page.current;
        if (reached > announced) {
          // The revision moved past the last change sent: say the subscriber has everything up to it.
          await push({
            kind: 'CAUGHT_UP',
            userId: null,
            resourceId: null,
            resourceType: null,
            before: null,
            after: null,
            revision: token(reached),
            endOfRevision: true,
          });
          announced = reached;
        }
        revision = reached;
        seq = LAST_SEQ;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } finally {
      off();
    }
    stop();
  }, new FixedBuffer(BUFFER));
}
