import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { ACCESS_LEVELS, RESOURCE_TYPE_REGISTRY, capabilitiesOf, type ResourceType } from '@rolegraph/shared';
import { decide } from '@rolegraph/server/dist/access/evaluator';
import type { OrgAccessSnapshot } from '@rolegraph/server/dist/access/orgSnapshot';
import type { ImportFile } from '@rolegraph/server/dist/bulkImport/importFormat';
import { checksPerSecond, type Check } from './inProcess';

/**
 * The same organization in Cedar (`@cedar-policy/cedar-wasm`), modelled the
 * way Cedar is meant to be used:
 *
 * - entities: `User` (parents: its teams, and `Role::"OWNER"` for an
 *   organization owner; attribute `capabilities`), `Resource` (attributes
 *   `owner`, `reachable` — false for a draft assistant —, `public` for a
 *   public live assistant, the subjects granted at each level, and `parent`
 *   for an assistant's project), `Action`s grouped by the level they need
 *   (`upTo:L` holds every action a holder of level L may do) and by the
 *   capability they need;
 * - policies, one per rule of the access model: the organization owner's
 *   ADMIN (and the actions every organization owner may do, such as
 *   transferring ownership), a former member's assets rescued with
 *   `users.manage`, the owner's OWNER, the project owner's ADMIN on its assistants,
 *   grants at each level on the resource or its project (user or team: team
 *   membership is Cedar's `in`), public live assistants, and a `forbid` per
 *   capability an action needs.
 *
 * Each check is given the entities it concerns (the user, the resource, its
 * project, the action), as an application using Cedar gathers them; building
 * those slices is not timed. Policies are parsed once (`preparsePolicySet`).
 */
const POLICY_SET_ID = 'rolegraph';
const GRANTED_LEVELS = ['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN'] as const;
type GrantedLevel = (typeof GRANTED_LEVELS)[number];

const attributeOf = (level: GrantedLevel): string => `granted${level}`;

function policies(capabilities: readonly string[]): string {
  const rules: string[] = [
    `permit (principal in Role::"OWNER", action in Action::"upTo:ADMIN", resource);`,
    `permit (principal, action, resource) when { resource.owner == principal };`,
    `permit (principal, action in Action::"upTo:ADMIN", resource) when { resource.reachable && resource has parent && resource.parent.owner == principal };`,
    `permit (principal, action in Action::"upTo:MEMBER", resource) when { resource.public };`,
    `permit (principal in Role::"OWNER", action in Action::"orgOwners", resource);`,
    `permit (principal, action in Action::"formerMembersAssets", resource) when { !resource.ownerIsMember && principal.capabilities.contains("users.manage") };`,
  ];
  GRANTED_LEVELS.forEach((level, i) => {
    const atLeast = GRANTED_LEVELS.slice(i).map(attributeOf);
    const onResource = atLeast.map((a) => `principal in resource.${a}`).join(' || ');
    const onParent = atLeast.map((a) => `principal in resource.parent.${a}`).join(' || ');
    rules.push(
      `permit (principal, action in Action::"upTo:${level}", resource) when { resource.reachable && ((${onResource}) || (resource has parent && (${onParent}))) };`,
    );
  });
  for (const capability of capabilities)
    rules.push(`forbid (principal, action in Action::"needs:${capability}", resource) unless { principal.capabilities.contains("${capability}") };`);
  return rules.join('\n');
}

type Uid = { type: string; id: string };
type Entity = { uid: Uid; attrs: Record<string, cedar.CedarValueJson>; parents: Uid[] };

const entityRef = (uid: Uid): cedar.CedarValueJson => ({ __entity: uid });

export interface CedarPeer {
  /** The entities one check concerns, built before timing. */
  readonly slices: cedar.Entities[];
  readonly buildMs: number;
  readonly policyCount: number;
  authorize(check: Check, slice: cedar.Entities): boolean;
}

