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

  it('forgets a credential once its time to live has passed, counted from its check, not its last recall', () => {
    const clock = { ms: 1_000, now: () => clock.ms };
    const credentials = new RememberedCredentials(60_000, 100, clock);
    credentials.remember('rg_key_secret', key);
    clock.ms += 59_000;
    expect(credentials.recall('rg_key_secret')).toBe(key);
    clock.ms += 2_000;
    expect(credentials.recall('rg_key_secret')).toBeNull();
    credentials.remember('rg_key_secret', key);
    clock.ms += 59_000;
    expect(credentials.recall('rg_key_secret')).toBe(key);
  });

  it('keeps at most its maximum, forgetting the least recently used first', () => {
    const credentials = new RememberedCredentials(60_000, 2);
    credentials.remember('rg_session_secret', member);
    credentials.remember('rg_key_secret', key);
    expect(credentials.recall('rg_session_secret')).toBe(member);
    credentials.remember('rg_third_secret', { ...key, apiKeyId: 'key-3' });
    expect(credentials.recall('rg_key_secret')).toBeNull();
    expect(credentials.recall('rg_session_secret')).toBe(member);
  });

  it('forgets every credential an event matches', () => {
    const credentials = remembering();
    for (let i = 0; i < 50; i++) credentials.remember(`rg_other_session_${i}`, { ...member, accountId: `other-${i}`, sessionId: `other-${i}` });
    for (let i = 0; i < 5; i++) credentials.remember(`rg_jo_device_${i}`, { ...member, sessionId: `jo-${i}` });
    credentials.observe({ type: 'membershipEnded', organizationId: ORG, accountId: 'jo' });
    expect(credentials.recall('rg_session_secret')).toBeNull();
    for (let i = 0; i < 5; i++) expect(credentials.recall(`rg_jo_device_${i}`)).toBeNull();
    for (let i = 0; i < 50; i++) expect(credentials.recall(`rg_other_session_${i}`)).not.toBeNull();
    expect(credentials.recall('rg_key_secret')).toBe(key);
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

  it('forgets the sessions and keys of a deleted organization, and only those', () => {
    const credentials = remembering();
    credentials.remember('rg_elsewhere_session', { ...member, organizationId: 'org-2', sessionId: 'session-2' });
    credentials.remember('rg_elsewhere_key', { ...key, organizationId: 'org-2', apiKeyId: 'key-2' });
    credentials.observe({ type: 'organizationDeleted', organizationId: ORG });
    expect(credentials.recall('rg_session_secret')).toBeNull();
    expect(credentials.recall('rg_key_secret')).toBeNull();
    expect(credentials.recall('rg_elsewhere_session')).not.toBeNull();
    expect(credentials.recall('rg_elsewhere_key')).not.toBeNull();
  });

  it('forgets everything when events may have been missed', () => {
    const credentials = remembering();
    credentials.clear();
    expect(credentials.recall('rg_session_secret')).toBeNull();
    expect(credentials.recall('rg_key_secret')).toBeNull();
  });
});
