/** "1 member", "3 members": a count with its noun, singular or plural. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
