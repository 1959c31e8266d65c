import { Field, ObjectType } from 'type-graphql';
import { refusalReason, type Verdict } from '../policies/verdict';

/**
 * Something the viewer may or may not do to an object, decided by the same
 * policies and evaluator the mutations enforce, with the reason when not. The
 * web app shows buttons and options from these and never re-derives a rule.
 */
@ObjectType({ description: 'Something the viewer may or may not do here, with the reason when not (decided by the same rules as the mutation).' })
export class ViewerAbility {
  @Field({ description: 'The action, e.g. "manageAccess", "changeRole", "remove".' })
  action: string;

  @Field({ description: 'Whether the viewer may do it.' })
  allowed: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, in words a person can act on; null when allowed.' })
  reason: string | null;
}

export function abilityOf(action: string, verdict: Verdict): ViewerAbility {
  return { action, allowed: verdict.allowed, reason: refusalReason(verdict) };
}
