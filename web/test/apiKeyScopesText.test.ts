import { API_KEY_SCOPE_PRESETS } from '@rolegraph/shared';
import { hasAnyScope, presetMatching, readableScopes } from '../src/pages/settings/apiKeyScopesText';

const presets = Object.entries(API_KEY_SCOPE_PRESETS).map(([id, p]) => ({ id, scopes: p.scopes }));

describe('API key scopes as text', () => {
  it('lists each area the key reaches in words, and says when it reaches none', () => {
    expect(readableScopes({ directory: 'WRITE', resources: 'NONE', permissions: 'READ', audit: 'NONE', provisioning: 'NONE' })).toEqual([
      'Directory: read & write',
      'Permissions: read',
    ]);
    expect(readableScopes({ directory: 'NONE' })).toEqual(['No access']);
  });

  it('refuses zero scopes, counting areas a key was created without as no access', () => {
    expect(hasAnyScope({ directory: 'NONE', resources: 'NONE', permissions: 'NONE', audit: 'NONE', provisioning: 'NONE' })).toBe(false);
    expect(hasAnyScope({})).toBe(false);
    expect(hasAnyScope({ provisioning: 'WRITE' })).toBe(true);
  });

  it('names the preset the scopes equal, or none once an area is changed', () => {
    expect(presetMatching(API_KEY_SCOPE_PRESETS.READ_ONLY.scopes, presets)).toBe('READ_ONLY');
    expect(presetMatching({ ...API_KEY_SCOPE_PRESETS.READ_ONLY.scopes, audit: 'NONE' }, presets)).toBeNull();
  });
});
