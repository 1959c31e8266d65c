import type { OrgRole, ResourceType, TeamRole } from '@rolegraph/shared';
import {
  compareResourceNodes,
  mergedTypeListings,
  orgOwnersOver,
  publicAssistantsOver,
  type GrantEdge,
  type GrantSubjectType,
  type ResourceNode,
  type TeamMembershipEdge,
} from './accessGraph';
import type { GraphWithGrants } from './committedChanges';

/** The current state of every row one commit changed: null (or false) where the row is gone. */
export interface RowChanges {
  readonly teams: readonly (readonly [teamId: string, present: boolean])[];
  readonly members: readonly (readonly [userId: string, role: OrgRole | null])[];
  readonly teamMembers: readonly (readonly [teamId: string, userId: string, role: TeamRole | null])[];
  readonly resources: readonly (readonly [resourceId: string, node: ResourceNode | null])[];
  readonly grants: readonly (readonly [grantId: string, edge: GrantEdge | null])[];
}

/**
 * An organization's graph with one commit's rows laid over it, the graph
 * underneath untouched and uncopied: it answers exactly as the snapshot would
 * after applying the same rows in the same order (teams, members, team
 * memberships, resources, grants), including the snapshot's cascades — a
 * removed team takes its memberships and grants along, a removed resource
 * its grants. A commit changes a few rows; copying a whole organization to
 * ask what they moved would cost far more than the question.
 */
