import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PLANS } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { OrganizationEntity } from '../directory/organization.entity';
import { countSeatsUsed } from '../directory/organizationStore';
import { LlmConfigEntity } from './llmConfig.entity';
import { renameOrganization, updateBilling, updateLlmConfiguration } from './settingsCommands';
import {
  Billing,
  DeleteOrganizationInput,
  LlmConfiguration,
  OrganizationDeletionPreview,
  RenameOrganizationInput,
  UpdateBillingInput,
  UpdateLlmConfigurationInput,
} from './settings.types';
import { Organization, Viewer } from '../auth/auth.types';
import { assertUser } from '../auth/authCommands';
import { presentViewer } from '../auth/viewerPresenter';
import { deleteOrganization, organizationFootprint } from '../directory/organizationDeletion';

function presentLlm(entity: LlmConfigEntity): LlmConfiguration {
  return { provider: entity.provider, model: entity.model, apiKeyLast4: entity.apiKeyLast4, updatedAt: entity.updatedAt };
}

async function presentBilling(ctx: GraphQLContext, organization: OrganizationEntity): Promise<Billing> {
  const seatsUsed = await countSeatsUsed(ctx.app.dataSource.manager, organization.id);
  return { plan: organization.plan, seats: organization.seats, seatsUsed, plans: PLANS.map((p) => ({ ...p })) };
}

@Resolver()
export class SettingsResolver {
  @Authorized(Rule.can('organization.manage'))
  @Mutation(() => Organization, { description: 'Rename the organization. Owners only.' })
  async renameOrganization(
    @Arg('input', () => RenameOrganizationInput, { description: 'What to do; see the input type.' }) input: RenameOrganizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Organization> {
    const { id, name, createdAt } = await renameOrganization(commandContextOf(ctx), input);
    return { id, name, createdAt };
  }

  @Authorized(Rule.can('organization.manage'))
  @Query(() => OrganizationDeletionPreview, { description: 'What deleteOrganization would take with it, counted. Owners only.' })
  async organizationDeletionPreview(@Ctx() ctx: GraphQLContext): Promise<OrganizationDeletionPreview> {
    return organizationFootprint(ctx.app.dataSource.manager, actingPrincipal(ctx).organizationId);
  }

  @Authorized(Rule.can('organization.manage'))
  @Mutation(() => Viewer, {
    description:
      'Delete the organization for good, with its members’ access, teams, resources, grants, invitations, API keys and settings; its audit log is kept. Confirm with its exact name. Your session moves to your earliest other organization (or to none); every other session in it is left in none, and the organization’s subscriptions close. Owners only.',
  })
  async deleteOrganization(
    @Arg('input', () => DeleteOrganizationInput, { description: 'What to do; see the input type.' }) input: DeleteOrganizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Viewer> {
    assertUser(ctx.principal);
    const next = await deleteOrganization(commandContextOf(ctx), ctx.principal.sessionId, input);
    ctx.access.sessionMoved();
    return presentViewer(ctx, ctx.principal.accountId, next);
  }

  @Authorized(Rule.can('llmConfig.manage'))
  @Query(() => LlmConfiguration, { nullable: true, description: 'LLM settings; null until set. Owners only.' })
  async llmConfiguration(@Ctx() ctx: GraphQLContext): Promise<LlmConfiguration | null> {
    const entity = await ctx.app.dataSource.getRepository(LlmConfigEntity).findOneBy({ organizationId: actingPrincipal(ctx).organizationId });
    return entity ? presentLlm(entity) : null;
  }

  @Authorized(Rule.can('llmConfig.manage'))
  @Mutation(() => LlmConfiguration, { description: 'Set provider, model and (optionally) the provider API key. Owners only.' })
  async updateLlmConfiguration(
    @Arg('input', () => UpdateLlmConfigurationInput, { description: 'What to do; see the input type.' }) input: UpdateLlmConfigurationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LlmConfiguration> {
    return presentLlm(await updateLlmConfiguration(commandContextOf(ctx), input));
  }

  @Authorized(Rule.can('billing.manage'))
  @Query(() => Billing, { description: 'Plan, seats and seats in use. Owners only.' })
  async billing(@Ctx() ctx: GraphQLContext): Promise<Billing> {
    const organization = await ctx.app.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: actingPrincipal(ctx).organizationId });
    return presentBilling(ctx, organization);
  }

  @Authorized(Rule.can('billing.manage'))
  @Mutation(() => Billing, { description: 'Change plan and seats. Owners only.' })
  async updateBilling(
    @Arg('input', () => UpdateBillingInput, { description: 'What to do; see the input type.' }) input: UpdateBillingInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Billing> {
    return presentBilling(ctx, await updateBilling(commandContextOf(ctx), input));
  }
}
