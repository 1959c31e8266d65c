import type { OrgRole, ResourceType } from '@rolegraph/shared';
import type { AccessGraph, GrantEdge, GrantSubjectType, ResourceNode, TeamMembershipEdge } from './accessGraph';

/**
 * An organization's graph as it answers at one instant: the same members,
 * teams, resources and grants, with every grant that has expired by then
 * counting for nothing. A request takes one instant for all its questions,
 * so a batch of checks cannot straddle an expiry.
 */
export class GraphAtInstant implements AccessGraph {
  constructor(
    private readonly graph: AccessGraph,
    /** Epoch milliseconds. */
    readonly instant: number,
  ) {}

  grantActive(grant: GrantEdge): boolean {
    return grant.expiresAt === null || grant.expiresAt > this.instant;
  }

  memberRole(userId: string): OrgRole | undefined {
    return this.graph.memberRole(userId);
  }
  members(): Iterable<readonly [string, OrgRole]> {
    return this.graph.members();
  }
  orgOwners(): Iterable<string> {
    return this.graph.orgOwners();
  }
  resource(resourceId: string): ResourceNode | undefined {
    return this.graph.resource(resourceId);
  }
  childrenOf(resourceId: string): Iterable<ResourceNode> {
    return this.graph.childrenOf(resourceId);
  }
  resourcesOfType(type: ResourceType): readonly ResourceNode[] {
    return this.graph.resourcesOfType(type);
  }
  resourcesInListingOrder(): readonly ResourceNode[] {
    return this.graph.resourcesInListingOrder();
  }
  resourcesOwnedBy(userId: string): Iterable<ResourceNode> {
    return this.graph.resourcesOwnedBy(userId);
  }
  publicAssistants(): readonly ResourceNode[] {
    return this.graph.publicAssistants();
  }
  grantsOn(resourceId: string): Iterable<GrantEdge> {
    return this.graph.grantsOn(resourceId);
  }
  grantsTo(subjectType: GrantSubjectType, subjectId: string): Iterable<GrantEdge> {
    return this.graph.grantsTo(subjectType, subjectId);
  }
  teamsOf(userId: string): ReadonlySet<string> {
    return this.graph.teamsOf(userId);
  }
  teamMembers(teamId: string): Iterable<TeamMembershipEdge> {
    return this.graph.teamMembers(teamId);
  }
  teamExists(teamId: string): boolean {
    return this.graph.teamExists(teamId);
  }
}
