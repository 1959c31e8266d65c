import { planDefinition, type Plan } from '@rolegraph/shared';
import { execute, type CommandContext } from '../commands/commandContext';
import { assertReadable, requiredLine } from '../commands/textInput';
import { BadUserInputError } from '../errors';
import { lockOrganization, countSeatsUsed } from '../directory/organizationStore';
import { OrganizationEntity } from '../directory/organization.entity';
import { LlmConfigEntity } from './llmConfig.entity';
import { LLM_API_KEY, sealStoredSecret } from '../secrets/storedSecrets';
import { assertDisplayName } from '../auth/accountInput';

/** Longest provider API key accepted: providers' keys are well under this; anything longer is not one. */
const MAX_LLM_API_KEY = 1_000;

function requiredText(value: string, field: string, what: string): string {
  return requiredLine(value, { field, what, max: 200 });
}

/** The key change asked for: undefined keeps the stored key, '' clears it. The refusals never repeat the key. */
function apiKeyChange(raw: string | null | undefined): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const key = raw.trim();
  if (key.length > MAX_LLM_API_KEY)
    throw new BadUserInputError(`Keep the API key to ${MAX_LLM_API_KEY} characters: the provider's keys are shorter.`, 'apiKey');
  assertReadable(key, 'line', 'apiKey', 'the API key');
  return key;
}

/** Sets provider and model; replaces the API key only when one is given ("" clears it). The key is stored sealed and never reaches the audit log. */
export async function updateLlmConfiguration(
  ctx: CommandContext,
  input: { provider: string; model: string; apiKey?: string | null },
): Promise<LlmConfigEntity> {
  const provider = requiredText(input.provider, 'provider', 'a provider');
  const model = requiredText(input.model, 'model', 'a model');
  const keyChange = apiKeyChange(input.apiKey);
  return execute(ctx, async (scope) => {
    const before = await scope.tx.findOneBy(LlmConfigEntity, { organizationId: ctx.organizationId });
    const values: Partial<LlmConfigEntity> = {
      organizationId: ctx.organizationId,
      provider,
      model,
      updatedAt: new Date(),
      updatedBy: ctx.actor.type === 'USER' ? ctx.actor.id : null,
    };
    if (keyChange !== undefined) {
      values.apiKey = keyChange ? sealStoredSecret(ctx.app.secrets, LLM_API_KEY, ctx.organizationId, keyChange) : null;
      values.apiKeyLast4 = keyChange ? keyChange.slice(-4) : null;
    }
    await scope.tx.upsert(LlmConfigEntity, values, ['organizationId']);
    await scope.audit({
      action: 'llm_config.updated',
      target: { type: 'ORGANIZATION', id: ctx.organizationId },
      before: before ? { provider: before.provider, model: before.model, hasApiKey: before.apiKeyLast4 !== null } : null,
      after: { provider, model, apiKeyChanged: keyChange !== undefined },
    });
    return scope.tx.findOneByOrFail(LlmConfigEntity, { organizationId: ctx.organizationId });
  });
}

/** Changes plan and seats; seats may not drop below those in use nor exceed the plan. */
export async function updateBilling(ctx: CommandContext, input: { plan: Plan; seats: number }): Promise<OrganizationEntity> {
  const plan = planDefinition(input.plan);
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > plan.maxSeats) {
    throw new BadUserInputError(`The ${plan.label} plan allows 1 to ${plan.maxSeats} seats.`, 'seats');
  }
  return execute(ctx, async (scope) => {
    const organization = await lockOrganization(scope.tx, ctx.organizationId);
    const used = await countSeatsUsed(scope.tx, ctx.organizationId);
    if (input.seats < used) {
      throw new BadUserInputError(`${used} seats are in use (members plus pending invitations); choose at least ${used}.`, 'seats');
    }
    await scope.tx.update(OrganizationEntity, { id: ctx.organizationId }, { plan: plan.id, seats: input.seats });
    await scope.audit({
      action: 'billing.updated',
      target: { type: 'ORGANIZATION', id: ctx.organizationId, label: organization.name },
      before: { plan: organization.plan, seats: organization.seats },
      after: { plan: plan.id, seats: input.seats },
    });
    return scope.tx.findOneByOrFail(OrganizationEntity, { id: ctx.organizationId });
  });
}

/** Renames the organization (every member sees the new name); the same name again changes nothing and is not audited. */
export async function renameOrganization(ctx: CommandContext, input: { name: string }): Promise<OrganizationEntity> {
  const name = assertDisplayName(input.name, 'name', 'an organization name');
  return execute(ctx, async (scope) => {
    const organization = await lockOrganization(scope.tx, ctx.organizationId);
    if (organization.name === name) return organization;
    await scope.tx.update(OrganizationEntity, { id: ctx.organizationId }, { name });
    await scope.audit({
      action: 'organization.renamed',
      target: { type: 'ORGANIZATION', id: ctx.organizationId, label: name },
      before: { name: organization.name },
      after: { name },
    });
    scope.publish({ type: 'organizationChanged', organizationId: ctx.organizationId });
    return scope.tx.findOneByOrFail(OrganizationEntity, { id: ctx.organizationId });
  });
}
