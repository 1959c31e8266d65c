import { notInvitedText, parseInviteEmails } from '../src/pages/members/inviteEmails';

describe('notInvitedText', () => {
  it('brings back only the addresses not invited, one a line, in the order typed', () => {
    const text = notInvitedText([
      { email: 'jo@example.com', error: 'Already a member.' },
      { email: 'new@example.com', acceptUrl: 'https://rolegraph.test/accept-invitation#token=x' },
      { email: 'kim@example.com', error: 'Already invited.' },
    ]);
    expect(text).toBe('jo@example.com\nkim@example.com');
    expect(parseInviteEmails(text)).toEqual({ emails: ['jo@example.com', 'kim@example.com'], invalid: [] });
  });

  it('is empty when every address was invited', () => {
    expect(notInvitedText([{ email: 'new@example.com', acceptUrl: 'https://rolegraph.test/a' }])).toBe('');
  });
});
