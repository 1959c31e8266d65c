import type { Capability } from '@rolegraph/shared';
import type { ApiKeyNeed } from '../policies/apiKeyNeeds';
import type { Policy } from '../policies/policy';

/**
 * What a field requires, declared with `@Authorized(...rules)` on the field
 * itself, so the schema shows every rule where it is enforced. Several rules
 * on one field mean any of them suffices. The rules only say *what* is
 * required; `authChecker.ts` decides through the policies and the evaluator.
 * The reviewed list of every field's rules is test/unit/graphql/__snapshots__.
 */
export type AccessRule =
  /** Any session or API key. */
  | { readonly kind: 'AUTHENTICATED' }
  /** A person's session, whether or not they still belong to an organization. */
  | { readonly kind: 'PERSON' }
  /** A member of the acting organization; an API key when it has the need. */
  | { readonly kind: 'MEMBER'; readonly apiKey?: ApiKeyNeed }
  /** A member whose org role holds the capability (the permission matrix); an API key when it has the need. */
  | { readonly kind: 'CAPABILITY'; readonly capability: Capability; readonly apiKey?: ApiKeyNeed }
  /**
   * An action on a resource, decided by the evaluator. The resource is the
   * field's parent object, or the id found at `idArg` (a dotted path into the
   * field's arguments). An API key with the need is allowed.
   */
  | { readonly kind: 'RESOURCE_ACTION'; readonly action: string; readonly idArg?: string; readonly apiKey?: ApiKeyNeed }
  /**
   * Reading someone's access: the caller themself, a member with
   * users.manage, or an API key with permissions: READ. `userIdArg` is a
   * dotted path to the user id in the arguments; through a list argument
   * (e.g. "inputs.userId") every id found must be allowed.
   */
  | { readonly kind: 'ACCESS_OF'; readonly userIdArg: string }
  /** A named compound policy (e.g. "member.changeRole"), given the input the field's arguments describe. */
  | { readonly kind: 'POLICY'; readonly policy: Policy<unknown>; readonly inputOf: PolicyInputOf<unknown> };

/** Builds a policy's input from the field's arguments (and its parent object, for a field of a type). */
export type PolicyInputOf<Input> = (args: Record<string, unknown>, root: unknown) => Input;

export const Rule = {
  authenticated: (): AccessRule => ({ kind: 'AUTHENTICATED' }),
  person: (): AccessRule => ({ kind: 'PERSON' }),
  member: (apiKey?: ApiKeyNeed): AccessRule => ({ kind: 'MEMBER', apiKey }),
  can: (capability: Capability, apiKey?: ApiKeyNeed): AccessRule => ({ kind: 'CAPABILITY', capability, apiKey }),
  onResource: (action: string, options: { idArg?: string; apiKey?: ApiKeyNeed } = {}): AccessRule => ({
    kind: 'RESOURCE_ACTION',
    action,
    ...options,
  }),
  accessOf: (userIdArg: string): AccessRule => ({ kind: 'ACCESS_OF', userIdArg }),
  policy: <Input>(policy: Policy<Input>, inputOf: PolicyInputOf<Input>): AccessRule => ({
    kind: 'POLICY',
    policy: policy as Policy<unknown>,
    inputOf: inputOf as PolicyInputOf<unknown>,
  }),
} as const;

/** A rule in words, for the reviewed rule snapshot and for memoising a verdict within a request. */
export function describeRule(rule: AccessRule): string {
  const key = (apiKey?: ApiKeyNeed) => (apiKey ? `; API key ${apiKey.area}: ${apiKey.access}` : '; no API key');
  switch (rule.kind) {
    case 'AUTHENTICATED':
      return 'any session or API key';
    case 'PERSON':
      return 'a signed-in person; no API key';
    case 'MEMBER':
      return `a member${key(rule.apiKey)}`;
    case 'CAPABILITY':
      return `capability ${rule.capability}${key(rule.apiKey)}`;
    case 'RESOURCE_ACTION':
      return `action ${rule.action} on ${rule.idArg ? `the resource at ${rule.idArg}` : 'this resource'}${key(rule.apiKey)}`;
    case 'ACCESS_OF':
      return `the access of the user at ${rule.userIdArg}: yourself, users.manage; API key permissions: READ`;
    case 'POLICY':
      return `policy ${rule.policy.name} (${rule.policy.rule})${key(rule.policy.apiKey)}`;
  }
}
