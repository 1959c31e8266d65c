import type { AuthCheckerFn } from 'type-graphql';
import { accessOfVerdict, authenticatedVerdict, capabilityVerdict, memberVerdict, personVerdict, resourceActionVerdict } from '../policies/authorize';
import { checkPolicy } from '../policies/policy';
import type { Verdict } from '../policies/verdict';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { describeRule, type AccessRule } from './accessRules';
import type { GraphQLContext } from './context';

/**
 * The one authChecker behind every `@Authorized` field. Rules say what is
 * required; the policies and `policies/authorize.ts` decide — capabilities
 * through the shared matrix, resources and teams through the evaluator. Each
 * (rule, target) verdict is memoised for the request, so a rule on a field of
 * a list is decided once per distinct target. Several rules on a field: any
 * one suffices; otherwise the first rule's reason is the error. (Refused
 * mutations are audited by audit/deniedMutationsPlugin.ts.)
 */
export const authChecker: AuthCheckerFn<GraphQLContext, AccessRule> = async ({ root, args, context, info }, rules) => {
  if (rules.length === 0) throw new Error(`@Authorized() on ${info.parentType.name}.${info.fieldName} names no rule`);
  let firstDenial: Verdict | undefined;
  for (const rule of rules) {
    const verdict = await verdictFor(rule, context, root, args);
    if (verdict.allowed) return true;
    firstDenial ??= verdict;
  }
  const error = firstDenial && !firstDenial.allowed ? firstDenial.error : new ForbiddenError('You do not have permission to do this.');
  // A caller that sent an API key which matches no active key is told so, rather than to sign in.
  throw error instanceof UnauthenticatedError && context.invalidApiKey ? new UnauthenticatedError(INVALID_API_KEY) : error;
};

export const INVALID_API_KEY = 'This API key is not valid: it is unknown or was revoked.';

function verdictFor(rule: AccessRule, ctx: GraphQLContext, root: unknown, args: Record<string, unknown>): Verdict | Promise<Verdict> {
  const principal = ctx.principal;
  switch (rule.kind) {
    case 'AUTHENTICATED':
      return authenticatedVerdict(principal);
    case 'PERSON':
      return personVerdict(principal);
    case 'MEMBER':
      return memberVerdict(principal, rule.apiKey);
    case 'CAPABILITY':
      return capabilityVerdict(principal, rule.capability, rule.apiKey);
    case 'ACCESS_OF':
      return accessOfVerdict(principal, stringsAt(args, rule.userIdArg));
    case 'RESOURCE_ACTION': {
      const id = rule.idArg ? stringsAt(args, rule.idArg)[0] : idOf(root);
      return ctx.access.memoize(`${describeRule(rule)}|${id}`, () => resourceActionVerdict(ctx.access, rule.action, id, rule.apiKey));
    }
    case 'POLICY':
      return checkPolicy(ctx.access, rule.policy, rule.inputOf(args, root));
  }
}

function idOf(root: unknown): string | undefined {
  return root && typeof root === 'object' && 'id' in root && typeof root.id === 'string' ? root.id : undefined;
}

/**
 * Every string at a dotted path of the arguments, descending through lists:
 * "inputs.userId" on a list gives each item's userId. Asked on every request
 * a rule guards (a whole batch's user ids), so it walks without building
 * intermediate lists.
 */
export function stringsAt(args: unknown, path: string): string[] {
  const found: string[] = [];
  collectStrings(args, path.split('.'), 0, found);
  return found;
}

/** A list counts as its items, one level deep, at every step of the path. */
function collectStrings(value: unknown, keys: readonly string[], depth: number, found: string[]): void {
  if (!Array.isArray(value)) return collectFrom(value, keys, depth, found);
  for (const item of value as unknown[]) collectFrom(item, keys, depth, found);
}

function collectFrom(value: unknown, keys: readonly string[], depth: number, found: string[]): void {
  if (depth === keys.length) {
    if (typeof value === 'string') found.push(value);
    return;
  }
  const next = value && typeof value === 'object' ? (value as Record<string, unknown>)[keys[depth]!] : undefined;
  collectStrings(next, keys, depth + 1, found);
}
