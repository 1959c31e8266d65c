import { notificationLink } from '../src/pages/notifications/notificationLink';

describe('where a notification leads', () => {
  it('a shared asset, project or assistant opens its page', () => {
    expect(notificationLink('RESOURCE_SHARED', { resourceId: 'c1', resourceType: 'CORPUS', parentId: null })).toEqual({ to: '/assets/c1', label: 'Open' });
    expect(notificationLink('OWNERSHIP_RECEIVED', { resourceId: 'p1', resourceType: 'PROJECT', parentId: null })?.to).toBe('/projects/p1');
    expect(notificationLink('RESOURCE_SHARED', { resourceId: 'a1', resourceType: 'ASSISTANT', parentId: 'p1' })?.to).toBe('/projects/p1#a1');
  });

  it('removed or ended access leads to asking for it again', () => {
    expect(notificationLink('ACCESS_REVOKED', { resourceId: 'c1', resourceType: 'CORPUS' })).toEqual({ to: '/request-access/c1', label: 'Ask for access' });
    expect(notificationLink('ACCESS_EXPIRED', { resourceId: 'c1', resourceType: 'CORPUS' })?.to).toBe('/request-access/c1');
  });

  it('teams, requests and role changes lead to their pages', () => {
    expect(notificationLink('TEAM_ADDED', { teamId: 't1', role: 'MEMBER' })?.to).toBe('/teams/t1');
    expect(notificationLink('ACCESS_REQUESTED', { resourceId: 'c1', resourceType: 'CORPUS' })?.to).toBe('/requests');
    expect(notificationLink('ACCESS_REQUEST_ANSWERED', { status: 'DENIED', resourceId: 'c1' })?.to).toBe('/requests');
    expect(notificationLink('ACCESS_REQUEST_ANSWERED', { status: 'APPROVED', resourceId: 'c1', resourceType: 'CORPUS' })?.to).toBe('/assets/c1');
    expect(notificationLink('ROLE_CHANGED', { before: 'USER', after: 'ADMIN' })?.to).toBe('/matrix');
  });

  it('offers no link when the data cannot name a page', () => {
    expect(notificationLink('RESOURCE_SHARED', { resourceId: 'a1', resourceType: 'ASSISTANT' })).toBeNull();
    expect(notificationLink('RESOURCE_SHARED', { resourceId: 'x', resourceType: 'NOT_A_TYPE' })).toBeNull();
    expect(notificationLink('TEAM_ADDED', {})).toBeNull();
  });
});
