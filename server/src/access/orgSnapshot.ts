import type { OrgRole, ResourceType } from '@rolegraph/shared';
import {
  compareResourceNodes,
  isPublicAssistant,
  mergedTypeListings,
  type AccessGraph,
  type GrantEdge,
  type GrantSubjectType,
  type ResourceNode,
  type TeamMembershipEdge,
} from './accessGraph';
import { GraphAtInstant } from './graphAtInstant';

const EMPTY_SET: ReadonlySet<string> = new Set();

/**
 * One string per enumerated value (a type, status, visibility, level or
 * role): every row read from the database brings its own copy, which would
 * otherwise stay alive in every node and grant. Bounded: the database only
 * holds the enumerations' values.
 */
const ENUMERATED = new Map<string, string>();
function oneCopy<T extends string>(value: T): T {
  const known = ENUMERATED.get(value);
  if (known !== undefined) return known as T;
  ENUMERATED.set(value, value);
  return value;
}
const NO_GRANTS: readonly GrantEdge[] = [];
const NO_NODES: readonly ResourceNode[] = [];

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * Ids, nodes and grants kept in small arrays per key (children of a project,
 * resources of an owner, grants on a resource): leaner than a set or a map
 * each, and lists are what the evaluator reads. Order within a list carries no
 * meaning: a removal moves the last item into the gap.
 */
function pushItem<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function dropItem<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(item);
  if (at < 0) return;
  list[at] = list[list.length - 1]!;
  list.pop();
  if (list.length === 0) map.delete(key);
}

/**
 * One organization's access graph in memory, indexed for the evaluator:
 * grants by resource and by subject, children by parent, resources by type
 * (kept sorted lazily) and by owner, teams by member.
 *
 * It is changed only by idempotent upserts and removals keyed like the
 * database rows, so replaying changed rows in any order converges on the
 * database's state (see AccessSnapshotCache). Removing a team or resource
 * also drops what hangs off it, whether or not those rows' own removals
 * arrive.
 */
export class OrgAccessSnapshot implements AccessGraph {
  private readonly roles = new Map<string, OrgRole>();
  private readonly owners = new Set<string>();
  private readonly resources = new Map<string, ResourceNode>();
  /** Children by parent and resources by owner, as nodes (the ones in the resource map): listings read them without a lookup each. */
  private readonly children = new Map<string, ResourceNode[]>();
  private readonly sortedByType = new Map<ResourceType, readonly ResourceNode[]>();
  /** Every resource in listing order, merged from the types' listings when first asked (a role change to or from Owner), until a resource changes. */
  private sortedAll: readonly ResourceNode[] | undefined;
  private readonly byOwner = new Map<string, ResourceNode[]>();
  private readonly publicIds = new Set<string>();
  private sortedPublic: readonly ResourceNode[] | undefined;
  private readonly grants = new Map<string, GrantEdge>();
  private readonly grantsByResource = new Map<string, GrantEdge[]>();
  private readonly grantsByUser = new Map<string, GrantEdge[]>();
  private readonly grantsByTeam = new Map<string, GrantEdge[]>();
  private readonly teams = new Set<string>();
  private readonly teamMemberships = new Map<string, Map<string, TeamMembershipEdge>>();
  private readonly teamsByUser = new Map<string, Set<string>>();
  /**
   * One string per id of a member or team, shared by every structure that
   * mentions it: rows read from the database bring a fresh copy of each id in
   * every row, which would otherwise all stay alive. Resources need no pool:
   * the resource map's own node holds their one copy.
   */
  private readonly principalIds = new Map<string, string>();

  // ---- AccessGraph -------------------------------------------------------

  memberRole(userId: string): OrgRole | undefined {
    return this.roles.get(userId);
  }

  members(): Iterable<readonly [string, OrgRole]> {
    return this.roles.entries();
  }

  orgOwners(): Iterable<string> {
    return this.owners;
  }

  resource(resourceId: string): ResourceNode | undefined {
    return this.resources.get(resourceId);
  }

  childrenOf(resourceId: string): readonly ResourceNode[] {
    return this.children.get(resourceId) ?? NO_NODES;
  }

  resourcesOfType(type: ResourceType): readonly ResourceNode[] {
    let sorted = this.sortedByType.get(type);
    if (!sorted) {
      sorted = [...this.resources.values()].filter((node) => node.type === type).sort(compareResourceNodes);
      this.sortedByType.set(type, sorted);
    }
    return sorted;
  }

