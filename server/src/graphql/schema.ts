import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AuthResolver } from '../auth/AuthResolver';
import { CredentialResolver } from '../auth/CredentialResolver';
import { SsoResolver } from '../sso/SsoResolver';
import { MemberResolver } from '../directory/MemberResolver';
import { InvitationResolver } from '../directory/InvitationResolver';
import { ApiKeyResolver } from '../apiKeys/ApiKeyResolver';
import { SettingsResolver } from '../settings/SettingsResolver';
import { AuditResolver } from '../audit/AuditResolver';
import { PermissionMatrixResolver } from '../decisions/PermissionMatrixResolver';
import { AccessEntryResolver, AccessReasonResolver, DecisionFieldsResolver, DecisionResolver } from '../decisions/DecisionResolver';
import { TeamResolver } from '../teams/TeamResolver';
import { ResourceResolver } from '../resources/ResourceResolver';
import { GrantResolver } from '../resources/GrantResolver';
import {
  AssistantFieldsResolver,
  ConnectionFieldsResolver,
  ProjectFieldsResolver,
  SchemaAgentFieldsResolver,
  SemanticModelFieldsResolver,
} from '../resources/resourceTypeFields';
import { NotificationResolver } from '../notifications/NotificationResolver';
import { AccessRequestResolver } from '../accessRequests/AccessRequestResolver';
import { ChangePreviewResolver, PreviewedLevelChangeResolver, PreviewedUserChangesResolver } from '../preview/ChangePreviewResolver';
import { MemberChangeEventResolver, ResourceAccessChangeResolver, SubscriptionResolver, DirectoryChangeResolver } from '../live/SubscriptionResolver';
import { AccessChangesResolver } from '../changeStream/AccessChangesResolver';
import { authChecker } from './authChecker';
import { applyFieldAreas } from './fieldAreas';

/** Every resolver class: one per type or area, each in its module. */
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  CredentialResolver,
  SsoResolver,
  MemberResolver,
  InvitationResolver,
  ApiKeyResolver,
  SettingsResolver,
  AuditResolver,
  PermissionMatrixResolver,
  TeamResolver,
  ResourceResolver,
  ProjectFieldsResolver,
  AssistantFieldsResolver,
  ConnectionFieldsResolver,
  SchemaAgentFieldsResolver,
  SemanticModelFieldsResolver,
  GrantResolver,
  DecisionResolver,
  DecisionFieldsResolver,
  AccessReasonResolver,
  AccessEntryResolver,
  NotificationResolver,
  AccessRequestResolver,
  ChangePreviewResolver,
  PreviewedUserChangesResolver,
  PreviewedLevelChangeResolver,
  SubscriptionResolver,
  MemberChangeEventResolver,
  DirectoryChangeResolver,
  ResourceAccessChangeResolver,
  AccessChangesResolver,
];

/**
 * type-graphql insists on a PubSub when there are subscriptions, but every
 * subscription here brings its own `subscribe` (live/SubscriptionResolver.ts,
 * fed by the live hub), so topics are never used.
 */
const TOPICS_UNUSED: PubSub = {
  publish() {
    throw new Error('Rolegraph publishes through the live event bus, not type-graphql topics.');
  },
  subscribe() {
    throw new Error('Every Rolegraph subscription supplies its own subscribe function.');
  },
};

let built: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once per process from the decorated classes. */
export function buildRolegraphSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    validate: false,
    pubSub: TOPICS_UNUSED,
  }).then((schema) => {
    applyFieldAreas(schema);
    return schema;
  });
  return built;
}
