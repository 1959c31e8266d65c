import type { AccessGraph } from './accessGraph';
import { actingOrganizationId, type Principal } from '../auth/principal';
import { ForbiddenError } from '../errors';
import { formatRevisionToken } from './revisionToken';

/** A graph and the access revision it is exactly at. */
export interface GraphAtRevision {
  readonly graph: AccessGraph;
  readonly revision: string;
}

/** The graph this instance holds, without asking the database, and when the database last confirmed it current. */
export interface GraphInMemory extends GraphAtRevision {
  /** Epoch ms. */
  readonly verifiedAt: number;
}

/**
 * How fresh a decision must be: FULL (at least the latest committed
 * revision), AT_LEAST a revision (from memory when this instance already has
 * it) or MINIMIZE_LATENCY (whatever this instance has, confirmed current at
 * most MINIMIZE_LATENCY_MAX_AGE_MS ago). See docs/consistency.md.
 */
export type Consistency = { readonly mode: 'FULL' } | { readonly mode: 'AT_LEAST'; readonly revision: bigint } | { readonly mode: 'MINIMIZE_LATENCY' };

/** How old a MINIMIZE_LATENCY answer may be. */
export const MINIMIZE_LATENCY_MAX_AGE_MS = 5_000;

/** Where a request gets its organization's access graph. */
export interface AccessGraphSource {
  /** The organization's graph, at least as recent as `minRevision` (never older). */
  graphAt(organizationId: string, minRevision: string | null): Promise<AccessGraph>;
  /** The same, with the revision it is at; refuses a revision the organization has not committed. */
  graphAtRevision(organizationId: string, minRevision: string | null): Promise<GraphAtRevision>;
  /** What this instance holds for the organization, without any I/O; null when nothing. */
  graphInMemory(organizationId: string): GraphInMemory | null;
  /** The organization's current access revision, read from the database. */
  currentRevision(organizationId: string): Promise<string>;
}

/**
 * The evaluator's view for one request: one graph, at least as recent as the
 * access revision read when the request was authenticated, and a memo of
 * verdicts so a rule asked for every item of a list is decided once per
 * distinct input. After a mutation the view is refreshed, so the mutation's
 * own result is presented with the access it just created.
 */
export class RequestAccess {
  private graphPromise: Promise<GraphAtRevision> | undefined;
  private minRevision: string | null;
  private readonly verdicts = new Map<string, Promise<unknown>>();
  /** The highest revision this request answered at or committed. */
  private highestRevision: bigint | null = null;
  /** The session moved to another organization during this request. */
  private leftOrganization = false;

  /**
   * @param revisionKnown false when the principal was not read from the
   *   database for this request (a remembered credential): its revision is
   *   then no bound, and FULL reads the current one.
   */
  constructor(
    private readonly source: AccessGraphSource,
    readonly principal: Principal | null,
    revisionKnown = true,
  ) {
    this.minRevision = revisionKnown ? (principal?.accessRevision ?? null) : null;
    if (this.minRevision !== null) this.noteRevision(this.minRevision);
  }

  get organizationId(): string | null {
    return actingOrganizationId(this.principal);
  }

  /** The acting organization's graph. */
  async graph(): Promise<AccessGraph> {
    return (await this.graphAtRevision()).graph;
  }

  /** The acting organization's graph at least as recent as the request (FULL), and its revision. */
  graphAtRevision(): Promise<GraphAtRevision> {
    const organizationId = this.organizationId;
    if (!organizationId) return Promise.reject(new ForbiddenError('You are not a member of an organization.'));
    this.graphPromise ??= this.source.graphAtRevision(organizationId, this.minRevision).then((answer) => {
      this.noteRevision(answer.revision);
      return answer;
    });
    return this.graphPromise;
  }

  /** A graph as fresh as `consistency` asks, and its revision. */
  async graphFor(consistency: Consistency): Promise<GraphAtRevision> {
    const organizationId = this.organizationId;
    if (!organizationId || consistency.mode === 'FULL') return this.graphAtRevision();
    const inMemory = this.source.graphInMemory(organizationId);
    let answer: GraphAtRevision;
    if (consistency.mode === 'AT_LEAST') {
      answer =
        inMemory && BigInt(inMemory.revision) >= consistency.revision
          ? inMemory
          : await this.source.graphAtRevision(organizationId, String(consistency.revision));
    } else if (inMemory && Date.now() - inMemory.verifiedAt <= MINIMIZE_LATENCY_MAX_AGE_MS) {
      answer = inMemory;
    } else {
      return this.graphAtRevision();
    }
    this.noteRevision(answer.revision);
    return answer;
  }

  /** Records a revision this request answered at or committed. */
  noteRevision(revision: string): void {
    const value = BigInt(revision);
    if (this.highestRevision === null || value > this.highestRevision) this.highestRevision = value;
  }

  /** The token for one of this organization's revisions. */
  revisionToken(revision: string): string {
    return formatRevisionToken(this.organizationId ?? '', revision);
  }

  /**
   * The session now acts in another organization (switched, created or
   * deleted one): the response carries no token of the one it left, which
   * the next requests, acting elsewhere, could only have refused.
   */
  sessionMoved(): void {
    this.leftOrganization = true;
  }

  /** The token for the highest revision this request answered at or committed; null outside an organization or once the session moved. */
  responseRevision(): string | null {
    if (this.leftOrganization) return null;
    const organizationId = this.organizationId ?? (this.principal?.kind === 'USER' ? this.principal.organizationId : null);
    return organizationId && this.highestRevision !== null ? formatRevisionToken(organizationId, this.highestRevision) : null;
  }

  /** Computes `compute()` once per key for this request. */
  memoize<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let verdict = this.verdicts.get(key) as Promise<T> | undefined;
    if (!verdict) {
      verdict = compute();
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  /** Forget memoised verdicts and answer from `graph`, at `revision` (a live delivery). */
  useGraph(revision: string, graph: AccessGraph): void {
    this.graphPromise = Promise.resolve({ graph, revision });
    this.noteRevision(revision);
    this.verdicts.clear();
    this.minRevision = revision;
  }

  /** Forget the graph and memoised verdicts: the next question reads the organization's current revision. */
  async refresh(): Promise<void> {
    const organizationId = this.organizationId;
    this.graphPromise = undefined;
    this.verdicts.clear();
    if (organizationId) {
      this.minRevision = await this.source.currentRevision(organizationId);
      this.noteRevision(this.minRevision);
    }
  }
}
