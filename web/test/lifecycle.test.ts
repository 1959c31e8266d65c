import { describeExpiry, expiryFromPreset } from '../src/components/lifecycle/expiryPresets';
import { previewSentence } from '../src/components/lifecycle/previewSentences';

describe('expiryFromPreset', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  it('gives no end, or now plus 1, 7 or 30 days', () => {
    expect(expiryFromPreset('NONE', now, null)).toBeNull();
    expect(expiryFromPreset('DAY', now, null)).toBe('2026-11-27T10:00:00.000Z');
    expect(expiryFromPreset('WEEK', now, null)).toBe('2026-12-03T10:00:00.000Z');
    expect(expiryFromPreset('MONTH', now, null)).toBe('2026-12-26T10:00:00.000Z');
  });
  it('ends a chosen date at the end of that local day; a past, today-passed or malformed date is no end', () => {
    const end = expiryFromPreset('DATE', now, '2026-12-24');
    expect(new Date(end!).getDate()).toBe(24);
    expect(new Date(end!).getHours()).toBe(23);
    expect(expiryFromPreset('DATE', now, '2026-01-01')).toBeNull();
    expect(expiryFromPreset('DATE', now, 'tomorrow')).toBeNull();
    expect(expiryFromPreset('DATE', now, null)).toBeNull();
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
