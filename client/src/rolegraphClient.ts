import type { ResourceType } from '@rolegraph/shared';
import { RolegraphError } from './errors';
import { laterOf } from './revisionTokens';
import type { AccessEntry, AccessExplanation, CheckInput, Consistency, Decision, ResourcePage } from './types';

export interface RolegraphClientOptions {
  /** The server's base URL, e.g. "http://localhost:4000" (the API is at /graphql). */
  readonly url: string;
  /** An API key with permissions: READ (or a member's session token, for their own checks). */
  readonly apiKey: string;
  /** A fetch to use instead of the global one. */
  readonly fetch?: typeof fetch;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { accessRevision?: string };
}

const REASON = `source level winning inherited teamId anchorResourceId expiresAt summary`;
const DENIAL = `denial { kind requiredLevel capability message }`;
const DECISION = `allowed level allowedBy userId action resourceId revision ${DENIAL}`;

/**
 * Rolegraph's decision queries, typed, with revision tokens carried for you:
 * the client remembers the most recent `extensions.accessRevision` of every
 * response and asks later questions AT_LEAST that revision, so once it has
 * seen a change (a revoke it made, or a token you hand it with
 * `observeRevision`) it never gets an answer from before it.
 */
export class RolegraphClient {
  private latest: string | null = null;
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;

  constructor(readonly options: RolegraphClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/graphql`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** The most recent revision token seen; null before the first answer. */
  get revision(): string | null {
    return this.latest;
  }

  /** Remembers a token from elsewhere (e.g. the response of a mutation your service made): later answers are at least that fresh. */
  observeRevision(token: string | null | undefined): void {
    if (token) this.latest = laterOf(this.latest, token);
  }

  /** May the user do the action (on the resource, or as an org capability without one)? */
  async check(input: CheckInput, consistency?: Consistency): Promise<Decision> {
    const data = await this.request<{ checkPermission: Decision }>(
      `query Check($input: CheckPermissionInput!, $consistency: ConsistencyInput) { checkPermission(input: $input, consistency: $consistency) { ${DECISION} } }`,
      { input, consistency: this.consistency(consistency) },
    );
    return data.checkPermission;
  }

  /** Up to 1000 checks at once, answered in order at one revision. */
  async checkMany(inputs: readonly CheckInput[], consistency?: Consistency): Promise<Decision[]> {
    if (inputs.length === 0) return [];
    const data = await this.request<{ checkPermissions: Decision[] }>(
      `query CheckMany($inputs: [CheckPermissionInput!]!, $consistency: ConsistencyInput) { checkPermissions(inputs: $inputs, consistency: $consistency) { ${DECISION} } }`,
      { inputs, consistency: this.consistency(consistency) },
    );
    return data.checkPermissions;
  }

  /** The user's effective level on the resource, the actions it allows, and every path. */
  async explain(userId: string, resourceId: string, consistency?: Consistency): Promise<AccessExplanation> {
    const data = await this.request<{ explainAccess: AccessExplanation }>(
      `query Explain($userId: ID!, $resourceId: ID!, $consistency: ConsistencyInput) {
        explainAccess(userId: $userId, resourceId: $resourceId, consistency: $consistency) { userId resourceId level allowedActions revision reasons { ${REASON} } ${DENIAL} }
      }`,
      { userId, resourceId, consistency: this.consistency(consistency) },
    );
    return data.explainAccess;
  }

  /** One page of the resources of a type on which the user may do the action, by name (ids and types: names need resources: READ). */
  async accessibleResources(
    userId: string,
    type: ResourceType,
    action: string,
    page: { first?: number; after?: string | null } = {},
    consistency?: Consistency,
  ): Promise<ResourcePage> {
    const { data, revision } = await this.requestWithRevision<{
      accessibleResources: {
        totalCount: number;
        edges: { node: { id: string; type: ResourceType } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(
      `query Accessible($userId: ID!, $type: ResourceType!, $action: String!, $first: Int, $after: String, $consistency: ConsistencyInput) {
        accessibleResources(userId: $userId, type: $type, action: $action, first: $first, after: $after, consistency: $consistency) {
          totalCount edges { node { id type } } pageInfo { hasNextPage endCursor }
        }
      }`,
      { userId, type, action, first: page.first ?? 100, after: page.after ?? null, consistency: this.consistency(consistency) },
    );
    const connection = data.accessibleResources;
    return {
      resources: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      nextCursor: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null,
      revision: revision!,
    };
  }

  /** Who has access to the resource, at which level, and why. */
  async resourceAccess(resourceId: string, consistency?: Consistency): Promise<AccessEntry[]> {
    const data = await this.request<{ resourceAccess: AccessEntry[] }>(
      `query Who($resourceId: ID!, $consistency: ConsistencyInput) { resourceAccess(resourceId: $resourceId, consistency: $consistency) { userId level revision reasons { ${REASON} } } }`,
      { resourceId, consistency: this.consistency(consistency) },
    );
    return data.resourceAccess;
  }

  /** The organization's current revision token (asked at FULL consistency). */
  async currentRevision(): Promise<string> {
    const { revision } = await this.requestWithRevision(`query Revision { checkPermissions(inputs: [], consistency: { mode: FULL }) { allowed } }`, {});
    return revision!;
  }

  /** Any GraphQL operation; remembers the revision its response carries. */
  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return (await this.requestWithRevision<T>(query, variables)).data;
  }

  private async requestWithRevision<T>(query: string, variables: Record<string, unknown>): Promise<{ data: T; revision: string | null }> {
    const response = await this.fetchImpl(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${this.options.apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
    let body: GraphQLResponse<T>;
    try {
      body = (await response.json()) as GraphQLResponse<T>;
    } catch {
      throw new RolegraphError('HTTP_ERROR', `Rolegraph answered ${response.status} without a GraphQL response.`);
    }
    const revision = body.extensions?.accessRevision ?? null;
    this.observeRevision(revision);
    if (body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      throw new RolegraphError(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first?.message ?? 'No data in the response.', body.errors ?? []);
    }
    return { data: body.data, revision };
  }

  private consistency(consistency: Consistency | undefined): Record<string, string> {
    if (consistency) return consistency.mode === 'AT_LEAST' ? { mode: 'AT_LEAST', atLeast: consistency.atLeast } : { mode: consistency.mode };
    return this.latest ? { mode: 'AT_LEAST', atLeast: this.latest } : { mode: 'FULL' };
  }
}
