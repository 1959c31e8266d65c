import type { Principal } from '../auth/principal';
import type { AuditActorType } from './auditEntry.entity';

/** Who did something, as the audit log records it. */
export interface Actor {
  readonly type: AuditActorType;
  /** Account id for users, key id for API keys, null for the system. */
  readonly id: string | null;
  /** Email of a user, name of an API key. */
  readonly label: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'SYSTEM', id: null, label: 'system' };

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'USER'
    ? { type: 'USER', id: principal.accountId, label: principal.email }
    : { type: 'API_KEY', id: principal.apiKeyId, label: `API key "${principal.name}"` };
}