export function cedarPeer(file: ImportFile, checks: readonly Check[]): CedarPeer {
  const started = performance.now();
  const capabilitiesNeeded = new Set<string>();
  const actions = new Map<string, Entity>();
  for (const [type, definition] of Object.entries(RESOURCE_TYPE_REGISTRY) as [ResourceType, (typeof RESOURCE_TYPE_REGISTRY)[ResourceType]][]) {
    for (const [action, requirement] of Object.entries(definition.actions)) {
      const min = ACCESS_LEVELS.indexOf(requirement.minLevel);
      const parents: Uid[] = ACCESS_LEVELS.filter((_, i) => i >= min).map((level) => ({ type: 'Action', id: `upTo:${level}` }));
      if (requirement.orgOwners) parents.push({ type: 'Action', id: 'orgOwners' });
      if (requirement.formerMembersAssets === 'users.manage') parents.push({ type: 'Action', id: 'formerMembersAssets' });
      if (requirement.capability) {
        capabilitiesNeeded.add(requirement.capability);
        parents.push({ type: 'Action', id: `needs:${requirement.capability}` });
      }
      actions.set(`${type}.${action}`, { uid: { type: 'Action', id: `${type}.${action}` }, attrs: {}, parents });
    }
  }
  const policyText = policies([...capabilitiesNeeded]);
  const parsed = cedar.preparsePolicySet(POLICY_SET_ID, { staticPolicies: policyText });
  if (parsed.type !== 'success') throw new Error(`Cedar refused the policies: ${JSON.stringify(parsed.errors)}`);

  const teamsOf = new Map<string, string[]>();
  for (const t of file.teams) for (const m of t.members) teamsOf.set(m.member, [...(teamsOf.get(m.member) ?? []), t.key]);
  const users = new Map<string, Entity>();
  for (const m of file.members) {
    const parents: Uid[] = (teamsOf.get(m.key) ?? []).map((id) => ({ type: 'Team', id }));
    if (m.role === 'OWNER') parents.push({ type: 'Role', id: 'OWNER' });
    users.set(m.key, { uid: { type: 'User', id: m.key }, attrs: { capabilities: capabilitiesOf(m.role) }, parents });
  }
  const granted = new Map<string, Record<GrantedLevel, cedar.CedarValueJson[]>>();
  for (const g of file.grants) {
    const sets = granted.get(g.resource) ?? { VIEWER: [], MEMBER: [], EDITOR: [], ADMIN: [] };
    granted.set(g.resource, sets);
    sets[g.level as GrantedLevel].push(entityRef(g.user ? { type: 'User', id: g.user } : { type: 'Team', id: g.team! }));
  }
  const resources = new Map<string, Entity>();
  for (const r of file.resources) {
    const draft = r.type === 'ASSISTANT' && (r.status ?? 'DRAFT') !== 'LIVE';
    const attrs: Record<string, cedar.CedarValueJson> = {
      type: r.type,
      owner: entityRef({ type: 'User', id: r.owner }),
      ownerIsMember: users.has(r.owner),
      reachable: !draft,
      public: r.type === 'ASSISTANT' && !draft && r.visibility === 'PUBLIC',
    };
    const sets = granted.get(r.key);
    for (const level of GRANTED_LEVELS) attrs[attributeOf(level)] = sets?.[level] ?? [];
    if (r.parent) attrs.parent = entityRef({ type: 'Resource', id: r.parent });
    resources.set(r.key, { uid: { type: 'Resource', id: r.key }, attrs, parents: r.parent ? [{ type: 'Resource', id: r.parent }] : [] });
  }
  const typeOf = new Map(file.resources.map((r) => [r.key, r.type] as const));
  const slices = checks.map((c) => {
    const resource = resources.get(c.resourceId)!;
    const parentId = resource.parents[0]?.id;
    const slice: Entity[] = [users.get(c.userId)!, resource, actions.get(`${typeOf.get(c.resourceId)}.${c.action}`)!];
    if (parentId) slice.push(resources.get(parentId)!);
    return slice as cedar.Entities;
  });
  const buildMs = performance.now() - started;

  return {
    slices,
    buildMs,
    policyCount: policyText.split('\n').length,
    authorize(check, slice) {
      const answer = cedar.statefulIsAuthorized({
        principal: { type: 'User', id: check.userId },
        action: { type: 'Action', id: `${typeOf.get(check.resourceId)}.${check.action}` },
        resource: { type: 'Resource', id: check.resourceId },
        context: {},
        preparsedPolicySetId: POLICY_SET_ID,
        entities: slice,
      });
      if (answer.type !== 'success') throw new Error(`Cedar failed: ${JSON.stringify(answer.errors)}`);
      return answer.response.decision === 'allow';
    },
  };
}

/** Checks per second of Cedar on the same checks. */
export function cedarChecksPerSecond(peer: CedarPeer, checks: readonly Check[], seconds = 2): { perSecond: number; allowed: number } {
  return checksPerSecond(checks, seconds, 20, (check, at) => peer.authorize(check, peer.slices[at]!));
}

/** The share of checks on which Cedar and the evaluator give the same answer (the models are the same: 100% expected). */
export function cedarAgreement(snapshot: OrgAccessSnapshot, peer: CedarPeer, checks: readonly Check[]): { share: number; firstDisagreement: string | null } {
  let same = 0;
  let firstDisagreement: string | null = null;
  checks.forEach((c, i) => {
    const ours = decide(snapshot, { userId: c.userId, action: c.action, resourceId: c.resourceId }).allowed;
    const theirs = peer.authorize(c, peer.slices[i]!);
    if (ours === theirs) same++;
    else firstDisagreement ??= `${c.userId} ${c.action} ${c.resourceId}: evaluator ${ours}, Cedar ${theirs}`;
  });
  return { share: same / checks.length, firstDisagreement };
}
