/** Two-letter initials for avatars, as in "Owner: HA • Shared with: JD": first and last word of a name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]!;
  if (words.length === 1) return first.slice(0, 2).toUpperCase();
  return (first[0]! + words[words.length - 1]![0]!).toUpperCase();
}
