import type { ApiKeyPrincipal, MemberPrincipal } from '../auth/principal';
import type { RequestAccess } from '../access/requestAccess';
import type { ApiKeyNeed } from './apiKeyNeeds';
import { actingCaller } from './authorize';
import { policyActorOf, type PolicyActor } from './policyActor';
import type { Verdict } from './verdict';

/** What a named policy decides with: the caller and the request's view of the organization. */
export interface PolicyCaller {
  readonly principal: MemberPrincipal | ApiKeyPrincipal;
  readonly actor: PolicyActor;
  readonly access: RequestAccess;
}

/**
 * A named compound rule, such as "member.changeRole": one definition used by
 * the schema (`Rule.policy(policy, inputOf)` on the field) and by the command
 * that performs the change, so the declared rule is the enforced one.
 * Policies refuse with FORBIDDEN, NOT_FOUND or UNAUTHENTICATED only; checking
 * that the input makes sense is the command's job.
 */
export interface Policy<Input> {
  /** e.g. "resource.update"; how the rule snapshot and the docs name it. */
  readonly name: string;
  /** The rule in one sentence, for the reviewed rule snapshot. */
  readonly rule: string;
  /** What an API key needs to be considered at all; undefined refuses API keys. */
  readonly apiKey: ApiKeyNeed | undefined;
  /** Decides for a caller who is a member of the organization or an API key holding `apiKey`. */
  decide(caller: PolicyCaller, input: Input): Verdict | Promise<Verdict>;
}

export function definePolicy<Input>(policy: Policy<Input>): Policy<Input> {
  return policy;
}

/**
 * The policy's verdict for the request's caller, decided once per request
 * for the same input (a rule on the field and the command's own check cost
 * one evaluation).
 */
export function checkPolicy<Input>(access: RequestAccess, policy: Policy<Input>, input: Input): Promise<Verdict> {
  return access.memoize(`policy:${policy.name}|${JSON.stringify(input) ?? ''}`, async () => {
    const acting = actingCaller(access.principal, policy.apiKey);
    if ('refusal' in acting) return acting.refusal;
    return policy.decide({ principal: acting.caller, actor: policyActorOf(acting.caller), access }, input);
  });
}
