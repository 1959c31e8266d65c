import { RememberedCredentials } from '../../../src/auth/rememberedCredentials';
import type { Principal } from '../../../src/auth/principal';

const ORG = 'org-1';
const member: Principal = {
  kind: 'USER',
  accountId: 'jo',
  email: 'jo@example.test',
  name: 'Jo',
  sessionId: 'session-1',
  organizationId: ORG,
  role: 'USER',
  accessRevision: '3',
};
const key: Principal = {
  kind: 'API_KEY',
  apiKeyId: 'key-1',
  name: 'svc',
  organizationId: ORG,
  scopes: { directory: 'NONE', resources: 'NONE', permissions: 'READ', audit: 'NONE', provisioning: 'NONE' },
  accessRevision: '3',
};

function remembering(): RememberedCredentials {
  const credentials = new RememberedCredentials(60_000);
  credentials.remember('rg_session_secret', member);
  credentials.remember('rg_key_secret', key);
  return credentials;
}

describe('remembered credentials', () => {
  it('recalls a credential by its secret only', () => {
    const credentials = remembering();
    expect(credentials.recall('rg_session_secret')).toBe(member);
    expect(credentials.recall('rg_key_secret')).toBe(key);
    expect(credentials.recall('rg_other')).toBeNull();
  });

  it('forgets a credential once its time to live has passed', () => {
    // A negative time to live: every remembered credential is already past it.
    const credentials = new RememberedCredentials(-1);
    credentials.remember('rg_key_secret', key);
    expect(credentials.recall('rg_key_secret')).toBeNull();
  });

  it.each([
    ['the session ends', { type: 'sessionEnded', sessionId: 'session-1' } as const, 'rg_session_secret'],
    ['the key is revoked', { type: 'apiKeyRevoked', apiKeyId: 'key-1' } as const, 'rg_key_secret'],
    ['the membership ends', { type: 'membershipEnded', organizationId: ORG, accountId: 'jo' } as const, 'rg_session_secret'],
    [
      'the member’s role changes',
      { type: 'memberChanged', organizationId: ORG, change: 'ROLE_CHANGED', accountId: 'jo', invitationId: null } as const,
      'rg_session_secret',
    ],
  ])('forgets a credential when %s, and only that one', (_, event, forgotten) => {
    const credentials = remembering();
    credentials.observe(event);
    expect(credentials.recall(forgotten)).toBeNull();
    const kept = forgotten === 'rg_key_secret' ? 'rg_session_secret' : 'rg_key_secret';
    expect(credentials.recall(kept)).not.toBeNull();
  });

  it('forgets everything when events may have been missed', () => {
    const credentials = remembering();
    credentials.clear();
    expect(credentials.recall('rg_session_secret')).toBeNull();
    expect(credentials.recall('rg_key_secret')).toBeNull();
  });
});
