import {
  actionRequirement,
  type ActionRequirement,
  type OrgRole,
  isCapability,
  levelAtLeast,
  levelRank,
  RESOURCE_TYPE_REGISTRY,
  roleHasCapability,
  type AccessLevel,
  type Capability,
  type EffectiveLevel,
  type ResourceType,
} from '@rolegraph/shared';
import { compareResourceNodes, isPublicAssistant, mergeListings, type AccessGraph, type GrantEdge, type ResourceNode } from './accessGraph';

/**
 * The evaluator: pure functions over one organization's
 * `AccessGraph`. No I/O, no GraphQL. The effective level of user U on
 * resource R is the highest of:
 *   1. ADMIN if U is an org OWNER;
 *   2. OWNER if U owns R; ADMIN if U owns an ancestor of R;
 *   3. every grant to U on R or an ancestor;
 *   4. every grant to a team U belongs to, on R or an ancestor;
 * then: a non-member gets nothing from 1-4; a DRAFT assistant is reached
 * only by 1 and by owning it; a LIVE and PUBLIC assistant gives MEMBER to
 * everyone (signed in or not). Propagation runs down only, at the same level.
 *
 * An action needs its minimum level and, where named, a capability
 * (shared/resourceTypes.ts). An action may also carry allowances that do not
 * come from a level: transferOwnership is allowed to every org owner, and to
 * holders of users.manage for a resource whose owner has left.
 */

/** How a path starts. A path anchored on an ancestor is also INHERITED. */
export type AccessSource = 'ORG_ROLE' | 'OWNERSHIP' | 'DIRECT_GRANT' | 'TEAM_GRANT' | 'PUBLIC';

/** One way a user reaches a level on a resource. */
export interface AccessPath {
  readonly source: AccessSource;
  readonly level: AccessLevel;
  /** The team a TEAM_GRANT goes through. */
  readonly teamId?: string;
  /** The resource carrying the ownership or grant: the resource itself or an ancestor. */
  readonly anchorResourceId?: string;
  /** Set to the ancestor's id when the path comes from an ancestor (INHERITED). */
  readonly inheritedFrom?: string;
  /** When the grant behind this path ends (epoch ms), for a grant with an end date. */
  readonly expiresAt?: number;
  /** True for exactly one path of a non-empty explanation: the one that decides the level. */
  readonly winning: boolean;
}

export interface AccessExplanation {
  readonly level: EffectiveLevel;
  readonly paths: readonly AccessPath[];
  readonly winningPath: AccessPath | null;
}

/** An explanation of one user's access to one resource, with why they cannot open it when they cannot. */
export interface ResourceExplanation extends AccessExplanation {
  /** Why `read` (opening it) is denied: not a member, a draft, an ended grant, or no path at all; absent when allowed. */
  readonly denial?: Denial;
}

export type Denial =
  | { readonly kind: 'NOT_A_MEMBER' }
  /** A draft assistant: only its owner and the organization's owners can open it. */
  | { readonly kind: 'DRAFT' }
  /** A grant that would allow it has ended (epoch ms): the latest to end among those, and the level it gave. */
  | { readonly kind: 'EXPIRED'; readonly requiredLevel: AccessLevel; readonly expiredAt: number; readonly grantLevel: AccessLevel }
  /** No path at all: no org owner role, ownership, or active grant to the user or a team of theirs on it or an ancestor. */
  | { readonly kind: 'NO_ACCESS'; readonly requiredLevel: AccessLevel }
  | { readonly kind: 'INSUFFICIENT_LEVEL'; readonly requiredLevel: AccessLevel }
  | { readonly kind: 'MISSING_CAPABILITY'; readonly capability: Capability };

/**
 * Why an action is allowed without the level it normally needs: an org owner
 * (for actions every org owner may do), or a holder of the capability acting
 * on a former member's asset.
 */
export type Allowance = { readonly kind: 'ORG_OWNER' } | { readonly kind: 'FORMER_MEMBERS_ASSET'; readonly capability: Capability };

export interface Decision extends AccessExplanation {
  readonly allowed: boolean;
  readonly denial?: Denial;
  /** Set when the action is allowed by an allowance rather than by the level. */
  readonly allowance?: Allowance;
}

export interface CheckInput {
  /** The user asking; null for an anonymous caller. */
  readonly userId: string | null;
  readonly action: string;
  /** Omitted: `action` is an org capability such as "users.manage". */
  readonly resourceId?: string;
}

