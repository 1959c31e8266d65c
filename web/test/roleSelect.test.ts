import { roleSelectData } from '../src/pages/members/RoleSelect';

describe('roleSelectData', () => {
  it('offers the allowed roles and disables the others with the server reason', () => {
    const data = roleSelectData('USER', [
      { role: 'OWNER', allowed: false, reason: 'Only owners can make owners' },
      { role: 'ADMIN', allowed: true, reason: null },
      { role: 'USER', allowed: false, reason: 'Already a User' },
    ]);
    expect(data).toEqual([
      { value: 'OWNER', label: 'Owner — Only owners can make owners', disabled: true },
      { value: 'ADMIN', label: 'Admin', disabled: false },
      { value: 'USER', label: 'User', disabled: false },
    ]);
  });
});
