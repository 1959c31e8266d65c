import { useCallback, useEffect, useRef } from 'react';
import { notifications } from '@mantine/notifications';

/** How long a notification's toast stays, from when it first shows. */
export const NOTIFICATION_TOAST_MS = 8000;

/** What the toast says once `count` notifications have arrived while it showed, the newest saying `newest`. */
export function notificationToastText(count: number, newest: string): string {
  return count <= 1 ? newest : `${count} new notifications. The newest: ${newest}`;
}

/**
 * Shows a live notification as a toast. Notifications that arrive while the
 * toast shows join it ("20 new notifications. The newest: …") rather than
 * stacking twenty toasts over the page and queueing more behind them; the
 * bell and the Notifications page hold each one.
 */
export function useNotificationToast(): (message: string) => void {
  const shown = useRef<{ id: string; count: number } | null>(null);
  useEffect(
    () => () => {
      if (shown.current) notifications.hide(shown.current.id);
    },
    [],
  );
  return useCallback((message: string) => {
    const current = shown.current;
    if (current) {
      current.count++;
      notifications.update({ id: current.id, message: notificationToastText(current.count, message) });
      return;
    }
    const id = notifications.show({
      title: 'Rolegraph',
      message,
      autoClose: NOTIFICATION_TOAST_MS,
      onClose: () => {
        if (shown.current?.id === id) shown.current = null;
      },
    });
    shown.current = { id, count: 1 };
  }, []);
}