  resourcesInListingOrder(): readonly ResourceNode[] {
    this.sortedAll ??= mergedTypeListings(this);
    return this.sortedAll;
  }

  resourcesOwnedBy(userId: string): readonly ResourceNode[] {
    return this.byOwner.get(userId) ?? NO_NODES;
  }

  /** In listing order, kept until a public assistant comes, goes or changes: every listing of assistants reads it. */
  publicAssistants(): readonly ResourceNode[] {
    this.sortedPublic ??= [...this.publicIds].map((id) => this.resources.get(id)!).sort(compareResourceNodes);
    return this.sortedPublic;
  }

  grantsOn(resourceId: string): Iterable<GrantEdge> {
    return this.grantsByResource.get(resourceId) ?? NO_GRANTS;
  }

  grantsTo(subjectType: GrantSubjectType, subjectId: string): Iterable<GrantEdge> {
    return this.grantsBySubjectType(subjectType).get(subjectId) ?? NO_GRANTS;
  }

  private grantsBySubjectType(subjectType: GrantSubjectType): Map<string, GrantEdge[]> {
    return subjectType === 'USER' ? this.grantsByUser : this.grantsByTeam;
  }

  teamsOf(userId: string): ReadonlySet<string> {
    return this.teamsByUser.get(userId) ?? EMPTY_SET;
  }

  teamMembers(teamId: string): Iterable<TeamMembershipEdge> {
    return this.teamMemberships.get(teamId)?.values() ?? [];
  }

  teamExists(teamId: string): boolean {
    return this.teams.has(teamId);
  }

  /** Against the clock; questions that must share one instant ask `at(instant)`. */
  grantActive(grant: GrantEdge): boolean {
    return grant.expiresAt === null || grant.expiresAt > Date.now();
  }

  /** This graph as it answers at `instant` (epoch ms): grants that have ended by then count for nothing. */
  at(instant: number): GraphAtInstant {
    return new GraphAtInstant(this, instant);
  }

  // ---- changes -------------------------------------------------------------

  /** The graph's own copy of a member's, team's or resource's id, or the id itself when nothing in the graph is known by it. */
  private canonical(id: string): string {
    return this.principalIds.get(id) ?? this.resources.get(id)?.id ?? id;
  }

  private pooledPrincipal(id: string): string {
    const known = this.principalIds.get(id);
    if (known !== undefined) return known;
    this.principalIds.set(id, id);
    return id;
  }

  /**
   * Gives every index list exactly the room it uses. Lists grown one push at a
   * time keep spare capacity (V8 grows a full array by half plus 16 slots);
   * after a full load that spare room is most of their size.
   */
  compact(): void {
    for (const map of [this.grantsByResource, this.grantsByUser, this.grantsByTeam, this.children, this.byOwner] as Map<string, unknown[]>[]) {
      for (const [key, list] of map) map.set(key, list.slice());
    }
  }

  /** Counts, for logs and tests. */
  get size(): { members: number; teams: number; resources: number; grants: number } {
    return { members: this.roles.size, teams: this.teams.size, resources: this.resources.size, grants: this.grants.size };
  }

  /** The grant with this id, if the graph has it. */
  grantById(grantId: string): GrantEdge | undefined {
    return this.grants.get(grantId);
  }

  /** An independent copy: changing one leaves the other as it was. */
  clone(): OrgAccessSnapshot {
    const copy = new OrgAccessSnapshot();
    for (const [userId, role] of this.roles) copy.upsertMember(userId, role);
    for (const teamId of this.teams) copy.upsertTeam(teamId);
    for (const members of this.teamMemberships.values()) for (const edge of members.values()) copy.upsertTeamMember(edge);
    for (const node of this.resources.values()) copy.upsertResource(node);
    for (const edge of this.grants.values()) copy.upsertGrant(edge);
    return copy;
  }

  upsertMember(userId: string, role: OrgRole): void {
    const id = this.pooledPrincipal(userId);
    this.roles.set(id, oneCopy(role));
    if (role === 'OWNER') this.owners.add(id);
    else this.owners.delete(id);
  }

  removeMember(userId: string): void {
    this.roles.delete(userId);
    this.owners.delete(userId);
    if (!this.teams.has(userId)) this.principalIds.delete(userId);
  }

