import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { EffectiveLevel, ResourceType } from '@rolegraph/shared';
import { AccessLevelEnum, ResourceTypeEnum } from '../graphql/enums';

export const AccessLevelChangeKindEnum = { LEVEL_CHANGED: 'LEVEL_CHANGED', CAUGHT_UP: 'CAUGHT_UP', RESYNC_REQUIRED: 'RESYNC_REQUIRED' } as const;
export type AccessLevelChangeKind = keyof typeof AccessLevelChangeKindEnum;
registerEnumType(AccessLevelChangeKindEnum, {
  name: 'AccessLevelChangeKind',
  description:
    'LEVEL_CHANGED: one effective level moved. CAUGHT_UP: you have every change up to `revision` (sent when the organization’s revision moved without more changes for you; a safe point to resume after). RESYNC_REQUIRED: the stream cannot continue from the revision asked (past the 7-day retention, or a bulk import): read the state afresh and subscribe after its revision; the stream ends.',
});

@ObjectType({ description: 'One effective level that a committed change moved, as the evaluator computes it; or the signal to start afresh.' })
export class AccessLevelChange {
  @Field(() => AccessLevelChangeKindEnum, { description: 'LEVEL_CHANGED; or CAUGHT_UP or RESYNC_REQUIRED (then the other fields but `revision` are null).' })
  kind: AccessLevelChangeKind;

  @Field(() => ID, { nullable: true, description: 'The user whose level moved; null for everyone (a live public assistant) or RESYNC_REQUIRED.' })
  userId: string | null;

  @Field(() => ID, { nullable: true, description: 'The resource.' })
  resourceId: string | null;

  @Field(() => ResourceTypeEnum, { nullable: true, description: 'The resource’s type (which actions a level allows).' })
  resourceType: ResourceType | null;

  @Field(() => AccessLevelEnum, { nullable: true, description: 'The level before the change.' })
  before: EffectiveLevel | null;

  @Field(() => AccessLevelEnum, { nullable: true, description: 'The level after it.' })
  after: EffectiveLevel | null;

  @Field({
    description:
      'The revision token of the commit: resume with `accessChanges(after:)` this token to continue after it; every change of one commit carries the same revision.',
  })
  revision: string;

  @Field({
    description:
      'Whether this is the last change of its revision you receive: apply a revision’s changes together once it ends, and resume after the last revision that ended (a disconnect in the middle of one sends it again whole).',
  })
  endOfRevision: boolean;
}
