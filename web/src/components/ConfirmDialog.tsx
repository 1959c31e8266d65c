import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { describeError } from '../app/errors';

/** A change that asks first: what it does, in words, and the button that does it. */
export interface ConfirmRequest {
  readonly title: string;
  /** What happens, in a sentence or two. */
  readonly message: ReactNode;
  /** Room for more: e.g. who loses access (a change preview). */
  readonly details?: ReactNode;
  /** The confirm button's words: say what it does ("Step down", "Stop sharing"), never just "OK". */
  readonly confirmLabel: string;
  /** Red confirm button: removes access or cannot be undone. */
  readonly danger?: boolean;
  /** The change itself; the dialog stays open with the error when it fails. */
  readonly onConfirm: () => Promise<unknown>;
}

/**
 * The one confirmation dialog of the app, for changes that remove access or
 * cannot be undone alone. Nothing happens until the confirm button is
 * pressed; Escape, the close button and Cancel change nothing. A change that
 * removes access or cannot be undone (`danger`) opens with the focus on
 * Cancel, so a second Enter does not make it.
 *
 * A question left open when the dialog goes (the dialog that asked it
 * closed under it) is dropped, never shown again later with its old change.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latestClose = useRef(onClose);
  useEffect(() => {
    latestClose.current = onClose;
  });
  useEffect(() => () => latestClose.current(), []);
  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      await request.onConfirm();
      setBusy(false);
      onClose();
    } catch (e) {
      setBusy(false);
      setError(describeError(e).message);
    }
  };
  return (
    <Modal opened={request !== null} onClose={close} title={request?.title} closeButtonProps={{ 'aria-label': 'Close' }} centered>
      {request && (
        <Stack>
          {typeof request.message === 'string' ? <Text size="sm">{request.message}</Text> : request.message}
          {request.details}
          {error && (
            <Alert color="red" title="Not changed" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy} data-autofocus={request.danger || undefined}>
              Cancel
            </Button>
            <Button color={request.danger ? 'red' : undefined} onClick={() => void confirm()} loading={busy} data-autofocus={!request.danger || undefined}>
              {request.confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/**
 * A page's confirmation: `ask(request)` opens the dialog; render `dialog`
 * once in the page. `asking` while it is open: a dialog that hosts it keeps
 * Escape for it (`closeOnEscape={!asking}`), since every open Mantine modal
 * hears Escape.
 */
export function useConfirmation(): { ask: (request: ConfirmRequest) => void; dialog: ReactNode; asking: boolean } {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const ask = useCallback((next: ConfirmRequest) => setRequest(next), []);
  return { ask, asking: request !== null, dialog: <ConfirmDialog request={request} onClose={() => setRequest(null)} /> };
}
