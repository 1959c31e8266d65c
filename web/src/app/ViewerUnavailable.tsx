import { useEffect, useRef } from 'react';
import { Center, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../components/QueryState';

/** How often the page asks again on its own (the server's Retry-After). */
export const VIEWER_RETRY_MS = 5_000;

/**
 * Who is signed in could not be found out because Rolegraph or its database
 * did not answer: the page says so, offers Retry and asks again every few
 * seconds, and goes on to the page asked for once it is answered.
 */
export function ViewerUnavailable({ error, onRetry }: { error: unknown; onRetry: () => Promise<unknown> }) {
  const latest = useRef(onRetry);
  latest.current = onRetry;
  const askAgain = () => void latest.current().catch(() => undefined);
  useEffect(() => {
    const timer = setInterval(askAgain, VIEWER_RETRY_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <Center mih="100vh" p="md">
      <Stack maw={440} w="100%">
        <Title order={1} size="h2">
          Rolegraph is not answering
        </Title>
        <ErrorAlert error={error} onRetry={askAgain} />
        <Text size="sm" c="dimmed">
          This page tries again every few seconds and then goes on where you were.
        </Text>
      </Stack>
    </Center>
  );
}
