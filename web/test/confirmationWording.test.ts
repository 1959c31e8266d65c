import { roleChangeWording } from '../src/pages/members/roleChangeConfirmation';
import { assistantChangeWording, DRAFT_RULE } from '../src/pages/projects/assistantChangeConfirmation';
import { actionWords, levelDescription } from '../src/components/actionWords';
import { countOf } from '../src/components/plural';

describe('roleChangeWording', () => {
  it('stepping down as an owner says it cannot be undone alone, in red', () => {
    const w = roleChangeWording({ memberName: 'Hana', isYou: true, from: 'OWNER', to: 'ADMIN', owners: 2 });
    expect(w.title).toBe('Step down as owner?');
    expect(w.message).toContain('only another owner can make you an owner again');
    expect(w.confirmLabel).toBe('Step down to Admin');
    expect(w.danger).toBe(true);
  });

  it('a promotion to owner warns when the organization already has enough owners', () => {
    expect(roleChangeWording({ memberName: 'Jo', isYou: false, from: 'ADMIN', to: 'OWNER', owners: 1 }).message).not.toContain('already has');
    const many = roleChangeWording({ memberName: 'Jo', isYou: false, from: 'ADMIN', to: 'OWNER', owners: 2 });
    expect(many.message).toContain('already has 2 owners');
    expect(many.danger).toBe(false);
  });

  it('a demotion of someone else is red, a promotion is not', () => {
    expect(roleChangeWording({ memberName: 'Jo', isYou: false, from: 'ADMIN', to: 'USER', owners: 1 })).toMatchObject({
      title: "Change Jo's role to User?",
      confirmLabel: 'Make User',
      danger: true,
    });
    expect(roleChangeWording({ memberName: 'Jo', isYou: false, from: 'USER', to: 'ADMIN', owners: 1 }).danger).toBe(false);
  });

  it('names the role lost with its article: an Admin, an Owner', () => {
    expect(roleChangeWording({ memberName: 'Jo', isYou: false, from: 'ADMIN', to: 'USER', owners: 1 }).message).toMatch(/^Jo is an Admin now and loses/);
    expect(roleChangeWording({ memberName: 'Ravi', isYou: true, from: 'ADMIN', to: 'USER', owners: 1 }).message).toMatch(/^You lose what an Admin may do/);
  });

  it('an admin lowering themselves is told they cannot undo it', () => {
    const w = roleChangeWording({ memberName: 'Ravi', isYou: true, from: 'ADMIN', to: 'USER', owners: 1 });
    expect(w.confirmLabel).toBe('Change my role to User');
    expect(w.message).toContain('cannot undo this yourself');
  });
});

describe('assistantChangeWording', () => {
  const draftPrivate = { name: 'Helper', status: 'DRAFT', visibility: 'PRIVATE' } as const;
  const livePrivate = { name: 'Helper', status: 'LIVE', visibility: 'PRIVATE' } as const;
  const livePublic = { name: 'Helper', status: 'LIVE', visibility: 'PUBLIC' } as const;

  it('making a live assistant public says anyone may read and chat, even without signing in', () => {
    const w = assistantChangeWording(livePrivate, { visibility: 'PUBLIC' });
    expect(w).toMatchObject({ title: 'Make Helper public and live?', confirmLabel: 'Make public', danger: true });
    expect(w.message).toContain('even without signing in');
  });

  it('making a public draft live is the same opening, under the status button', () => {
    expect(assistantChangeWording({ ...draftPrivate, visibility: 'PUBLIC' }, { status: 'LIVE' })).toMatchObject({ confirmLabel: 'Make live', danger: true });
  });

  it('going back to draft states the draft rule', () => {
    const w = assistantChangeWording(livePublic, { status: 'DRAFT' });
    expect(w.message).toContain(DRAFT_RULE);
    expect(w.message).toContain('because it is public');
  });

  it('making a draft live names who gains access; making a private one public while a draft explains the wait', () => {
    expect(assistantChangeWording(draftPrivate, { status: 'LIVE' })).toMatchObject({ title: 'Make Helper live?', danger: false });
    expect(assistantChangeWording(draftPrivate, { visibility: 'PUBLIC' }).message).toContain('Once it is live');
  });

  it('making a public one private takes access away', () => {
    expect(assistantChangeWording(livePublic, { visibility: 'PRIVATE' })).toMatchObject({ confirmLabel: 'Make private', danger: true });
  });
});

describe('actionWords and levelDescription', () => {
  it('reads action and capability names as words', () => {
    expect(actionWords('editDocuments')).toBe('edit documents');
    expect(actionWords('manageAccess')).toBe('manage access');
    expect(actionWords('users.manage')).toBe('manage users');
    expect(actionWords('read')).toBe('read');
  });

  it('describes a level by what it allows on the type', () => {
    expect(levelDescription('ASSISTANT', 'MEMBER')).toBe('Can read and chat.');
    expect(levelDescription('CORPUS', 'VIEWER')).toBe('Can read.');
    expect(levelDescription('PROJECT', 'ADMIN')).toContain('manage access (if their role allows)');
    expect(levelDescription('PROJECT', 'ADMIN')).not.toContain('transfer');
  });
});

describe('countOf', () => {
  it('reads "1 member", not "1 member(s)"', () => {
    expect(countOf(1, 'member')).toBe('1 member');
    expect(countOf(0, 'member')).toBe('0 members');
    expect(countOf(3, 'corpus', 'corpora')).toBe('3 corpora');
  });
  it('groups thousands: "10,000 members"', () => {
    expect(countOf(10000, 'member')).toBe('10,000 members');
    expect(countOf(1234567, 'entry', 'entries')).toBe('1,234,567 entries');
  });
});
