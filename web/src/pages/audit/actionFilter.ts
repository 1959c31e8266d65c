/**
 * What the Action field asks the server for: an action ("grant.created"),
 * an area's actions ("grant." — the server's prefix form), or, typed without
 * the dot, the same area ("grant" is "grant."): no action is a bare word, so
 * a word alone can only mean its area.
 */
export function actionFilterOf(typed: string): string | null {
  const text = typed.trim();
  if (!text) return null;
  return text.includes('.') ? text : `${text}.`;
}
