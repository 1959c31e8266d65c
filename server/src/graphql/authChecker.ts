import type { AuthCheckerFn } from 'type-graphql';
import {
  ALLOW,
  accessOfVerdict,
  authenticatedVerdict,
  capabilityVerdict,
  deny,
  memberVerdict,
  resourceActionVerdict,
  teamAdminVerdict,
  type Verdict,
} from '../access/authorize';
import { ForbiddenError } from '../errors';
import { ruleKey, type AccessRule } from './accessRules';
import type { GraphQLContext } from './context';

/**
 * The one authChecker behind every `@Authorized` field. Rules say what is
 * required; `access/authorize.ts` decides — capabilities through the shared
 * matrix, resources and teams through the evaluator. Each (rule, target)
 * verdict is memoised for the request, so a rule on a field of a list is
 * decided once per distinct target. Several rules on a field: any one
 * suffices; otherwise the first rule's reason is the error. (Refused
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
  throw firstDenial && !firstDenial.allowed ? firstDenial.error : new ForbiddenError('You do not have permission to do this.');
};

function verdictFor(rule: AccessRule, ctx: GraphQLContext, root: unknown, args: Record<string, unknown>): Promise<Verdict> {
  const principal = ctx.principal;
  switch (rule.kind) {
    case 'AUTHENTICATED':
      return Promise.resolve(authenticatedVerdict(principal));
    case 'USER':
      if (!principal) return Promise.resolve(authenticatedVerdict(principal));
      return Promise.resolve(principal.kind === 'USER' ? ALLOW : deny(new ForbiddenError('This needs a signed-in person, not an API key.')));
    case 'MEMBER':
      return Promise.resolve(memberVerdict(principal, rule.apiKey));
    case 'CAPABILITY':
      return Promise.resolve(capabilityVerdict(principal, rule.capability, rule.apiKey));
    case 'ACCESS_OF':
      return Promise.resolve(accessOfVerdict(principal, stringsAt(args, rule.userIdArg)));
    case 'RESOURCE_ACTION': {
      const id = rule.idArg ? stringsAt(args, rule.idArg)[0] : idOf(root);
      return ctx.access.memoize(`${ruleKey(rule)}|${id}`, () => resourceActionVerdict(ctx.access, rule.action, id, rule.apiKey));
    }
    case 'TEAM_ADMIN': {
      const id = rule.idArg ? stringsAt(args, rule.idArg)[0] : idOf(root);
      return ctx.access.memoize(`${ruleKey(rule)}|${id}`, () => teamAdminVerdict(ctx.access, id, rule.apiKey));
    }
  }
}

function idOf(root: unknown): string | undefined {
  return root && typeof root === 'object' && 'id' in root && typeof root.id === 'string' ? root.id : undefined;
}

/** Every string at a dotted path of the arguments, descending through lists: "inputs.userId" on a list gives each item's userId. */
function stringsAt(args: unknown, path: string): string[] {
  let values: unknown[] = [args];
  for (const key of path.split('.')) {
    values = values
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined));
  }
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
}
