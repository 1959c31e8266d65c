import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ConnectionType } from '../graphql/pagination';
import type { NotificationEntity } from './notification.entity';

@ObjectType({ description: 'A notification for the signed-in person.' })
export class Notification {
  @Field(() => ID, { description: 'Notification id.' })
  id: string;

  @Field({
    description:
      'Kind: RESOURCE_SHARED, ROLE_CHANGED, TEAM_ADDED, OWNERSHIP_RECEIVED, ACCESS_REVOKED, ACCESS_EXPIRED, ACCESS_EXPIRING, ACCESS_REQUESTED or ACCESS_REQUEST_ANSWERED.',
  })
  kind: string;

  @Field({ description: `What happened, in words, e.g. "Hana shared Semantic model 'Sales' with you as Editor."` })
  message: string;

  @Field(() => GraphQLJSONObject, { description: 'Ids for linking, e.g. { resourceId, level }.' })
  data: Record<string, unknown>;

  @Field({ description: 'Whether it has been read.' })
  read: boolean;

  @Field({ description: 'When it was created.' })
  createdAt: Date;
}

export const NotificationConnection = ConnectionType(Notification, 'Notification', 'A page of notifications, newest first.');
export type NotificationConnection = InstanceType<typeof NotificationConnection>;

export function presentNotification(entity: NotificationEntity): Notification {
  return { id: entity.id, kind: entity.kind, message: entity.message, data: entity.data, read: entity.readAt !== null, createdAt: entity.createdAt };
}
