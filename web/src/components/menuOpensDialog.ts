import { useCallback, useRef } from 'react';

/**
 * For a menu whose items open dialogs. Mantine's menu gives the focus back
 * to its button a moment after it closes, which takes it from the dialog
 * the item just opened (Tab then walks the page behind it); and the dialog,
 * when it closes, gives the focus back to the item, gone by then. So: the
 * menu does not take the focus back (`menuProps`), and an item's dialog
 * opens from the menu's button (`opens`), to which it returns when it closes.
 */
export function useMenuOpensDialog<T extends HTMLElement = HTMLButtonElement>() {
  const targetRef = useRef<T>(null);
  const opens = useCallback(
    (openDialog: () => void) => () => {
      targetRef.current?.focus();
      openDialog();
    },
    [],
  );
  return { targetRef, menuProps: { returnFocus: false } as const, opens };
}