/** The resource id is not in this organization's graph (answered as NOT_FOUND). */
export class ResourceNotFoundError extends Error {
  constructor(readonly resourceId: string) {
    super(`No resource with id ${resourceId} in this organization.`);
    this.name = 'ResourceNotFoundError';
  }
}

/** The action does not exist for the resource type, or the capability does not exist. */
export class UnknownActionError extends Error {
  constructor(
    readonly action: string,
    readonly type: ResourceType | null,
  ) {
    super(
      type
        ? `"${action}" is not an action of ${type}; its actions are ${Object.keys(RESOURCE_TYPE_REGISTRY[type].actions).join(', ')}.`
        : `"${action}" is not a capability. Without a resource, ask for a capability such as "users.manage"; with one, for an action of its type.`,
    );
    this.name = 'UnknownActionError';
  }
}

type MutablePath = { -readonly [K in keyof AccessPath]: AccessPath[K] };

/** Deepest ancestor chain walked: far beyond the registry's one level, and a guard against cycles the database forbids anyway. */
const MAX_DEPTH = 16;

/** The ancestors of a resource, nearest first. */
function ancestorsOf(graph: AccessGraph, resource: ResourceNode): ResourceNode[] {
  const ancestors: ResourceNode[] = [];
  let parent = resource.parentId ? graph.resource(resource.parentId) : undefined;
  while (parent && ancestors.length < MAX_DEPTH) {
    ancestors.push(parent);
    parent = parent.parentId ? graph.resource(parent.parentId) : undefined;
  }
  return ancestors;
}

function isDraftAssistant(resource: ResourceNode): boolean {
  return resource.type === 'ASSISTANT' && resource.status === 'DRAFT';
}

/**
 * Visits every path from `userId` to `resource`. The single walk behind both
 * the fast level and the full explanation, so they cannot disagree.
 */
function visitPaths(graph: AccessGraph, userId: string | null, resource: ResourceNode, visit: (path: MutablePath) => void): void {
  const role = roleOf(graph, userId);
  if (userId !== null && role !== undefined) {
    if (role === 'OWNER') visit({ source: 'ORG_ROLE', level: 'ADMIN', winning: false });
    if (resource.ownerId === userId) visit({ source: 'OWNERSHIP', level: 'OWNER', anchorResourceId: resource.id, winning: false });
    if (!isDraftAssistant(resource)) {
      const teams = graph.teamsOf(userId);
      let anchor: ResourceNode | undefined = resource;
      for (let depth = 0; anchor && depth <= MAX_DEPTH; depth++) {
        const inheritedFrom = depth === 0 ? undefined : anchor.id;
        if (inheritedFrom && anchor.ownerId === userId) {
          visit({ source: 'OWNERSHIP', level: 'ADMIN', anchorResourceId: anchor.id, inheritedFrom, winning: false });
        }
        for (const grant of graph.grantsOn(anchor.id)) {
          if ((grant.subjectType === 'USER' ? grant.subjectId === userId : teams.has(grant.subjectId)) && graph.grantActive(grant)) {
            visit({
              source: grant.subjectType === 'USER' ? 'DIRECT_GRANT' : 'TEAM_GRANT',
              level: grant.level,
              ...(grant.subjectType === 'TEAM' ? { teamId: grant.subjectId } : {}),
              anchorResourceId: anchor.id,
              ...(inheritedFrom ? { inheritedFrom } : {}),
              ...(grant.expiresAt !== null ? { expiresAt: grant.expiresAt } : {}),
              winning: false,
            });
          }
        }
        anchor = anchor.parentId ? graph.resource(anchor.parentId) : undefined;
      }
    }
  }
  if (isPublicAssistant(resource)) visit({ source: 'PUBLIC', level: 'MEMBER', anchorResourceId: resource.id, winning: false });
}

function resourceOrThrow(graph: AccessGraph, resourceId: string): ResourceNode {
  const resource = graph.resource(resourceId);
  if (!resource) throw new ResourceNotFoundError(resourceId);
  return resource;
}

/** The effective level alone: the fast path for bulk checks. */
export function effectiveLevel(graph: AccessGraph, userId: string | null, resourceId: string): EffectiveLevel {
  return levelOn(graph, userId, roleOf(graph, userId), resourceOrThrow(graph, resourceId));
}

function roleOf(graph: AccessGraph, userId: string | null): OrgRole | undefined {
  return userId === null ? undefined : graph.memberRole(userId);
}

