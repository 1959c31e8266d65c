import { approveLevels, draftNotice } from '../src/pages/requests/approveLevels';

describe('approveLevels: what the Approve dialog offers', () => {
  it('offers the levels the resource’s type takes, starting at the one asked for', () => {
    expect(approveLevels('EDITOR', 'CORPUS', 'Jo Doe')).toEqual({ levels: ['VIEWER', 'EDITOR', 'ADMIN'], initial: 'EDITOR', unavailable: null });
    expect(approveLevels('ADMIN', 'CONNECTION', 'Jo Doe')).toEqual({ levels: ['MEMBER', 'ADMIN'], initial: 'ADMIN', unavailable: null });
  });

  it('starts at the nearest level above one the type does not have, and says so', () => {
    expect(approveLevels('VIEWER', 'CONNECTION', 'Jo Doe')).toEqual({
      levels: ['MEMBER', 'ADMIN'],
      initial: 'MEMBER',
      unavailable: 'Jo Doe asked for Viewer, which a connection does not have: Member is the nearest level above it.',
    });
    expect(approveLevels('EDITOR', 'PROJECT', 'Jo Doe')).toMatchObject({ levels: ['MEMBER', 'ADMIN'], initial: 'ADMIN' });
    expect(approveLevels('MEMBER', 'SEMANTIC_MODEL', 'Kim Lee')).toMatchObject({ levels: ['VIEWER', 'EDITOR', 'ADMIN'], initial: 'EDITOR' });
    expect(approveLevels('VIEWER', 'ASSISTANT', 'Kim Lee').unavailable).toBe(
      'Kim Lee asked for Viewer, which an assistant does not have: Member is the nearest level above it.',
    );
  });

  it('offers all four levels, starting at the one asked for, when the approver cannot see the resource', () => {
    expect(approveLevels('VIEWER', null, 'Jo Doe')).toEqual({ levels: ['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN'], initial: 'VIEWER', unavailable: null });
  });
});

describe('draftNotice: approving access to a draft assistant says what it means', () => {
  it('warns for a draft only', () => {
    expect(draftNotice({ name: 'Escalations', status: 'DRAFT' }, 'Jo Doe')).toBe(
      "Escalations is a draft: only its owner and the organization's owners can open it. Jo Doe gets the access you grant, and can use it once the assistant goes live.",
    );
    expect(draftNotice({ name: 'Support Bot', status: 'LIVE' }, 'Jo Doe')).toBeNull();
    expect(draftNotice({ name: 'Roadmap' }, 'Jo Doe')).toBeNull();
    expect(draftNotice(null, 'Jo Doe')).toBeNull();
  });
});
