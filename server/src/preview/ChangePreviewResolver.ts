import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingMember } from '../graphql/actingContext';
import { BadUserInputError } from '../errors';
import { Member } from '../directory/directory.types';
import { loadMember } from '../directory/memberQueries';
import { Resource } from '../resources/resource.types';
import { readableResources } from '../resources/resourceQueries';
import { checkPolicy } from '../policies/policy';
import { enforce } from '../policies/verdict';
import { ChangeInput, ChangePreview, PreviewedLevelChange, PreviewedUserChanges } from './changePreview.types';
import { MAX_PREVIEW_CHANGES, previewChangePolicy, previewChangesPolicy, previewRequestOf } from './changePreviewPolicy';
import { DEFAULT_ITEMS_PER_USER, MAX_ITEMS_PER_USER, MAX_PREVIEW_LEVELS_EVERYWHERE, previewOfChanges } from './changePreview';

/** Both previews list at most this many items per person. */
const ITEMS_PER_USER_ARG = { nullable: true, description: `Items listed per person, 0-${MAX_ITEMS_PER_USER} (default ${DEFAULT_ITEMS_PER_USER}).` };

/** previewChange: what a change would do, before it is made; previewChanges: several, made in order. */
@Resolver(() => ChangePreview)
export class ChangePreviewResolver {
  @Authorized(Rule.policy(previewChangePolicy, (args) => previewRequestOf(args.change as ChangeInput)))
  @Query(() => ChangePreview, {
    description:
      'What a change would do to everyone’s access, before it is made: per person, the resources whose level would go up or down (before → after), with totals and the first items. Takes the same input as the mutation previewed and is authorized exactly like it (you may preview only what you may do). Nothing is written.',
  })
  async previewChange(
    @Arg('change', () => ChangeInput, { description: 'The change: exactly one field, with the mutation’s own input.' }) change: ChangeInput,
    @Ctx() ctx: GraphQLContext,
    @Arg('itemsPerUser', () => Int, ITEMS_PER_USER_ARG) itemsPerUser?: number | null,
  ): Promise<ChangePreview> {
    actingMember(ctx);
    const items = itemsPerUserOf(itemsPerUser);
    const request = previewRequestOf(change);
    if (request.kind === 'none') throw new BadUserInputError('Give exactly one change to preview.', 'change');
    enforce(await checkPolicy(ctx.access, previewChangePolicy, request));
    return previewOfChanges(await ctx.access.graph(), [change], items);
  }

  @Authorized(Rule.policy(previewChangesPolicy, (args) => ((args.changes as ChangeInput[] | undefined) ?? []).map(previewRequestOf)))
  @Query(() => ChangePreview, {
    description: `What several changes, made in the order given, would do together (a share dialog's Save: people added, levels changed, access removed), answered as previewChange answers one. Each change is checked on what the ones before it leave, and authorized exactly like its own mutation; at most ${MAX_PREVIEW_CHANGES}. Changes that reach every resource (a role change to or from Owner, removing an owner) read every resource's level for their people: more than one of them only while that is at most ${MAX_PREVIEW_LEVELS_EVERYWHERE.toLocaleString('en-US')} levels (BAD_USER_INPUT otherwise). Nothing is written.`,
  })
  async previewChanges(
    @Arg('changes', () => [ChangeInput], { description: 'The changes, in order: each holds exactly one field, with its mutation’s own input.' })
    changes: ChangeInput[],
    @Ctx() ctx: GraphQLContext,
    @Arg('itemsPerUser', () => Int, ITEMS_PER_USER_ARG) itemsPerUser?: number | null,
  ): Promise<ChangePreview> {
    actingMember(ctx);
    const items = itemsPerUserOf(itemsPerUser);
    if (changes.length === 0) throw new BadUserInputError('Give at least one change to preview.', 'changes');
    const requests = changes.map(previewRequestOf);
    if (requests.some((request) => request.kind === 'none')) throw new BadUserInputError('Give exactly one field in each change.', 'changes');
    enforce(await checkPolicy(ctx.access, previewChangesPolicy, requests));
    return previewOfChanges(await ctx.access.graph(), changes, items);
  }
}

function itemsPerUserOf(itemsPerUser: number | null | undefined): number {
  const items = itemsPerUser ?? DEFAULT_ITEMS_PER_USER;
  if (!Number.isInteger(items) || items < 0 || items > MAX_ITEMS_PER_USER) {
    throw new BadUserInputError(`"itemsPerUser" must be between 0 and ${MAX_ITEMS_PER_USER}.`, 'itemsPerUser');
  }
  return items;
}

@Resolver(() => PreviewedUserChanges)
export class PreviewedUserChangesResolver {
  @FieldResolver(() => Member, { nullable: true, description: 'The person (null for “everyone”, or someone no longer a member).' })
  async user(@Root() changes: PreviewedUserChanges, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return changes.userId ? loadMember(ctx, changes.userId) : null;
  }
}

@Resolver(() => PreviewedLevelChange)
export class PreviewedLevelChangeResolver {
  @FieldResolver(() => Resource, { nullable: true, description: 'The resource, when you may read it (null otherwise: counted, not named).' })
  async resource(@Root() change: PreviewedLevelChange, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    const [resource] = await readableResources(ctx, [change.resourceId]);
    return resource ?? null;
  }
}