/**
 * The same walk as `visitPaths`, keeping only the best level and building no
 * path objects: every check runs through here, so it allocates nothing. The
 * property tests hold it to the reference model and to `explainAccess`.
 */
function levelOn(graph: AccessGraph, userId: string | null, role: OrgRole | undefined, resource: ResourceNode): EffectiveLevel {
  const publicLevel: EffectiveLevel = isPublicAssistant(resource) ? 'MEMBER' : 'NONE';
  if (userId === null || role === undefined) return publicLevel;
  if (resource.ownerId === userId) return 'OWNER';
  let best: EffectiveLevel = role === 'OWNER' ? 'ADMIN' : publicLevel;
  if (isDraftAssistant(resource)) return best;
  let bestRank = RANK_OF[best];
  let teams: ReadonlySet<string> | undefined;
  let anchor: ResourceNode | undefined = resource;
  for (let depth = 0; anchor && depth <= MAX_DEPTH; depth++) {
    if (depth > 0 && anchor.ownerId === userId && bestRank < RANK_OF.ADMIN) {
      best = 'ADMIN';
      bestRank = RANK_OF.ADMIN;
    }
    for (const grant of graph.grantsOn(anchor.id)) {
      const rank = RANK_OF[grant.level];
      if (rank <= bestRank) continue;
      const mine = grant.subjectType === 'USER' ? grant.subjectId === userId : (teams ??= graph.teamsOf(userId)).has(grant.subjectId);
      if (mine && graph.grantActive(grant)) {
        best = grant.level;
        bestRank = rank;
      }
    }
    anchor = anchor.parentId ? graph.resource(anchor.parentId) : undefined;
  }
  return best;
}

/** Level ranks as a local table: the hot loop above reads it for every grant it meets. */
const RANK_OF: Readonly<Record<EffectiveLevel, number>> = {
  NONE: levelRank('NONE'),
  VIEWER: levelRank('VIEWER'),
  MEMBER: levelRank('MEMBER'),
  EDITOR: levelRank('EDITOR'),
  ADMIN: levelRank('ADMIN'),
  OWNER: levelRank('OWNER'),
};

const SOURCE_PREFERENCE: Record<AccessSource, number> = { OWNERSHIP: 0, DIRECT_GRANT: 1, TEAM_GRANT: 2, ORG_ROLE: 3, PUBLIC: 4 };

/**
 * Orders paths best first: higher level; then a path on the resource itself
 * before an inherited one; then ownership, direct grant, team grant, org role,
 * public; then by team and anchor id. The first is the winning path.
 */
function comparePaths(a: AccessPath, b: AccessPath): number {
  return (
    levelRank(b.level) - levelRank(a.level) ||
    Number(a.inheritedFrom !== undefined) - Number(b.inheritedFrom !== undefined) ||
    SOURCE_PREFERENCE[a.source] - SOURCE_PREFERENCE[b.source] ||
    (a.teamId ?? '').localeCompare(b.teamId ?? '') ||
    (a.anchorResourceId ?? '').localeCompare(b.anchorResourceId ?? '')
  );
}

/**
 * Every path, best first, the winner marked; the level is the winner's. When
 * the user cannot open the resource, `denial` says why, exactly as `decide`
 * would for its `read` action.
 */
export function explainAccess(graph: AccessGraph, userId: string | null, resourceId: string): ResourceExplanation {
  return explainAccessOn(graph, userId, resourceOrThrow(graph, resourceId));
}

/** `explainAccess` for a resource the caller has already found in this graph. */
export function explainAccessOn(graph: AccessGraph, userId: string | null, resource: ResourceNode): ResourceExplanation {
  const explanation = explainOn(graph, userId, resource);
  const read = actionRequirement(resource.type, 'read');
  if (!read) return explanation;
  const role = roleOf(graph, userId);
  if (meets(graph, role, resource, explanation.level, read) !== false) return explanation;
  return { ...explanation, denial: denialOf(graph, userId, role, resource, explanation.level, read) };
}

function explainOn(graph: AccessGraph, userId: string | null, resource: ResourceNode): AccessExplanation {
  const paths: MutablePath[] = [];
  visitPaths(graph, userId, resource, (path) => paths.push(path));
  paths.sort(comparePaths);
  const winner = paths[0];
  if (winner) winner.winning = true;
  return { level: winner?.level ?? 'NONE', paths, winningPath: winner ?? null };
}

