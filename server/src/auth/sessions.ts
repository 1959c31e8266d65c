import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Tx } from '../db/database';
import { SessionEntity } from './session.entity';
import { hashSecret, newSecret } from './secretTokens';
import type { SessionOrigin } from './sessionOrigin';

export interface CreatedSession {
  /** The opaque token: returned once, stored only as its hash. */
  readonly token: string;
  readonly session: SessionEntity;
}

export async function createSession(
  tx: Tx,
  config: Pick<Config, 'sessionTtlHours'>,
  accountId: string,
  organizationId: string | null,
  origin: SessionOrigin,
): Promise<CreatedSession> {
  const token = newSecret('session');
  const session = tx.create(SessionEntity, {
    id: randomUUID(),
    tokenHash: hashSecret(token),
    accountId,
    organizationId,
    expiresAt: new Date(Date.now() + config.sessionTtlHours * 3600 * 1000),
    userAgent: origin.userAgent,
    clientAddress: origin.clientAddress,
    lastUsedAt: new Date(),
  });
  await tx.insert(SessionEntity, session);
  return { token, session: await tx.findOneByOrFail(SessionEntity, { id: session.id }) };
}
