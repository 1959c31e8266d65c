import { Alert, Button, Group, Text } from '@mantine/core';

/**
 * Says that a list extended with "Load more" changed meanwhile, and offers to
 * show it as it is now (from its first page): the person keeps their place
 * until they ask (`useLiveListRefetch`). A polite status, so a screen reader
 * hears it without losing its place either.
 */
export function ListChangedNotice({ held, onShow, children }: { held: boolean; onShow: () => void; children: string }) {
  if (!held) return null;
  return (
    <Alert color="blue" variant="light" role="status" py="xs">
      <Group justify="space-between" gap="xs">
        <Text size="sm">{children}</Text>
        <Button size="xs" variant="light" onClick={onShow}>
          Show changes
        </Button>
      </Group>
    </Alert>
  );
}
