import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { GrantLevel } from '@rolegraph/shared';
import { GrantLevelEnum } from '../graphql/enums';
import { ConnectionType } from '../graphql/pagination';
import type { AccessRequestStatus } from './accessRequest.entity';

export const AccessRequestStatusEnum = { PENDING: 'PENDING', APPROVED: 'APPROVED', DENIED: 'DENIED', CANCELLED: 'CANCELLED', LAPSED: 'LAPSED' } as const;
registerEnumType(AccessRequestStatusEnum, {
  name: 'AccessRequestStatus',
  description: 'PENDING until approved, denied, cancelled by the requester, or LAPSED after 14 days without an answer.',
});

export const AccessRequestListEnum = { ALL: 'ALL', MINE: 'MINE', TO_ANSWER: 'TO_ANSWER' } as const;
export type AccessRequestList = keyof typeof AccessRequestListEnum;
registerEnumType(AccessRequestListEnum, {
  name: 'AccessRequestList',
  description: 'MINE: requests I made; TO_ANSWER: requests for resources I may share (manageAccess); ALL: both.',
});

@ObjectType({ description: 'A member’s request for a level on a resource.' })
export class AccessRequest {
  @Field(() => ID, { description: 'Request id.' })
  id: string;

  @Field(() => ID, { description: 'The resource id asked about, as the requester gave it.' })
  resourceId: string;

  @Field(() => GrantLevelEnum, { description: 'The level asked for.' })
  level: GrantLevel;

  @Field({ description: 'Why, in the requester’s words (may be empty).' })
  reason: string;

  @Field(() => AccessRequestStatusEnum, { description: 'Where it stands.' })
  status: AccessRequestStatus;

  @Field({ description: 'When it was made.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was approved, denied, cancelled or lapsed.' })
  answeredAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The reason given with a denial.' })
  answerReason: string | null;

  @Field(() => GrantLevelEnum, { nullable: true, description: 'The level granted on approval (the approver may change the level asked for).' })
  grantedLevel: GrantLevel | null;

  @Field(() => Date, { nullable: true, description: 'When the access granted on approval ends (null: no end).' })
  grantedExpiresAt: Date | null;

  requesterId: string;
  answeredById: string | null;
}

export const AccessRequestConnection = ConnectionType(AccessRequest, 'AccessRequest', 'A page of access requests, newest first.');
export type AccessRequestConnection = InstanceType<typeof AccessRequestConnection>;

@ObjectType({
  description:
    'The answer to requestAccess. It is the same whether the resource exists, is hidden from the requester or not: it reveals nothing about the resource.',
})
export class AccessRequestReceipt {
  @Field(() => ID, { description: 'The pending request (an earlier one, when one was already pending for this resource).' })
  id: string;

  @Field(() => AccessRequestStatusEnum, { description: 'PENDING.' })
  status: AccessRequestStatus;

  @Field({ description: 'What happens next, in words.' })
  message: string;
}

@InputType({ description: 'Ask for a level on a resource, also one you cannot see (e.g. opened from a link).' })
export class RequestAccessInput {
  @Field(() => ID, { description: 'The resource id.' })
  resourceId: string;

  @Field(() => GrantLevelEnum, { description: 'The level asked for.' })
  level: GrantLevel;

  @Field(() => String, { nullable: true, description: 'Why you need it (up to 1000 characters).' })
  reason?: string | null;
}

@InputType({ description: 'Approve a pending request: the requester gets a grant.' })
export class ApproveAccessRequestInput {
  @Field(() => ID, { description: 'Request id.' })
  id: string;

  @Field(() => GrantLevelEnum, { nullable: true, description: 'The level to grant; default the level asked for.' })
  level?: GrantLevel | null;

  @Field(() => Date, { nullable: true, description: 'When the access ends (future, within ten years); omitted: no end.' })
  expiresAt?: Date | null;
}

@InputType({ description: 'Deny a pending request.' })
export class DenyAccessRequestInput {
  @Field(() => ID, { description: 'Request id.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Why, shown to the requester (up to 1000 characters).' })
  reason?: string | null;
}
