import {
  RESOURCE_TYPES,
  type AssistantStatus,
  type AssistantVisibility,
  type GrantLevel,
  type OrgRole,
  type ResourceType,
  type TeamRole,
} from '@rolegraph/shared';
import { isUuid } from '../ids';

/** A resource as the evaluator sees it: only what decides access. */
export interface ResourceNode {
  readonly id: string;
  readonly type: ResourceType;
  readonly parentId: string | null;
  /** The owning account; may be a former member (their ownership then gives nothing). */
  readonly ownerId: string;
  /** Assistants only; null for other types. */
  readonly status: AssistantStatus | null;
  readonly visibility: AssistantVisibility | null;
  /** Display name (listings show it without reading the database). */
  readonly name: string;
  /** Sort key for listings: the lower-cased name. */
  readonly sortName: string;
}

/** A LIVE and PUBLIC assistant: MEMBER for everyone. */
export function isPublicAssistant(resource: ResourceNode): boolean {
  return resource.type === 'ASSISTANT' && resource.status === 'LIVE' && resource.visibility === 'PUBLIC';
}

/** Listing order: lower-cased name, then id. */
export function compareResourceNodes(a: ResourceNode, b: ResourceNode): number {
  return a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every resource of a graph in listing order: each type's listing, merged. */
export function mergedTypeListings(graph: Pick<AccessGraph, 'resourcesOfType'>): readonly ResourceNode[] {
  return RESOURCE_TYPES.reduce<readonly ResourceNode[]>((merged, type) => mergeListings(merged, graph.resourcesOfType(type)), []);
}

/** Two lists in listing order, without a node in both, as one list in listing order. */
export function mergeListings(a: readonly ResourceNode[], b: readonly ResourceNode[]): ResourceNode[] {
  const merged: ResourceNode[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(compareResourceNodes(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}

/** The public assistants of a graph with some of its resources changed (by id; null: removed), in listing order. */
export function publicAssistantsOver(base: readonly ResourceNode[], changed: ReadonlyMap<string, ResourceNode | null>): ResourceNode[] {
  const nowPublic = [...changed.values()].filter((node): node is ResourceNode => node !== null && isPublicAssistant(node));
  return mergeListings(
    base.filter((node) => !changed.has(node.id)),
    nowPublic.sort(compareResourceNodes),
  );
}

/** The org owners of a graph with some members' roles changed (by id; null: no longer a member). */
export function* orgOwnersOver(base: Iterable<string>, roles: ReadonlyMap<string, OrgRole | null>): Iterable<string> {
  for (const userId of base) if (!roles.has(userId)) yield userId;
  for (const [userId, role] of roles) if (role === 'OWNER') yield userId;
}

export type GrantSubjectType = 'USER' | 'TEAM';

/** One grant: a level on one resource for a user or a team. One per (resource, subject). */
export interface GrantEdge {
  readonly id: string;
  readonly resourceId: string;
  readonly subjectType: GrantSubjectType;
  readonly subjectId: string;
  readonly level: GrantLevel;
  /** When it ends (epoch milliseconds); null for a grant without an end. */
  readonly expiresAt: number | null;
}

export interface TeamMembershipEdge {
  readonly teamId: string;
  readonly userId: string;
  readonly role: TeamRole;
}

/**
 * The read model of one organization's access graph: members and their org
 * roles, team memberships, resources and grants. The evaluator reads only
 * this interface; `OrgAccessSnapshot` implements it in memory.
 *
 * Every method answers for one organization. Unknown ids answer `undefined`
 * or an empty iterable, never throw. A resource is one node object in every
 * answer (the evaluator collects nodes in sets).
 */
export interface AccessGraph {
  /** The org role of a member, or undefined for anyone who is not (or no longer) a member. */
  memberRole(userId: string): OrgRole | undefined;
  /** Every current member and their role. */
  members(): Iterable<readonly [userId: string, role: OrgRole]>;
  /** The members whose role is OWNER: a few, read without walking every member. */
  orgOwners(): Iterable<string>;
  resource(resourceId: string): ResourceNode | undefined;
  /** Direct children of a resource (assistants of a project). */
  childrenOf(resourceId: string): Iterable<ResourceNode>;
  /** Every resource of a type, in (sortName, id) order. */
  resourcesOfType(type: ResourceType): readonly ResourceNode[];
  /** Every resource, in (sortName, id) order (what reaches every resource, such as an org owner's role change, lists). */
  resourcesInListingOrder(): readonly ResourceNode[];
  resourcesOwnedBy(userId: string): Iterable<ResourceNode>;
  /** LIVE and PUBLIC assistants, in listing order: every listing of assistants merges them in as they are. */
  publicAssistants(): readonly ResourceNode[];
  grantsOn(resourceId: string): Iterable<GrantEdge>;
  grantsTo(subjectType: GrantSubjectType, subjectId: string): Iterable<GrantEdge>;
  /** Ids of the teams a user belongs to. */
  teamsOf(userId: string): ReadonlySet<string>;
  teamMembers(teamId: string): Iterable<TeamMembershipEdge>;
  teamExists(teamId: string): boolean;
  /**
   * Whether a grant counts: it has no end, or ends after the instant this
   * graph answers for. From the instant it expires a grant gives nothing,
   * whether or not anything has removed it yet.
   */
  grantActive(grant: GrantEdge): boolean;
}

/** Characters in a UUID's text form. */
const UUID_LENGTH = 36;

/** The resource with this id in the graph; ids that are missing, malformed or of another organization give undefined. */
export function findResource(graph: AccessGraph, resourceId: string | undefined | null): ResourceNode | undefined {
  if (!resourceId || resourceId.length !== UUID_LENGTH) return undefined;
  // A graph's ids are lower-case UUIDs, so an id found as given is well-formed: only a miss needs the pattern
  // (every check of a batch finds its resource; the pattern was ~5 % of a check's time in a CPU profile).
  const found = graph.resource(resourceId);
  if (found) return found;
  const lower = resourceId.toLowerCase();
  return lower !== resourceId && isUuid(lower) ? graph.resource(lower) : undefined;
}