/**
 * May the user do the action? With a resource: the action must exist for its
 * type, and needs its minimum level and, where named, its capability. Without
 * one: `action` is an org capability, held through the member's role.
 */
export function decide(graph: AccessGraph, input: CheckInput): Decision {
  const role = roleOf(graph, input.userId);
  if (input.resourceId === undefined) {
    if (!isCapability(input.action)) throw new UnknownActionError(input.action, null);
    const capability = input.action;
    if (role === undefined) return { allowed: false, level: 'NONE', paths: [], winningPath: null, denial: { kind: 'NOT_A_MEMBER' } };
    const allowed = roleHasCapability(role, capability);
    return { allowed, level: 'NONE', paths: [], winningPath: null, ...(allowed ? {} : { denial: { kind: 'MISSING_CAPABILITY', capability } }) };
  }
  return decideOn(graph, input.userId, role, input.action, resourceOrThrow(graph, input.resourceId));
}

/**
 * `decide` for a resource the caller has already found in this graph: a batch
 * of checks looks each resource up once.
 */
export function decideOnResource(graph: AccessGraph, userId: string | null, action: string, resource: ResourceNode): Decision {
  return decideOn(graph, userId, roleOf(graph, userId), action, resource);
}

function decideOn(graph: AccessGraph, userId: string | null, role: OrgRole | undefined, action: string, resource: ResourceNode): Decision {
  const requirement = actionRequirement(resource.type, action);
  if (!requirement) throw new UnknownActionError(action, resource.type);
  const level = levelOn(graph, userId, role, resource);
  return new ResourceDecision(graph, userId, role, resource, level, requirement, meets(graph, role, resource, level, requirement));
}

/** How a member with `role` and `level` on the resource meets the requirement: by the level (true), by an allowance, or not (false). */
function meets(
  graph: AccessGraph,
  role: OrgRole | undefined,
  resource: ResourceNode,
  level: EffectiveLevel,
  requirement: ActionRequirement,
): boolean | Allowance {
  if (!levelAtLeast(level, requirement.minLevel)) return allowanceFor(graph, role, resource, requirement) ?? false;
  return !requirement.capability || (role !== undefined && roleHasCapability(role, requirement.capability));
}

/**
 * Why a member with `role` and `level` on the resource does not meet the
 * requirement (`meets` said false). Worked out only when asked (a decision's
 * denial, explainAccess): naming an ended grant walks the resource's grants
 * again.
 */
function denialOf(
  graph: AccessGraph,
  userId: string | null,
  role: OrgRole | undefined,
  resource: ResourceNode,
  level: EffectiveLevel,
  requirement: ActionRequirement,
): Denial {
  if (!levelAtLeast(level, requirement.minLevel)) {
    if (role === undefined && level === 'NONE') return { kind: 'NOT_A_MEMBER' };
    if (isDraftAssistant(resource) && level === 'NONE') return { kind: 'DRAFT' };
    const expired = userId === null ? undefined : lastExpiredGrantAllowing(graph, userId, resource, requirement.minLevel);
    if (expired) return { kind: 'EXPIRED', requiredLevel: requirement.minLevel, expiredAt: expired.expiresAt, grantLevel: expired.level };
    if (level === 'NONE') return { kind: 'NO_ACCESS', requiredLevel: requirement.minLevel };
    return { kind: 'INSUFFICIENT_LEVEL', requiredLevel: requirement.minLevel };
  }
  if (requirement.capability) return { kind: 'MISSING_CAPABILITY', capability: requirement.capability };
  throw new Error('denialOf: the requirement is met');
}

/**
 * When the user's access would be enough but for a grant that has ended: the
 * expired grant (direct or through a team, on the resource or an ancestor)
 * that would give `required` and ended last — its end and level. Only asked
 * for a denial, to name its real reason.
 */
function lastExpiredGrantAllowing(
  graph: AccessGraph,
  userId: string,
  resource: ResourceNode,
  required: AccessLevel,
): { readonly expiresAt: number; readonly level: AccessLevel } | undefined {
  const teams = graph.teamsOf(userId);
  let latest: { expiresAt: number; level: AccessLevel } | undefined;
  let anchor: ResourceNode | undefined = resource;
  for (let depth = 0; anchor && depth <= MAX_DEPTH; depth++) {
    for (const grant of graph.grantsOn(anchor.id)) {
      const mine = grant.subjectType === 'USER' ? grant.subjectId === userId : teams.has(grant.subjectId);
      if (mine && grant.expiresAt !== null && !graph.grantActive(grant) && levelAtLeast(grant.level, required)) {
        if (!latest || grant.expiresAt > latest.expiresAt || (grant.expiresAt === latest.expiresAt && levelRank(grant.level) > levelRank(latest.level))) {
          latest = { expiresAt: grant.expiresAt, level: grant.level };
        }
      }
    }
    anchor = anchor.parentId ? graph.resource(anchor.parentId) : undefined;
  }
  return latest;
}

