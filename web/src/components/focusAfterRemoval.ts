import { useCallback, useEffect, useRef, type RefObject } from 'react';

/**
 * Which row's button takes the focus once the row `removedId` has gone from
 * a list: the first row after it (in the order it was shown) still there,
 * else the nearest one before it; null when none is left (the list's heading
 * takes it then).
 */
export function focusTargetAfterRemoval(before: readonly string[], removedId: string, now: readonly string[]): string | null {
  const at = before.indexOf(removedId);
  const remaining = new Set(now);
  const after = before.slice(at + 1).find((id) => remaining.has(id));
  if (after !== undefined) return after;
  const earlier = before
    .slice(0, Math.max(at, 0))
    .reverse()
    .find((id) => remaining.has(id));
  return earlier ?? null;
}

/**
 * Keeps the focus on a list whose rows remove themselves: a row's button
 * (registered with `buttonRef(id)`) is gone with its row once the removal
 * is made, and the focus would drop to the page. Call `removing(id)` before
 * the removal (and `cancel()` if it fails); once `ids` (the rows with the
 * button, in order; undefined while loading) no longer holds it, the focus
 * moves to the same button of the next row, else the previous one, else to
 * `heading` (give it tabIndex={-1}). `focusButton(id)` puts it back on a
 * row's button when a dialog the button opened closes without a change.
 */
export function useFocusAfterRemoval(ids: readonly string[] | undefined, heading: RefObject<HTMLElement | null>) {
  const buttons = useRef(new Map<string, HTMLElement>());
  const pending = useRef<{ before: readonly string[]; removedId: string } | null>(null);
  const shown = useRef(ids);
  shown.current = ids;
  const key = ids?.join('\n');
  useEffect(() => {
    const removal = pending.current;
    if (!removal || !ids || ids.includes(removal.removedId)) return;
    pending.current = null;
    const target = focusTargetAfterRemoval(removal.before, removal.removedId, ids);
    (target !== null ? buttons.current.get(target) : heading.current)?.focus();
    // `key` stands for `ids`: a new array on every render, the same rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const buttonRef = useCallback(
    (id: string) => (element: HTMLElement | null) => {
      if (element) buttons.current.set(id, element);
      else buttons.current.delete(id);
    },
    [],
  );
  const removing = useCallback((removedId: string) => {
    pending.current = { before: shown.current ?? [], removedId };
  }, []);
  const cancel = useCallback(() => {
    pending.current = null;
  }, []);
  /** Back to a row's button (a dialog it opened closed without a change), once the dialog has let go of the focus. */
  const focusButton = useCallback((id: string) => {
    window.setTimeout(() => buttons.current.get(id)?.focus(), 0);
  }, []);
  return { buttonRef, removing, cancel, focusButton };
}
