import type { AccessGraph } from './accessGraph';
import { actingOrganizationId, type Principal } from '../auth/principal';
import { ForbiddenError } from '../errors';

/** Where a request gets its organization's access graph. */
export interface AccessGraphSource {
  /** The organization's graph, at least as recent as `minRevision` (never older). */
  graphAt(organizationId: string, minRevision: string | null): Promise<AccessGraph>;
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
  private graphPromise: Promise<AccessGraph> | undefined;
  private minRevision: string | null;
  private readonly verdicts = new Map<string, Promise<unknown>>();

  constructor(
    private readonly source: AccessGraphSource,
    readonly principal: Principal | null,
  ) {
    this.minRevision = principal?.accessRevision ?? null;
  }

  get organizationId(): string | null {
    return actingOrganizationId(this.principal);
  }

  /** The acting organization's graph. */
  graph(): Promise<AccessGraph> {
    const organizationId = this.organizationId;
    if (!organizationId) return Promise.reject(new ForbiddenError('You are not a member of an organization.'));
    this.graphPromise ??= this.source.graphAt(organizationId, this.minRevision);
    return this.graphPromise;
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
    this.graphPromise = Promise.resolve(graph);
    this.verdicts.clear();
    this.minRevision = revision;
  }

  /** Forget the graph and memoised verdicts: the next question reads the organization's current revision. */
  async refresh(): Promise<void> {
    const organizationId = this.organizationId;
    this.graphPromise = undefined;
    this.verdicts.clear();
    if (organizationId) this.minRevision = await this.source.currentRevision(organizationId);
  }
}