function allowanceFor(graph: AccessGraph, role: OrgRole | undefined, resource: ResourceNode, requirement: ActionRequirement): Allowance | undefined {
  if (role === undefined) return undefined;
  if (requirement.orgOwners && role === 'OWNER') return { kind: 'ORG_OWNER' };
  const rescue = requirement.formerMembersAssets;
  if (rescue && roleHasCapability(role, rescue) && graph.memberRole(resource.ownerId) === undefined)
    return { kind: 'FORMER_MEMBERS_ASSET', capability: rescue };
  return undefined;
}

/**
 * Every action of the resource's type that `decide` allows the user, in
 * registry order: the same judgement as `decide`, with the level worked out
 * once.
 */
export function allowedActions(graph: AccessGraph, userId: string | null, resourceId: string): string[] {
  return allowedActionsOn(graph, userId, resourceOrThrow(graph, resourceId));
}

/** `allowedActions` for a resource the caller has already found in this graph. */
export function allowedActionsOn(graph: AccessGraph, userId: string | null, resource: ResourceNode): string[] {
  const role = roleOf(graph, userId);
  const level = levelOn(graph, userId, role, resource);
  return Object.entries(RESOURCE_TYPE_REGISTRY[resource.type].actions)
    .filter(([, requirement]) => meets(graph, role, resource, level, requirement) !== false)
    .map(([action]) => action);
}

/** A decision on a resource; why it is denied, and its paths, are worked out only when someone asks. */
class ResourceDecision implements Decision {
  readonly allowed: boolean;
  readonly allowance: Allowance | undefined;
  private explanation: AccessExplanation | undefined;
  private denialFound: Denial | undefined;

  constructor(
    private readonly graph: AccessGraph,
    private readonly userId: string | null,
    private readonly role: OrgRole | undefined,
    private readonly resource: ResourceNode,
    readonly level: EffectiveLevel,
    private readonly requirement: ActionRequirement,
    verdict: boolean | Allowance,
  ) {
    this.allowed = verdict !== false;
    this.allowance = typeof verdict === 'boolean' ? undefined : verdict;
  }

  get denial(): Denial | undefined {
    if (this.allowed) return undefined;
    this.denialFound ??= denialOf(this.graph, this.userId, this.role, this.resource, this.level, this.requirement);
    return this.denialFound;
  }

  private explain(): AccessExplanation {
    this.explanation ??= explainOn(this.graph, this.userId, this.resource);
    return this.explanation;
  }

  get paths(): readonly AccessPath[] {
    return this.explain().paths;
  }

  get winningPath(): AccessPath | null {
    return this.explain().winningPath;
  }
}

/**
 * Every resource of `type` on which `decide` would allow `action` to the
 * user, in (sortName, id) order. Org owners see the whole type; others are
 * answered from their own paths (ownerships, direct and team grants, what
 * those reach below, public assistants), never by scanning the organization.
 */
