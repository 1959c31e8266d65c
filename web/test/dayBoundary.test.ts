import { dayBoundary } from '../src/pages/audit/dayBoundary';

describe('dayBoundary', () => {
  it('is the start of the day, or of the next day for an inclusive end', () => {
    const start = new Date(dayBoundary('2026-11-24', false)!);
    const end = new Date(dayBoundary('2026-11-24', true)!);
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours()]).toEqual([2026, 10, 24, 0]);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours()]).toEqual([2026, 10, 25, 0]);
  });

  it('ignores what is not a date', () => {
    expect(dayBoundary('', false)).toBeNull();
    expect(dayBoundary('2026-13-45', false)).toBeNull();
    expect(dayBoundary('yesterday', true)).toBeNull();
  });
});
