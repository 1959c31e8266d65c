import { AccountEntity } from '../auth/account.entity';
import { SessionEntity } from '../auth/session.entity';
import { PasswordResetEntity } from '../auth/passwordReset.entity';
import { OrganizationEntity } from '../directory/organization.entity';
import { MembershipEntity } from '../directory/membership.entity';
import { InvitationEntity } from '../directory/invitation.entity';
import { OutboxEmailEntity } from '../mail/outboxEmail.entity';
import { ApiKeyEntity } from '../apiKeys/apiKey.entity';
import { AuditEntryEntity } from '../audit/auditEntry.entity';
import { LlmConfigEntity } from '../settings/llmConfig.entity';
import { TeamEntity } from '../teams/team.entity';
import { TeamMemberEntity } from '../teams/teamMember.entity';
import { ResourceEntity } from '../resources/resource.entity';
import { GrantEntity } from '../resources/grant.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { AccessRequestEntity } from '../accessRequests/accessRequest.entity';
import { ScimUserEntity } from '../scim/scimUser.entity';
import { SsoConnectionEntity } from '../sso/ssoConnection.entity';

/** Every TypeORM entity; the schema itself is defined by the migrations. */
export const ENTITIES = [
  AccountEntity,
  SessionEntity,
  PasswordResetEntity,
  OrganizationEntity,
  MembershipEntity,
  InvitationEntity,
  OutboxEmailEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  LlmConfigEntity,
  TeamEntity,
  TeamMemberEntity,
  ResourceEntity,
  GrantEntity,
  NotificationEntity,
  AccessRequestEntity,
  ScimUserEntity,
  SsoConnectionEntity,
];
