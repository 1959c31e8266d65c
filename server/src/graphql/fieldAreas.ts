import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { scopeAllows, type ApiScopeArea } from '@rolegraph/shared';
import { ForbiddenError } from '../errors';
import type { GraphQLContext } from './context';

/**
 * API key areas do not bleed: every field an API key reads needs that
 * field's own area, however it was reached. A resource's name, owner or
 * sharing needs `resources: READ` even when reached through a member; a
 * member's email needs `directory: READ` even when reached through a
 * resource. People (sessions) are not affected: they reach these objects only
 * through guarded fields that show them what they may see.
 *
 * Each type names its area; `fields` names the fields that lead into another
 * area. Applied to the schema once, by wrapping each field's resolver
 * (`applyFieldAreas`); listed, with every field's rules, in the reviewed rule
 * snapshot (test/unit/graphql/ruleSnapshot.test.ts).
 */
export interface TypeArea {
  readonly area: ApiScopeArea;
  readonly fields?: Readonly<Record<string, ApiScopeArea>>;
}

export const TYPE_AREAS: Readonly<Record<string, TypeArea>> = {
  // The directory: members, teams, invitations.
  Member: { area: 'directory', fields: { ownedResources: 'resources' } },
  RoleOption: { area: 'directory' },
  Team: { area: 'directory', fields: { grants: 'resources' } },
  TeamMembership: { area: 'directory' },
  Invitation: { area: 'directory' },
  CreatedInvitation: { area: 'directory' },
  RemovedMember: { area: 'directory' },
  Account: { area: 'directory' },
  MemberChangeEvent: { area: 'directory' },
  DirectoryChange: { area: 'directory' },
  // The catalog and its sharing.
  Project: { area: 'resources' },
  Assistant: { area: 'resources' },
  Corpus: { area: 'resources' },
  Connection: { area: 'resources' },
  SchemaAgent: { area: 'resources' },
  SemanticModel: { area: 'resources' },
  ResourceOwner: { area: 'resources', fields: { email: 'directory' } },
  Grant: { area: 'resources', fields: { user: 'directory', team: 'directory', grantedBy: 'directory' } },
  // Decisions and explanations.
  Decision: { area: 'permissions' },
  Denial: { area: 'permissions' },
  AccessExplanation: { area: 'permissions' },
  AccessEntry: { area: 'permissions', fields: { user: 'directory' } },
  AccessReason: { area: 'permissions', fields: { team: 'directory', anchorResource: 'resources' } },
  ResourceAccessChange: { area: 'permissions', fields: { resource: 'resources' } },
  AccessLevelChange: { area: 'permissions' },
  // The audit log.
  AuditEntry: { area: 'audit' },
  AuditActor: { area: 'audit' },
};

/**
 * Ids and types name things across areas (a decision names its user and its
 * resource; a key with permissions: READ gets the ids of accessibleResources):
 * any API key that reached an object may read them.
 */
export const IDENTITY_FIELDS: readonly string[] = ['id', 'type'];

/** The area an API key needs to read `type.field`, or undefined when any caller who reached it may. */
export function areaOf(type: string, field: string): ApiScopeArea | undefined {
  const declared = TYPE_AREAS[type];
  if (!declared || IDENTITY_FIELDS.includes(field)) return undefined;
  return declared.fields?.[field] ?? declared.area;
}

/** Wraps every field of the types in TYPE_AREAS so an API key without the field's area is refused. */
export function applyFieldAreas(schema: GraphQLSchema): void {
  for (const [typeName, declared] of Object.entries(TYPE_AREAS)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`TYPE_AREAS names ${typeName}, which is not an object type of the schema`);
    for (const field of Object.values(type.getFields())) {
      const area = areaOf(typeName, field.name);
      if (!area) continue;
      const resolve: GraphQLFieldResolver<unknown, GraphQLContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const principal = context.principal;
        if (principal?.kind === 'API_KEY' && !scopeAllows(principal.scopes, area, 'READ')) {
          throw new ForbiddenError(`This API key's scopes do not include ${area}: READ, which ${typeName}.${field.name} needs.`);
        }
        return resolve(source, args, context, info);
      };
    }
    for (const field of Object.keys(declared.fields ?? {})) {
      if (!type.getFields()[field]) throw new Error(`TYPE_AREAS names ${typeName}.${field}, which does not exist`);
    }
  }
}
