import { randomUUID } from 'node:crypto';
import type { CommandScope } from '../commands/commandScope';
import type { JsonObject } from '../db/json';

/** Kinds of notification a person can receive. */
export type NotificationKind =
  | 'RESOURCE_SHARED'
  | 'ROLE_CHANGED'
  | 'TEAM_ADDED'
  | 'OWNERSHIP_RECEIVED'
  | 'ACCESS_REVOKED'
  /** A grant reached its end date and was removed. */
  | 'ACCESS_EXPIRED'
  /** A grant ends within 24 hours (data.renewable: an access request can renew it). */
  | 'ACCESS_EXPIRING'
  /** Someone asks for access to a resource the recipient may share. */
  | 'ACCESS_REQUESTED'
  /** The recipient's access request was approved, denied or lapsed. */
  | 'ACCESS_REQUEST_ANSWERED';

/**
 * Stores a notification for one person in the command's transaction; it is
 * pushed live (`notificationAdded`) once the command commits. Nobody is
 * notified of their own action.
 */
export async function notify(scope: CommandScope, recipientId: string, kind: NotificationKind, message: string, data: JsonObject = {}): Promise<void> {
  if (scope.actor.type === 'USER' && scope.actor.id === recipientId) return;
  const id = randomUUID();
  await scope.tx.query(`INSERT INTO notifications (id, organization_id, account_id, kind, message, data) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id,
    scope.organizationId,
    recipientId,
    kind,
    message,
    JSON.stringify(data),
  ]);
  scope.publish({ type: 'notificationAdded', organizationId: scope.organizationId, accountId: recipientId, notificationId: id });
}
