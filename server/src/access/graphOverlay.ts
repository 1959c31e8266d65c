import type { OrgRole, ResourceType, TeamRole } from '@rolegraph/shared';
import {
  orgOwnersOver,
  publicAssistantsOver,
  type AccessGraph,
  type GrantEdge,
  type GrantSubjectType,
  type ResourceNode,
  type TeamMembershipEdge,
} from './accessGraph';

const subjectKey = (type: GrantSubjectType, id: string) => `${type}:${id}`;

/**
 * An organization's graph with changes laid over it, the graph underneath
 * untouched: what the organization would look like after a change that has
 * not been made. The evaluator reads it like any graph, so "what would this
 * change do?" is answered by the same rules that answer checks.
 *
 * Changes are few (one mutation's worth, or a share dialog's Save); every
 * read combines the graph underneath with them, the grants added by resource.
 */
export class GraphOverlay implements AccessGraph {
  /** A member's new role, or null once removed. */
  private readonly roles = new Map<string, OrgRole | null>();
  /** Team memberships added (edge) or removed (null), by team then user. */
  private readonly teamMemberships = new Map<string, Map<string, TeamMembershipEdge | null>>();
  /** Grants added or changed (edge), or removed (null), by grant id. */
  private readonly grants = new Map<string, GrantEdge | null>();
  /** The grants added or changed, by resource then grant id: what grantsOn adds to the graph underneath without reading every change. */
  private readonly grantsSetOn = new Map<string, Map<string, GrantEdge>>();
  /** Resources whose owner, status or visibility changed (node), or removed (null). */
  private readonly resources = new Map<string, ResourceNode | null>();
  /** Teams removed: no members, no grants, and gone. */
  private readonly removedTeams = new Set<string>();
  /** teamsOf answers for users whose teams changed, computed once until the next change. */
  private readonly teamsCache = new Map<string, ReadonlySet<string>>();

  constructor(private readonly base: AccessGraph) {}

  // ---- changes ---------------------------------------------------------------

  setRole(userId: string, role: OrgRole | null): void {
    this.roles.set(userId, role);
  }

  setTeamMembership(teamId: string, userId: string, role: TeamRole | null): void {
    let members = this.teamMemberships.get(teamId);
    if (!members) {
      members = new Map();
      this.teamMemberships.set(teamId, members);
    }
    members.set(userId, role === null ? null : { teamId, userId, role });
    this.teamsCache.delete(userId);
  }

  /** Adds or replaces a grant; one grant per (resource, subject), as in the database. */
  setGrant(edge: GrantEdge): void {
    const existing = this.findGrant(edge.resourceId, edge.subjectType, edge.subjectId);
    if (existing && existing.id !== edge.id) this.removeGrant(existing.id);
    this.forgetSetGrant(edge.id);
    this.grants.set(edge.id, edge);
    let onResource = this.grantsSetOn.get(edge.resourceId);
    if (!onResource) {
      onResource = new Map();
      this.grantsSetOn.set(edge.resourceId, onResource);
    }
    onResource.set(edge.id, edge);
  }

  removeGrant(grantId: string): void {
    this.forgetSetGrant(grantId);
    this.grants.set(grantId, null);
  }

  private forgetSetGrant(grantId: string): void {
    const set = this.grants.get(grantId);
    if (set) this.grantsSetOn.get(set.resourceId)?.delete(grantId);
  }

  setResource(node: ResourceNode): void {
    this.resources.set(node.id, node);
  }

  /** Removes a resource: it, its grants and its place among its parent's children are gone (its descendants are removed one by one). */
  removeResource(resourceId: string): void {
    this.resources.set(resourceId, null);
  }

  /** Removes a team with its memberships and its grants, as deleting it does. */
  removeTeam(teamId: string): void {
    for (const member of [...this.teamMembers(teamId)]) this.setTeamMembership(teamId, member.userId, null);
    for (const grant of [...this.grantsTo('TEAM', teamId)]) this.removeGrant(grant.id);
    this.removedTeams.add(teamId);
  }

  /** The grant of a subject on a resource, as the overlay sees it. */
  findGrant(resourceId: string, subjectType: GrantSubjectType, subjectId: string): GrantEdge | undefined {
    for (const grant of this.grantsOn(resourceId)) if (grant.subjectType === subjectType && grant.subjectId === subjectId) return grant;
    return undefined;
  }

  // ---- AccessGraph -------------------------------------------------------------

  memberRole(userId: string): OrgRole | undefined {
    const changed = this.roles.get(userId);
    if (changed !== undefined) return changed ?? undefined;
    return this.base.memberRole(userId);
  }

