/** The end-date presets offered wherever access is given. */
export type ExpiryPreset = 'NONE' | 'DAY' | 'WEEK' | 'MONTH' | 'DATE';

export const EXPIRY_PRESETS: readonly { value: ExpiryPreset; label: string }[] = [
  { value: 'NONE', label: 'No end' },
  { value: 'DAY', label: '1 day' },
  { value: 'WEEK', label: '7 days' },
  { value: 'MONTH', label: '30 days' },
  { value: 'DATE', label: 'Until a date' },
];

const DAY_MS = 24 * 3600 * 1000;
const PRESET_DAYS: Partial<Record<ExpiryPreset, number>> = { DAY: 1, WEEK: 7, MONTH: 30 };

/**
 * The end a preset means, as an ISO instant, or null for none. A date
 * (yyyy-mm-dd) ends at the end of that day in the viewer's time zone; a date
 * not after now is no end at all (null), so the server never receives a past
 * end from the picker.
 */
export function expiryFromPreset(preset: ExpiryPreset, now: Date, date: string | null): string | null {
  const days = PRESET_DAYS[preset];
  if (days !== undefined) return new Date(now.getTime() + days * DAY_MS).toISOString();
  if (preset !== 'DATE' || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const end = new Date(year, month - 1, day, 23, 59, 0, 0);
  return end.getTime() > now.getTime() ? end.toISOString() : null;
}

/** "ends 3 Dec 2026" / "no end", for grant lists. */
export function describeExpiry(expiresAt: string | null | undefined): string {
  if (!expiresAt) return 'no end';
  return `ends ${new Date(expiresAt).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })}`;
}
