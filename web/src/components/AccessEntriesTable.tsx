import { Table, Text } from '@mantine/core';
import type { EffectiveLevel } from '@rolegraph/shared';
import { LevelBadge } from './LevelBadge';
import { ScrollTable } from './ScrollTable';

export interface AccessEntryRow {
  readonly userId?: string | null;
  readonly isPublic: boolean;
  readonly level: EffectiveLevel;
  readonly user?: { readonly name: string } | null;
  readonly reasons: readonly { readonly winning: boolean; readonly summary: string }[];
}

/** Who has access and why, one row each: the person (or everyone, for a live public assistant), their level, the winning path in words. */
export function AccessEntriesTable({ entries, 'aria-label': ariaLabel }: { entries: readonly AccessEntryRow[]; 'aria-label': string }) {
  return (
    <ScrollTable aria-label={ariaLabel} minWidth={300}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Who</Table.Th>
          <Table.Th>Level</Table.Th>
          <Table.Th>Why</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr key={e.userId ?? 'public'}>
            <Table.Td>{e.isPublic ? <Text fw={500}>Everyone (live and public)</Text> : e.user?.name}</Table.Td>
            <Table.Td>
              <LevelBadge level={e.level} />
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {e.reasons.find((r) => r.winning)?.summary}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
