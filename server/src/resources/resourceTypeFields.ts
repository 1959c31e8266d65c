import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { ResourceEntity } from './resource.entity';
import { CONNECTION_CREDENTIALS, openStoredSecret } from '../secrets/storedSecrets';
import { readableResources } from './resourceQueries';
import { compareResourceNodes, findResource } from '../access/accessGraph';
import { Assistant, Connection, Corpus, Project, SchemaAgent, SemanticModel, type Resource } from './resource.types';
import { presentResourceNode } from './resourcePresenter';

function idsIn(attributes: Record<string, unknown>, key: string): string[] {
  const value = attributes[key];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A resource another is built on; visible through it (shared users "view the connection and ERD"). */
async function builtOn(ctx: GraphQLContext, resource: Resource, key: string): Promise<Resource | null> {
  const row = resource.row ?? (await ctx.loaders.resource.load(resource.id));
  const [id] = row ? idsIn(row.attributes, key) : [];
  const node = id ? findResource(await ctx.access.graph(), id) : undefined;
  return node ? presentResourceNode(node) : null;
}

@Resolver(() => Project)
export class ProjectFieldsResolver {
  @FieldResolver(() => [Assistant], { description: 'The project’s assistants the caller may read.' })
  async assistants(@Root() project: Project, @Ctx() ctx: GraphQLContext): Promise<Resource[]> {
    const graph = await ctx.access.graph();
    const children = [...graph.childrenOf(project.id)].sort(compareResourceNodes);
    return readableResources(
      ctx,
      children.map((c) => c.id),
    );
  }
}

@Resolver(() => Assistant)
export class AssistantFieldsResolver {
  @FieldResolver(() => [Corpus], { description: 'Corpora the assistant uses that the caller may read.' })
  async corpora(@Root() assistant: Assistant, @Ctx() ctx: GraphQLContext): Promise<Resource[]> {
    const row = assistant.row ?? (await ctx.loaders.resource.load(assistant.id));
    return readableResources(ctx, row ? idsIn(row.attributes, 'corpusIds') : []);
  }
}

@Resolver(() => Connection)
export class ConnectionFieldsResolver {
  @Authorized(Rule.onResource('readCredentials'))
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The secret credentials: only for those with readCredentials (ADMIN on the connection); denied otherwise.',
  })
  async credentials(@Root() connection: Connection, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    const row = await ctx.app.dataSource
      .getRepository(ResourceEntity)
      .createQueryBuilder('r')
      .select(['r.id', 'r.credentials'])
      .where('r.id = :id', { id: connection.id })
      .getOne();
    return row?.credentials == null ? null : openStoredSecret(ctx.app.secrets, CONNECTION_CREDENTIALS, connection.id, row.credentials);
  }

  @FieldResolver(() => Boolean, { description: 'Whether credentials are set (shown masked to everyone who can read the connection).' })
  async hasCredentials(@Root() connection: Connection, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const rows: { set: boolean }[] = await ctx.app.dataSource.query(`SELECT credentials IS NOT NULL AS set FROM resources WHERE id = $1`, [connection.id]);
    return rows[0]?.set ?? false;
  }
}

@Resolver(() => SchemaAgent)
export class SchemaAgentFieldsResolver {
  @FieldResolver(() => Connection, { nullable: true, description: 'The connection it is built on (its credentials stay guarded).' })
  connection(@Root() agent: SchemaAgent, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    return builtOn(ctx, agent, 'connectionId');
  }
}

@Resolver(() => SemanticModel)
export class SemanticModelFieldsResolver {
  @FieldResolver(() => SchemaAgent, { nullable: true, description: 'The schema agent it is built on.' })
  schemaAgent(@Root() model: SemanticModel, @Ctx() ctx: GraphQLContext): Promise<Resource | null> {
    return builtOn(ctx, model, 'schemaAgentId');
  }
}
