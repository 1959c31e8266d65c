import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingPrincipal, commandContextOf } from '../graphql/actingContext';
import { ApiKeyEntity } from './apiKey.entity';
import { createApiKey, revokeApiKey } from './apiKeyCommands';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from './apiKey.types';

function presentApiKey(entity: ApiKeyEntity): ApiKey {
  return {
    id: entity.id,
    name: entity.name,
    prefix: entity.prefix,
    scopes: entity.scopes,
    createdAt: entity.createdAt,
    lastUsedAt: entity.lastUsedAt,
    revokedAt: entity.revokedAt,
  };
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Rule.can('apiKeys.manage'))
  @Query(() => [ApiKey], { description: 'The organization’s API keys, newest first, revoked ones included.' })
  async apiKeys(@Ctx() ctx: GraphQLContext): Promise<ApiKey[]> {
    const rows = await ctx.app.dataSource
      .getRepository(ApiKeyEntity)
      .find({ where: { organizationId: actingPrincipal(ctx).organizationId }, order: { createdAt: 'DESC' } });
    return rows.map(presentApiKey);
  }

  @Authorized(Rule.can('apiKeys.manage'))
  @Mutation(() => CreatedApiKey, { description: 'Create an API key with per-area scopes. The secret is returned once and stored hashed.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'What to do; see the input type.' }) input: CreateApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreatedApiKey> {
    const created = await createApiKey(commandContextOf(ctx), input);
    return { apiKey: presentApiKey(created.apiKey), secret: created.secret };
  }

  @Authorized(Rule.can('apiKeys.manage'))
  @Mutation(() => ApiKey, { description: 'Revoke an API key; it is refused from the next request on.' })
  async revokeApiKey(@Arg('id', () => ID, { description: 'Its id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<ApiKey> {
    return presentApiKey(await revokeApiKey(commandContextOf(ctx), id));
  }
}
