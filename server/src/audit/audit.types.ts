import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ConnectionType } from '../graphql/pagination';
import type { AuditActorType, AuditOutcome } from './auditEntry.entity';

export const AuditActorTypeEnum = { USER: 'USER', API_KEY: 'API_KEY', SYSTEM: 'SYSTEM' } as const;
registerEnumType(AuditActorTypeEnum, { name: 'AuditActorType', description: 'Who acted: a person, an API key, or the system.' });
export const AuditOutcomeEnum = { SUCCESS: 'SUCCESS', DENIED: 'DENIED' } as const;
registerEnumType(AuditOutcomeEnum, { name: 'AuditOutcome', description: 'SUCCESS for a change made; DENIED for a refused mutation.' });

@ObjectType({ description: 'Who acted.' })
export class AuditActor {
  @Field(() => AuditActorTypeEnum, { description: 'USER, API_KEY or SYSTEM.' })
  type: AuditActorType;

  @Field(() => ID, { nullable: true, description: 'Account id or API key id.' })
  id: string | null;

  @Field({ description: 'Email of the person or name of the key, as it was then.' })
  label: string;
}

@ObjectType({ description: 'One append-only audit record.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Entry id; increases over time.' })
  id: string;

  @Field(() => AuditActor, { description: 'Who acted.' })
  actor: AuditActor;

  @Field({ description: 'What happened, e.g. "member.role_changed".' })
  action: string;

  @Field(() => AuditOutcomeEnum, { description: 'SUCCESS, or DENIED for a refused mutation.' })
  outcome: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'Kind of target, e.g. MEMBER, PROJECT, API_KEY.' })
  targetType: string | null;

  @Field(() => String, { nullable: true, description: 'Target id.' })
  targetId: string | null;

  @Field(() => String, { nullable: true, description: 'Target name or email, as it was then.' })
  targetLabel: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'State before the change (never secrets).' })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'State after the change (never secrets).' })
  after: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The request that made the change.' })
  requestId: string | null;

  @Field({ description: 'When.' })
  createdAt: Date;
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry', 'A page of audit entries, newest first.');
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;

@InputType({ description: 'Narrow the audit log; every given field must match.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Exact action, e.g. "member.removed", or a prefix ending in ".", e.g. "member.".' })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Actor id (account or API key).' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Target id.' })
  targetId?: string | null;

  @Field(() => AuditOutcomeEnum, { nullable: true, description: 'Only successes or only denials.' })
  outcome?: AuditOutcome | null;

  @Field(() => Date, { nullable: true, description: 'From this time on.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  until?: Date | null;
}
