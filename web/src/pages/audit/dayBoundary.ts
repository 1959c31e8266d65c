/** A date input's value (YYYY-MM-DD) as the start of that day, or of the next one for an inclusive "until". */
export function dayBoundary(day: string, inclusiveEnd: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return null;
  if (inclusiveEnd) date.setDate(date.getDate() + 1);
  return date.toISOString();
}
