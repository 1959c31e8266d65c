import { InitialSchema1732406400000 } from './1732406400000-InitialSchema';
import { SealedSecrets1764100000000 } from './1764100000000-SealedSecrets';
import { ExpiringGrants1764200000000 } from './1764200000000-ExpiringGrants';
import { AccessLevelChanges1764400000000 } from './1764400000000-AccessLevelChanges';

/** Every migration, oldest first. */
export const MIGRATIONS = [InitialSchema1732406400000, SealedSecrets1764100000000, ExpiringGrants1764200000000, AccessLevelChanges1764400000000];