  *members(): Iterable<readonly [string, OrgRole]> {
    for (const [userId, role] of this.base.members()) {
      const changed = this.roles.get(userId);
      if (changed === undefined) yield [userId, role];
      else if (changed !== null) yield [userId, changed];
    }
    for (const [userId, role] of this.roles) if (role !== null && this.base.memberRole(userId) === undefined) yield [userId, role];
  }

  orgOwners(): Iterable<string> {
    return orgOwnersOver(this.base.orgOwners(), this.roles);
  }

  resource(resourceId: string): ResourceNode | undefined {
    const changed = this.resources.get(resourceId);
    if (changed !== undefined) return changed ?? undefined;
    return this.base.resource(resourceId);
  }

  childrenOf(resourceId: string): Iterable<ResourceNode> {
    if (this.resources.size === 0) return this.base.childrenOf(resourceId);
    return this.changedChildrenOf(resourceId);
  }

  private *changedChildrenOf(resourceId: string): Iterable<ResourceNode> {
    for (const child of this.base.childrenOf(resourceId)) {
      const changed = this.resources.get(child.id);
      if (changed !== null) yield changed ?? child;
    }
  }

  resourcesOfType(type: ResourceType): readonly ResourceNode[] {
    return this.withChanges(this.base.resourcesOfType(type));
  }

  resourcesInListingOrder(): readonly ResourceNode[] {
    return this.withChanges(this.base.resourcesInListingOrder());
  }

  /** A listing of the graph underneath as it is with the changes: nodes changed (not renamed: the order holds) or gone. */
  private withChanges(list: readonly ResourceNode[]): readonly ResourceNode[] {
    if (this.resources.size === 0) return list;
    const current: ResourceNode[] = [];
    for (const node of list) {
      const changed = this.resources.get(node.id);
      if (changed !== null) current.push(changed ?? node);
    }
    return current;
  }

  *resourcesOwnedBy(userId: string): Iterable<ResourceNode> {
    for (const node of this.base.resourcesOwnedBy(userId)) {
      const changed = this.resources.get(node.id);
      if (changed === null) continue;
      const current = changed ?? node;
      if (current.ownerId === userId) yield current;
    }
    for (const node of this.resources.values()) {
      if (node && node.ownerId === userId && this.base.resource(node.id)?.ownerId !== userId) yield node;
    }
  }

  publicAssistants(): readonly ResourceNode[] {
    return publicAssistantsOver(this.base.publicAssistants(), this.resources);
  }

  grantsOn(resourceId: string): Iterable<GrantEdge> {
    if (this.resources.get(resourceId) === null) return [];
    // Most changes touch no grant: the graph underneath answers as it is.
    if (this.grants.size === 0) return this.base.grantsOn(resourceId);
    return this.changedGrantsOn(resourceId);
  }

  private *changedGrantsOn(resourceId: string): Iterable<GrantEdge> {
    for (const grant of this.base.grantsOn(resourceId)) if (!this.grants.has(grant.id)) yield grant;
    const set = this.grantsSetOn.get(resourceId);
    if (set) yield* set.values();
  }

  *grantsTo(subjectType: GrantSubjectType, subjectId: string): Iterable<GrantEdge> {
    for (const grant of this.base.grantsTo(subjectType, subjectId)) {
      if (!this.grants.has(grant.id) && this.resources.get(grant.resourceId) !== null) yield grant;
    }
    const key = subjectKey(subjectType, subjectId);
    for (const grant of this.grants.values()) {
      if (grant && subjectKey(grant.subjectType, grant.subjectId) === key && this.resources.get(grant.resourceId) !== null) yield grant;
    }
  }

  teamsOf(userId: string): ReadonlySet<string> {
    const cached = this.teamsCache.get(userId);
    if (cached) return cached;
    const base = this.base.teamsOf(userId);
    let teams: Set<string> | undefined;
    for (const [teamId, members] of this.teamMemberships) {
      if (!members.has(userId)) continue;
      teams ??= new Set(base);
      if (members.get(userId)) teams.add(teamId);
      else teams.delete(teamId);
    }
    if (teams) this.teamsCache.set(userId, teams);
    return teams ?? base;
  }

  *teamMembers(teamId: string): Iterable<TeamMembershipEdge> {
    const changes = this.teamMemberships.get(teamId);
    for (const member of this.base.teamMembers(teamId)) if (!changes?.has(member.userId)) yield member;
    for (const member of changes?.values() ?? []) if (member) yield member;
  }

  teamExists(teamId: string): boolean {
    return !this.removedTeams.has(teamId) && this.base.teamExists(teamId);
  }

  grantActive(grant: GrantEdge): boolean {
    return this.base.grantActive(grant);
  }
}
