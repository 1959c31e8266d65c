import type { ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useApolloClient } from '@apollo/client/react';
import { IconAlertCircle, IconWifiOff } from '@tabler/icons-react';
import { describeError, isTemporary, NETWORK_ERROR, SERVICE_UNAVAILABLE } from '../app/errors';

/** Loading, error and empty states around a page's content, the same everywhere; a temporary error offers Retry. */
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
  const apollo = useApolloClient();
  if (loading) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (error) return <ErrorAlert error={error} onRetry={() => void apollo.refetchQueries({ include: 'active' })} />;
  if (empty) {
    return (
      <Text c="dimmed" py="md">
        {emptyText}
      </Text>
    );
  }
  return <>{children}</>;
}

/** An error as a person can read it (the server's message); when it is temporary (the server or its database not reached) and `onRetry` is given, a Retry button. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { code, message } = describeError(error);
  const unreachable = code === NETWORK_ERROR;
  return (
    <Alert
      color="red"
      icon={unreachable ? <IconWifiOff size={16} /> : <IconAlertCircle size={16} />}
      title={title ?? (unreachable ? 'Cannot reach Rolegraph' : code === SERVICE_UNAVAILABLE ? 'Rolegraph is unavailable' : 'Could not load this')}
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {isTemporary(code) && onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Retry
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
