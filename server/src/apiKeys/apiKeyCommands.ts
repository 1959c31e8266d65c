import { randomUUID } from 'node:crypto';
import { API_SCOPE_AREAS, withEveryArea, type ApiKeyScopes } from '@rolegraph/shared';
import { execute, type CommandContext } from '../commands/commandContext';
import { BadUserInputError, NotFoundError } from '../errors';
import { assertId } from '../ids';
import { assertDisplayName } from '../auth/accountInput';
import { hashSecret, newSecret } from '../auth/secretTokens';
import { ApiKeyEntity } from './apiKey.entity';

/** Areas where only READ makes sense: a key cannot change checks or the audit log. */
const READ_ONLY_AREAS = ['permissions', 'audit'] as const;

export async function createApiKey(ctx: CommandContext, input: { name: string; scopes: ApiKeyScopes }): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
  const name = assertDisplayName(input.name, 'name', 'a key name');
  for (const area of READ_ONLY_AREAS) {
    if (input.scopes[area] === 'WRITE') throw new BadUserInputError(`The ${area} area is read-only: use NONE or READ.`, `scopes.${area}`);
  }
  if (input.scopes.provisioning === 'READ') {
    throw new BadUserInputError('The provisioning area is NONE or WRITE: SCIM reads and writes.', 'scopes.provisioning');
  }
  if (API_SCOPE_AREAS.every((area) => input.scopes[area.id] === 'NONE')) {
    throw new BadUserInputError('Give the key at least one area above NONE: a key that can do nothing is refused.', 'scopes');
  }
  const secret = newSecret('apiKey');
  const apiKey = await execute(ctx, async (scope) => {
    const entity = scope.tx.create(ApiKeyEntity, {
      id: randomUUID(),
      organizationId: ctx.organizationId,
      name,
      prefix: secret.slice(0, 10),
      secretHash: hashSecret(secret),
      scopes: withEveryArea({
        directory: input.scopes.directory,
        resources: input.scopes.resources,
        permissions: input.scopes.permissions,
        audit: input.scopes.audit,
        provisioning: input.scopes.provisioning,
      }),
      createdBy: ctx.actor.type === 'USER' ? ctx.actor.id : null,
      lastUsedAt: null,
      revokedAt: null,
    });
    await scope.tx.insert(ApiKeyEntity, entity);
    await scope.audit({ action: 'api_key.created', target: { type: 'API_KEY', id: entity.id, label: name }, after: { name, scopes: entity.scopes } });
    return scope.tx.findOneByOrFail(ApiKeyEntity, { id: entity.id });
  });
  return { apiKey, secret };
}

export async function revokeApiKey(ctx: CommandContext, id: string): Promise<ApiKeyEntity> {
  return execute(ctx, async (scope) => {
    const key = await scope.tx.findOneBy(ApiKeyEntity, { id: assertId(id, 'API key'), organizationId: ctx.organizationId });
    if (!key) throw new NotFoundError('API key', id);
    if (key.revokedAt) return key;
    await scope.tx.update(ApiKeyEntity, { id: key.id }, { revokedAt: new Date() });
    scope.publish({ type: 'apiKeyRevoked', apiKeyId: key.id });
    await scope.audit({ action: 'api_key.revoked', target: { type: 'API_KEY', id: key.id, label: key.name }, before: { name: key.name, scopes: key.scopes } });
    return scope.tx.findOneByOrFail(ApiKeyEntity, { id: key.id });
  });
}
