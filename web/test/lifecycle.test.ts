import { NO_END, describeChoice, describeExpiry, expiresAtWhenSent, expiryFromPreset, type ExpiryPreset } from '../src/components/lifecycle/expiryPresets';
import { previewSentence } from '../src/components/lifecycle/previewSentences';

describe('expiryFromPreset', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const end = (preset: ExpiryPreset, date: string | null = null) => expiryFromPreset(preset, now, date).expiresAt;
  const error = (date: string | null) => expiryFromPreset('DATE', now, date).error;
  it('gives no end, or now plus 1, 7 or 30 days', () => {
    expect(expiryFromPreset('NONE', now, null)).toEqual(NO_END);
    expect(end('DAY')).toBe('2026-11-27T10:00:00.000Z');
    expect(end('WEEK')).toBe('2026-12-03T10:00:00.000Z');
    expect(end('MONTH')).toBe('2026-12-26T10:00:00.000Z');
  });
  it('ends a chosen date at the end of that local day', () => {
    const chosen = expiryFromPreset('DATE', now, '2026-12-24');
    expect(chosen).toMatchObject({ preset: 'DATE', date: '2026-12-24', error: null });
    expect(new Date(chosen.expiresAt!).getDate()).toBe(24);
    expect(new Date(chosen.expiresAt!).getHours()).toBe(23);
  });
  it('never takes a missing, malformed, impossible or past date for “no end”: it is an error to show at the field', () => {
    expect(expiryFromPreset('DATE', now, '2020-01-01')).toEqual({
      preset: 'DATE',
      date: '2020-01-01',
      expiresAt: null,
      error: 'That day has passed: pick a later one.',
    });
    expect(error('2026-01-01')).toBe('That day has passed: pick a later one.');
    expect(error(null)).toBe('Pick the day access ends.');
    expect(error('')).toBe('Pick the day access ends.');
    expect(error('tomorrow')).toBe('Enter the day as yyyy-mm-dd.');
    expect(error('2027-02-31')).toBe('There is no such day: pick another.');
    for (const date of ['2020-01-01', null, 'tomorrow', '2027-02-31']) expect(end('DATE', date)).toBeNull();
  });
  it('ends today at 23:59 while that is still ahead, and not once it has passed', () => {
    const morning = new Date(2026, 10, 26, 9, 0);
    const today = '2026-11-26';
    expect(new Date(expiryFromPreset('DATE', morning, today).expiresAt!).getHours()).toBe(23);
    expect(expiryFromPreset('DATE', new Date(2026, 10, 26, 23, 59, 30), today).error).toBe('That day has passed: pick a later one.');
  });
  it('counts “7 days” from when access is given, not from when it was picked; a date stays the date', () => {
    const sent = new Date('2026-11-26T12:30:00Z');
    expect(expiresAtWhenSent(expiryFromPreset('WEEK', now, null), sent)).toBe('2026-12-03T12:30:00.000Z');
    expect(expiresAtWhenSent(expiryFromPreset('DAY', now, null), sent)).toBe('2026-11-27T12:30:00.000Z');
    const date = expiryFromPreset('DATE', now, '2026-12-24');
    expect(expiresAtWhenSent(date, sent)).toBe(date.expiresAt);
    expect(expiresAtWhenSent(NO_END, sent)).toBeNull();
  });
  it('says that “7 days” counts from the confirming click, a date’s end as it is, and nothing while the date is in error', () => {
    expect(describeChoice(expiryFromPreset('WEEK', now, null), 'approve')).toMatch(/^7 days from when you approve: until about .+\.$/);
    expect(describeChoice(expiryFromPreset('DATE', now, '2026-12-24'), 'save')).toMatch(/^Until .+\.$/);
    expect(describeChoice(NO_END, 'save')).toBe('No end date.');
    expect(describeChoice(expiryFromPreset('DATE', now, null), 'save')).toBeNull();
  });
  it('describes an end for grant lists', () => {
    expect(describeExpiry(null)).toBe('no end');
    expect(describeExpiry('2026-12-24T10:00:00Z')).toMatch(/^ends .*2026/);
  });
});

describe('previewSentence', () => {
  it('says who loses access, who has less, and who gains which level', () => {
    expect(previewSentence({ name: 'Jo', gains: 0, losses: 14, lostAccess: 14, changes: [] })).toBe('Jo will lose access to 14 resources');
    expect(
      previewSentence({
        name: 'Kim',
        gains: 2,
        losses: 0,
        lostAccess: 0,
        changes: [
          { after: 'EDITOR', gain: true },
          { after: 'EDITOR', gain: true },
        ],
      }),
    ).toBe('Kim will gain Editor on 2 resources');
    expect(
      previewSentence({
        name: 'Lee',
        gains: 2,
        losses: 2,
        lostAccess: 1,
        changes: [
          { after: 'VIEWER', gain: true },
          { after: 'ADMIN', gain: true },
        ],
      }),
    ).toBe('Lee will lose access to 1 resource, and have less access on 1 resource, and gain access on 2 resources');
    expect(previewSentence({ name: 'Ann', gains: 0, losses: 0, lostAccess: 0, changes: [] })).toBe('Ann: no change');
  });

  it('names a gained level only when every gain is listed, and groups thousands', () => {
    const firstTen = Array.from({ length: 10 }, () => ({ after: 'ADMIN' as const, gain: true }));
    // An owner's promotion lists its first ten of 61,984 gains: the rest may be other levels.
    expect(previewSentence({ name: 'Kim', gains: 61984, losses: 0, lostAccess: 0, changes: firstTen })).toBe('Kim will gain access on 61,984 resources');
    expect(previewSentence({ name: 'Kim', gains: 10, losses: 0, lostAccess: 0, changes: firstTen })).toBe('Kim will gain Admin on 10 resources');
    expect(previewSentence({ name: 'Jo', gains: 0, losses: 1200, lostAccess: 1200, changes: [] })).toBe('Jo will lose access to 1,200 resources');
  });
});
