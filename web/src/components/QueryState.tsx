import type { ReactNode } from 'react';
import { Alert, Center, Loader, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { describeError } from '../app/errors';

/** Loading, error and empty states around a page's content, the same everywhere. */
export function QueryState({
  loading,
  error,
  empty,
  emptyText = 'Nothing to show.',
  children,
}: {
  loading: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: string;
  children: ReactNode;
}) {
  if (loading) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (error) return <ErrorAlert error={error} />;
  if (empty) {
    return (
      <Text c="dimmed" py="md">
        {emptyText}
      </Text>
    );
  }
  return <>{children}</>;
}

/** An error as a person can read it (the server's message). */
export function ErrorAlert({ error, title = 'Could not load this' }: { error: unknown; title?: string }) {
  const { message } = describeError(error);
  return (
    <Alert color="red" icon={<IconAlertCircle size={16} />} title={title} role="alert">
      {message}
    </Alert>
  );
}
