import type { ReactNode } from 'react';
import { Button, Group } from '@mantine/core';

/**
 * A dialog form's last row: Cancel, which changes nothing, and the button
 * that submits the form, whose words say what it does ("Create", "Send
 * invitations", never "OK"); red when it removes access or cannot be undone.
 */
export function FormActions({
  submitLabel,
  onCancel,
  loading,
  disabled,
  danger,
  cancelDisabled,
}: {
  submitLabel: ReactNode;
  onCancel: () => void;
  loading?: boolean;
  disabled?: boolean;
  danger?: boolean;
  /** While the change runs, when cancelling could not stop it. */
  cancelDisabled?: boolean;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={cancelDisabled}>
        Cancel
      </Button>
      <Button type="submit" color={danger ? 'red' : undefined} loading={loading} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
