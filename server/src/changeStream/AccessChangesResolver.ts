import { Arg, Authorized, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingPrincipal } from '../graphql/actingContext';
import { AccessLevelChange } from './accessChange.types';
import { followAccessChangesPolicy } from './accessChangesPolicy';
import { accessChangeStream, startingRevision } from './accessChangeStream';

type Ctx = SubscribeResolverData<unknown, { after?: string | null }, GraphQLContext>;

/** The access change stream for integrators (wire contract: docs/consistency.md). */
@Resolver()
export class AccessChangesResolver {
  @Authorized(Rule.policy(followAccessChangesPolicy, () => ({})))
  @Subscription(() => AccessLevelChange, {
    description:
      'Every change of effective level, (userId, resourceId, before, after, revision), in revision order, computed by the evaluator from each committed change. Resume after a disconnect with the last revision seen: nothing is lost or repeated. Changes are kept 7 days; an older `after` (or a bulk import) gives one RESYNC_REQUIRED. API keys with permissions: READ and members with users.manage see everyone’s changes; other members their own.',
    subscribe: async ({ context, args }: Ctx) => {
      const principal = actingPrincipal(context);
      const after = await startingRevision(context.app, principal.organizationId, args.after);
      return accessChangeStream(context.app, principal, after);
    },
  })
  accessChanges(
    @Root() change: AccessLevelChange,
    @Arg('after', () => String, {
      nullable: true,
      description: 'A revision token: changes after it (the last `revision` seen, or a response’s `extensions.accessRevision`). Omitted: from now.',
    })
    _after?: string | null,
  ): AccessLevelChange {
    return change;
  }
}
