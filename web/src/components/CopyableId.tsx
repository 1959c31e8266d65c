import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/**
 * An object's id with a copy button: integrators need the id of every
 * member, team and resource for their checks. `compact` shows only the
 * button (for table rows); the id is still in its name and tooltip.
 */
export function CopyableId({ id, of, compact = false }: { id: string; of: string; compact?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
      {!compact && (
        <Code style={{ overflowWrap: 'anywhere' }} data-testid="object-id">
          {id}
        </Code>
      )}
      <CopyButton value={id} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy id ${id}`} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={copied ? `Id of ${of} copied` : `Copy id of ${of}`}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
