import { InitialSchema1732406400000 } from './1732406400000-InitialSchema';
import { SealedSecrets1764100000000 } from './1764100000000-SealedSecrets';
import { ExpiringGrants1764200000000 } from './1764200000000-ExpiringGrants';
import { AccessRequests1764300000000 } from './1764300000000-AccessRequests';
import { AccessLevelChanges1764400000000 } from './1764400000000-AccessLevelChanges';
import { PasswordResets1764500000000 } from './1764500000000-PasswordResets';
import { ScimUsers1764500000001 } from './1764500000001-ScimUsers';
import { SingleSignOn1764500000002 } from './1764500000002-SingleSignOn';
import { SnapshotLoadIndexes1764700000000 } from './1764700000000-SnapshotLoadIndexes';
import { ProvisionedAccounts1764800000000 } from './1764800000000-ProvisionedAccounts';
import { OrganizationDeletion1764900000000 } from './1764900000000-OrganizationDeletion';
import { SessionOrigin1765000000000 } from './1765000000000-SessionOrigin';
import { ChangeLogCheaperWrites1765100000000 } from './1765100000000-ChangeLogCheaperWrites';
import { GrantsAndTeamsHoldMembers1765200000000 } from './1765200000000-GrantsAndTeamsHoldMembers';
import { AccessRequestsPerOrganization1765200000001 } from './1765200000001-AccessRequestsPerOrganization';
import { VerifiedDomains1765300000000 } from './1765300000000-VerifiedDomains';
import { PendingDomainClaims1765400000000 } from './1765400000000-PendingDomainClaims';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1732406400000,
  SealedSecrets1764100000000,
  ExpiringGrants1764200000000,
  AccessRequests1764300000000,
  AccessLevelChanges1764400000000,
  PasswordResets1764500000000,
  ScimUsers1764500000001,
  SingleSignOn1764500000002,
  SnapshotLoadIndexes1764700000000,
  ProvisionedAccounts1764800000000,
  OrganizationDeletion1764900000000,
  SessionOrigin1765000000000,
  ChangeLogCheaperWrites1765100000000,
  GrantsAndTeamsHoldMembers1765200000000,
  AccessRequestsPerOrganization1765200000001,
  VerifiedDomains1765300000000,
  PendingDomainClaims1765400000000,
];