  upsertResource(given: ResourceNode): void {
    const previous = this.resources.get(given.id);
    const node: ResourceNode = {
      id: previous?.id ?? given.id,
      type: oneCopy(given.type),
      parentId: given.parentId === null ? null : this.canonical(given.parentId),
      ownerId: this.canonical(given.ownerId),
      status: given.status === null ? null : oneCopy(given.status),
      visibility: given.visibility === null ? null : oneCopy(given.visibility),
      name: given.name,
      sortName: given.sortName,
    };
    if (previous) this.unindexResource(previous);
    this.resources.set(node.id, node);
    if (node.parentId) pushItem(this.children, node.parentId, node);
    pushItem(this.byOwner, node.ownerId, node);
    if (isPublicAssistant(node)) {
      this.publicIds.add(node.id);
      this.sortedPublic = undefined;
    }
    this.forgetListings(node.type);
  }

  /** Removes a resource with its grants (the database cascades them too). Its children stay until their own removal arrives. */
  removeResource(resourceId: string): void {
    const previous = this.resources.get(resourceId);
    if (previous) {
      this.unindexResource(previous);
      this.resources.delete(resourceId);
      this.forgetListings(previous.type);
    }
    for (const grant of [...(this.grantsByResource.get(resourceId) ?? NO_GRANTS)]) this.removeGrant(grant.id);
  }

  /** A resource of the type came, went or changed: its type's listing and the listing of all are made again when next asked. */
  private forgetListings(type: ResourceType): void {
    this.sortedByType.delete(type);
    this.sortedAll = undefined;
  }

  private unindexResource(node: ResourceNode): void {
    if (node.parentId) dropItem(this.children, node.parentId, node);
    dropItem(this.byOwner, node.ownerId, node);
    if (this.publicIds.delete(node.id)) this.sortedPublic = undefined;
    this.forgetListings(node.type);
  }

  upsertGrant(edge: GrantEdge): void {
    this.removeGrant(edge.id);
    const stored: GrantEdge = {
      id: edge.id,
      resourceId: this.resources.get(edge.resourceId)?.id ?? edge.resourceId,
      subjectType: oneCopy(edge.subjectType),
      subjectId: this.principalIds.get(edge.subjectId) ?? edge.subjectId,
      level: oneCopy(edge.level),
      expiresAt: edge.expiresAt,
    };
    this.grants.set(stored.id, stored);
    pushItem(this.grantsByResource, stored.resourceId, stored);
    pushItem(this.grantsBySubjectType(stored.subjectType), stored.subjectId, stored);
  }

  removeGrant(grantId: string): void {
    const edge = this.grants.get(grantId);
    if (!edge) return;
    this.grants.delete(grantId);
    dropItem(this.grantsByResource, edge.resourceId, edge);
    dropItem(this.grantsBySubjectType(edge.subjectType), edge.subjectId, edge);
  }

  upsertTeam(teamId: string): void {
    this.teams.add(this.pooledPrincipal(teamId));
  }

  /** Removes a team with its memberships and grants (the database cascades them too). */
  removeTeam(teamId: string): void {
    this.teams.delete(teamId);
    if (!this.roles.has(teamId)) this.principalIds.delete(teamId);
    for (const userId of [...(this.teamMemberships.get(teamId)?.keys() ?? [])]) this.removeTeamMember(teamId, userId);
    for (const grant of [...(this.grantsByTeam.get(teamId) ?? NO_GRANTS)]) this.removeGrant(grant.id);
  }

  upsertTeamMember(given: TeamMembershipEdge): void {
    const edge: TeamMembershipEdge = {
      teamId: this.principalIds.get(given.teamId) ?? given.teamId,
      userId: this.principalIds.get(given.userId) ?? given.userId,
      role: oneCopy(given.role),
    };
    let members = this.teamMemberships.get(edge.teamId);
    if (!members) {
      members = new Map();
      this.teamMemberships.set(edge.teamId, members);
    }
    members.set(edge.userId, edge);
    addTo(this.teamsByUser, edge.userId, edge.teamId);
  }

  removeTeamMember(teamId: string, userId: string): void {
    const members = this.teamMemberships.get(teamId);
    if (members) {
      members.delete(userId);
      if (members.size === 0) this.teamMemberships.delete(teamId);
    }
    removeFrom(this.teamsByUser, userId, teamId);
  }
}
