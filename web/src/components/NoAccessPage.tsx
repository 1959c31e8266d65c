import type { ReactNode } from 'react';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useViewer } from '../app/viewer';

/** The one answer for a page the viewer's role cannot use, opened by URL: the page's title and who can help. */
export function NoAccessPage({ title, needs }: { title: string; needs: string }) {
  return (
    <Stack>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Alert color="gray" icon={<IconLock size={16} />} title="You don't have access to this page — ask an owner or admin" data-testid="no-access">
        <Text size="sm">{needs}</Text>
      </Alert>
    </Stack>
  );
}

/** Renders `children` when the viewer holds any of `capabilities`, else the no-access page. */
export function RequireCapability({ anyOf, title, needs, children }: { anyOf: readonly string[]; title: string; needs: string; children: ReactNode }) {
  const { can } = useViewer();
  return anyOf.some(can) ? <>{children}</> : <NoAccessPage title={title} needs={needs} />;
}
