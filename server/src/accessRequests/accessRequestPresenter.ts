import type { AccessRequestEntity } from './accessRequest.entity';
import type { AccessRequest } from './accessRequest.types';

export function presentAccessRequest(e: AccessRequestEntity): AccessRequest {
  return {
    id: e.id,
    resourceId: e.resourceId,
    level: e.level,
    reason: e.reason,
    status: e.status,
    createdAt: e.createdAt,
    answeredAt: e.answeredAt,
    answerReason: e.answerReason,
    grantedLevel: e.grantedLevel,
    grantedExpiresAt: e.grantedExpiresAt,
    requesterId: e.requesterId,
    answeredById: e.answeredBy,
  };
}
