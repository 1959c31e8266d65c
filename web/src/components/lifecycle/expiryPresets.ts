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
 * What an expiry picker shows and what it gives: the preset, the date typed
 * for "Until a date" (yyyy-mm-dd, else empty), and either the end
 * (`expiresAt`, an ISO instant, null for no end) or why there is none yet
 * (`error`, shown at the date field; nothing may be sent until it is fixed).
 */
export type ExpiryChoice =
  | { readonly preset: ExpiryPreset; readonly date: string; readonly expiresAt: string | null; readonly error: null }
  | { readonly preset: 'DATE'; readonly date: string; readonly expiresAt: null; readonly error: string };

/** Where every picker starts: no end. */
export const NO_END: ExpiryChoice = { preset: 'NONE', date: '', expiresAt: null, error: null };

/**
 * The end a preset means, from `now`. A date ends at the end of that day in
 * the viewer's time zone; a missing, malformed or impossible date, or one
 * whose end has passed, is an error, never "no end": the server is sent
 * only an end the person saw.
 */
export function expiryFromPreset(preset: ExpiryPreset, now: Date, date: string | null): ExpiryChoice {
  const typed = date ?? '';
  const days = PRESET_DAYS[preset];
  if (days !== undefined) return { preset, date: typed, expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(), error: null };
  if (preset !== 'DATE') return { preset, date: typed, expiresAt: null, error: null };
  const invalid = (error: string): ExpiryChoice => ({ preset: 'DATE', date: typed, expiresAt: null, error });
  if (typed === '') return invalid('Pick the day access ends.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(typed)) return invalid('Enter the day as yyyy-mm-dd.');
  const [year, month, day] = typed.split('-').map(Number) as [number, number, number];
  const end = new Date(year, month - 1, day, 23, 59, 0, 0);
  // 2026-02-31 would roll over into March: not a day anyone picked.
  if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== day) return invalid('There is no such day: pick another.');
  if (end.getTime() <= now.getTime()) return invalid('That day has passed: pick a later one.');
  return { preset: 'DATE', date: typed, expiresAt: end.toISOString(), error: null };
}

/**
 * The end to send with the change, at `now`: "7 days" means seven days from
 * when access is given, not from when the preset was picked (a dialog may
 * stay open a while); a date, as picked.
 */
export function expiresAtWhenSent(choice: ExpiryChoice, now: Date): string | null {
  const days = PRESET_DAYS[choice.preset];
  return days === undefined ? choice.expiresAt : new Date(now.getTime() + days * DAY_MS).toISOString();
}

/**
 * What a picker says of its choice, when the change is made by `confirming`
 * ("save", "approve"): a date's end; for "7 days", that it counts from then,
 * with the end it would give now; or no end. Null while the date is in error.
 */
export function describeChoice(choice: ExpiryChoice, confirming: string): string | null {
  if (choice.error !== null) return null;
  if (choice.expiresAt === null) return 'No end date.';
  const end = new Date(choice.expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const preset = EXPIRY_PRESETS.find((p) => p.value === choice.preset);
  return PRESET_DAYS[choice.preset] !== undefined && preset ? `${preset.label} from when you ${confirming}: until about ${end}.` : `Until ${end}.`;
}

/** "ends 3 Dec 2026" / "no end", for grant lists. */
export function describeExpiry(expiresAt: string | null | undefined): string {
  if (!expiresAt) return 'no end';
  return `ends ${new Date(expiresAt).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })}`;
}