export function accessibleResources(graph: AccessGraph, userId: string, type: ResourceType, action: string): ResourceNode[] {
  const requirement = actionRequirement(type, action);
  if (!requirement) throw new UnknownActionError(action, type);
  const role = graph.memberRole(userId);
  if (requirement.capability && !(role !== undefined && roleHasCapability(role, requirement.capability))) return [];
  const allows = (resource: ResourceNode) => meets(graph, role, resource, levelOn(graph, userId, role, resource), requirement) !== false;
  if (role === 'OWNER' && (requirement.orgOwners || levelAtLeast('ADMIN', requirement.minLevel))) return [...graph.resourcesOfType(type)];

  // Each path that finds a resource gives a level on it (rules 2-4 above): a resource it surely gives the action's
  // level to is allowed as found; any other is judged on all of its paths (and allowances) below.
  // Sets of nodes: a graph hands out one node object per resource.
  const surely = new Set<ResourceNode>();
  const toJudge = new Set<ResourceNode>();
  const reach = (resource: ResourceNode, level: EffectiveLevel) => {
    if (resource.type !== type || surely.has(resource)) return;
    if (levelAtLeast(level, requirement.minLevel)) {
      surely.add(resource);
      toJudge.delete(resource);
    } else {
      toJudge.add(resource);
    }
  };
  /** A path anchored on `anchor`: `level` on it, and `below` on its children, but nothing on a draft assistant below. */
  const reachFrom = (anchor: ResourceNode, level: EffectiveLevel, below: EffectiveLevel) => {
    reach(anchor, level);
    for (const child of graph.childrenOf(anchor.id)) reach(child, isDraftAssistant(child) ? 'NONE' : below);
  };
  const reachThrough = (grant: GrantEdge) => {
    const anchor = graph.resource(grant.resourceId);
    const level = graph.grantActive(grant) ? grant.level : 'NONE';
    if (anchor) reachFrom(anchor, isDraftAssistant(anchor) ? 'NONE' : level, level);
  };
  if (role !== undefined) {
    if (requirement.formerMembersAssets && roleHasCapability(role, requirement.formerMembersAssets)) {
      for (const resource of graph.resourcesOfType(type)) if (graph.memberRole(resource.ownerId) === undefined) reach(resource, 'NONE');
    }
    for (const owned of graph.resourcesOwnedBy(userId)) reachFrom(owned, 'OWNER', 'ADMIN');
    for (const grant of graph.grantsTo('USER', userId)) reachThrough(grant);
    for (const teamId of graph.teamsOf(userId)) for (const grant of graph.grantsTo('TEAM', teamId)) reachThrough(grant);
  }
  // A live public assistant gives MEMBER to everyone: when that is enough, all of them are allowed without a look
  // at their paths, and the graph keeps them in listing order, so only the user's own few are sorted, then merged in.
  // When it is not enough, the public's MEMBER adds nothing: one is allowed only through the user's own paths above.
  const publicIsEnough = type === 'ASSISTANT' && levelAtLeast('MEMBER', requirement.minLevel);
  const allowed: ResourceNode[] = [];
  const unlessPublic = (resource: ResourceNode) => !(publicIsEnough && isPublicAssistant(resource));
  for (const resource of surely) if (unlessPublic(resource)) allowed.push(resource);
  for (const resource of toJudge) if (unlessPublic(resource) && allows(resource)) allowed.push(resource);
  allowed.sort(compareResourceNodes);
  return publicIsEnough ? mergeListings(allowed, graph.publicAssistants()) : allowed;
}

/** Someone with access to a resource: a member, or (userId null) everyone, for a live public assistant. */
export interface AccessEntry {
  readonly userId: string | null;
  readonly level: EffectiveLevel;
  readonly paths: readonly AccessPath[];
}

/**
 * Who has access to a resource: every member with a level above NONE, with
 * their paths, highest level first (then by user id); and, for a live public
 * assistant, one entry with userId null for everyone else.
 */
export function resourceAccess(graph: AccessGraph, resourceId: string): AccessEntry[] {
  const resource = resourceOrThrow(graph, resourceId);
  const candidates = new Set<string>();
  for (const userId of graph.orgOwners()) candidates.add(userId);
  candidates.add(resource.ownerId);
  if (!isDraftAssistant(resource)) {
    for (const anchor of [resource, ...ancestorsOf(graph, resource)]) {
      candidates.add(anchor.ownerId);
      for (const grant of graph.grantsOn(anchor.id)) {
        if (!graph.grantActive(grant)) continue;
        if (grant.subjectType === 'USER') candidates.add(grant.subjectId);
        else for (const member of graph.teamMembers(grant.subjectId)) candidates.add(member.userId);
      }
    }
  }
  const entries: AccessEntry[] = [];
  for (const userId of candidates) {
    if (graph.memberRole(userId) === undefined) continue;
    const explanation = explainOn(graph, userId, resource);
    if (explanation.level !== 'NONE') entries.push({ userId, level: explanation.level, paths: explanation.paths });
  }
  entries.sort((a, b) => levelRank(b.level) - levelRank(a.level) || (a.userId ?? '').localeCompare(b.userId ?? ''));
  if (isPublicAssistant(resource)) {
    entries.push({ userId: null, level: 'MEMBER', paths: [{ source: 'PUBLIC', level: 'MEMBER', anchorResourceId: resource.id, winning: true }] });
  }
  return entries;
}
