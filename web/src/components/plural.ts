/** A count with its thousands grouped: "10,000". */
export function grouped(count: number): string {
  return count.toLocaleString('en-US');
}

/** "1 member", "3 members", "10,000 members": a count, its thousands grouped, with its noun, singular or plural. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${grouped(count)} ${count === 1 ? singular : plural}`;
}