export class DeltaGraph implements GraphWithGrants {
  private readonly roles = new Map<string, OrgRole | null>();
  private readonly teams = new Map<string, boolean>();
  /** Memberships set after the teams (so they survive a removed team's cascade), by team then user. */
  private readonly memberships = new Map<string, Map<string, TeamMembershipEdge | null>>();
  private readonly resources = new Map<string, ResourceNode | null>();
  private readonly grants = new Map<string, GrantEdge | null>();
  private readonly typesChanged = new Set<ResourceType>();
  private readonly sortedByType = new Map<ResourceType, readonly ResourceNode[]>();
  private sortedAll: readonly ResourceNode[] | undefined;
  private sortedPublic: readonly ResourceNode[] | undefined;
  private readonly teamsOfCache = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly base: GraphWithGrants,
    changes: RowChanges,
  ) {
    for (const [teamId, present] of changes.teams) {
      this.teams.set(teamId, present);
      // A removed team's memberships go with it; a team present again starts empty, as in the snapshot.
      if (!present) this.memberships.delete(teamId);
    }
    for (const [userId, role] of changes.members) this.roles.set(userId, role);
    for (const [teamId, userId, role] of changes.teamMembers) {
      let members = this.memberships.get(teamId);
      if (!members) {
        members = new Map();
        this.memberships.set(teamId, members);
      }
      members.set(userId, role === null ? null : { teamId, userId, role });
    }
    for (const [resourceId, node] of changes.resources) {
      const before = this.resources.has(resourceId) ? this.resources.get(resourceId) : base.resource(resourceId);
      if (before) this.typesChanged.add(before.type);
      if (node) this.typesChanged.add(node.type);
      this.resources.set(resourceId, node);
      // A removed resource's grants go with it (those set afterwards stay, as in the snapshot).
      if (!node) for (const [grantId, edge] of this.grants) if (edge?.resourceId === resourceId) this.grants.delete(grantId);
    }
    for (const [grantId, edge] of changes.grants) this.grants.set(grantId, edge);
  }

  /** Whether a grant of the graph underneath still stands: not changed here, and its resource and team not removed. */
  private baseGrantStands(edge: GrantEdge): boolean {
    if (this.grants.has(edge.id)) return false;
    if (this.resources.get(edge.resourceId) === null) return false;
    return !(edge.subjectType === 'TEAM' && this.teams.get(edge.subjectId) === false);
  }

  /** Whether a membership of the graph underneath still stands: its team not removed and the membership not changed here. */
  private baseMembershipStands(edge: TeamMembershipEdge): boolean {
    if (this.teams.get(edge.teamId) === false) return false;
    return !this.memberships.get(edge.teamId)?.has(edge.userId);
  }

  // ---- AccessGraph -------------------------------------------------------------

  memberRole(userId: string): OrgRole | undefined {
    return this.roles.has(userId) ? (this.roles.get(userId) ?? undefined) : this.base.memberRole(userId);
  }

  *members(): Iterable<readonly [string, OrgRole]> {
    for (const entry of this.base.members()) if (!this.roles.has(entry[0])) yield entry;
    for (const [userId, role] of this.roles) if (role !== null) yield [userId, role];
  }

  orgOwners(): Iterable<string> {
    return orgOwnersOver(this.base.orgOwners(), this.roles);
  }

  resource(resourceId: string): ResourceNode | undefined {
    return this.resources.has(resourceId) ? (this.resources.get(resourceId) ?? undefined) : this.base.resource(resourceId);
  }

  *childrenOf(resourceId: string): Iterable<ResourceNode> {
    for (const child of this.base.childrenOf(resourceId)) if (!this.resources.has(child.id)) yield child;
    for (const node of this.resources.values()) if (node && node.parentId === resourceId) yield node;
  }

  resourcesOfType(type: ResourceType): readonly ResourceNode[] {
    if (!this.typesChanged.has(type)) return this.base.resourcesOfType(type);
    let sorted = this.sortedByType.get(type);
    if (!sorted) {
      const kept = this.base.resourcesOfType(type).filter((node) => !this.resources.has(node.id));
      for (const node of this.resources.values()) if (node && node.type === type) kept.push(node);
      sorted = kept.sort(compareResourceNodes);
      this.sortedByType.set(type, sorted);
    }
    return sorted;
  }

  resourcesInListingOrder(): readonly ResourceNode[] {
    if (this.typesChanged.size === 0) return this.base.resourcesInListingOrder();
    this.sortedAll ??= mergedTypeListings(this);
    return this.sortedAll;
  }

  *resourcesOwnedBy(userId: string): Iterable<ResourceNode> {
    for (const node of this.base.resourcesOwnedBy(userId)) if (!this.resources.has(node.id)) yield node;
    for (const node of this.resources.values()) if (node && node.ownerId === userId) yield node;
  }

  publicAssistants(): readonly ResourceNode[] {
    this.sortedPublic ??= publicAssistantsOver(this.base.publicAssistants(), this.resources);
    return this.sortedPublic;
  }

  *grantsOn(resourceId: string): Iterable<GrantEdge> {
    for (const grant of this.base.grantsOn(resourceId)) if (this.baseGrantStands(grant)) yield grant;
    for (const grant of this.grants.values()) if (grant && grant.resourceId === resourceId) yield grant;
  }

  *grantsTo(subjectType: GrantSubjectType, subjectId: string): Iterable<GrantEdge> {
    for (const grant of this.base.grantsTo(subjectType, subjectId)) if (this.baseGrantStands(grant)) yield grant;
    for (const grant of this.grants.values()) if (grant && grant.subjectType === subjectType && grant.subjectId === subjectId) yield grant;
  }

  teamsOf(userId: string): ReadonlySet<string> {
    const cached = this.teamsOfCache.get(userId);
    if (cached) return cached;
    const teams = new Set<string>();
    for (const teamId of this.base.teamsOf(userId)) {
      if (this.teams.get(teamId) !== false && !this.memberships.get(teamId)?.has(userId)) teams.add(teamId);
    }
    for (const [teamId, members] of this.memberships) if (members.get(userId)) teams.add(teamId);
    this.teamsOfCache.set(userId, teams);
    return teams;
  }

  *teamMembers(teamId: string): Iterable<TeamMembershipEdge> {
    for (const member of this.base.teamMembers(teamId)) if (this.baseMembershipStands(member)) yield member;
    for (const member of this.memberships.get(teamId)?.values() ?? []) if (member) yield member;
  }

  teamExists(teamId: string): boolean {
    return this.teams.has(teamId) ? this.teams.get(teamId)! : this.base.teamExists(teamId);
  }

  grantActive(grant: GrantEdge): boolean {
    return this.base.grantActive(grant);
  }

  grantById(grantId: string): GrantEdge | undefined {
    if (this.grants.has(grantId)) return this.grants.get(grantId) ?? undefined;
    const edge = this.base.grantById(grantId);
    return edge && this.baseGrantStands(edge) ? edge : undefined;
  }
}
