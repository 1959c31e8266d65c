import { actionFilterOf } from '../src/pages/audit/actionFilter';

describe('the audit log’s Action field', () => {
  it('asks for an area’s actions when a word is typed without the dot, as with it', () => {
    expect(actionFilterOf('grant')).toBe('grant.');
    expect(actionFilterOf(' member ')).toBe('member.');
    expect(actionFilterOf('grant.')).toBe('grant.');
  });

  it('asks for one action as typed, and for nothing when the field is empty', () => {
    expect(actionFilterOf('grant.created')).toBe('grant.created');
    expect(actionFilterOf('   ')).toBeNull();
    expect(actionFilterOf('')).toBeNull();
  });
});
