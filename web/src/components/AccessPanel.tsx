import { Card, Group, Stack, Table, Text, Title, Button } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { ResourceType } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';
import { QueryState } from './QueryState';
import { LevelBadge } from './LevelBadge';
import { ShareDialog } from './ShareDialog';
import { describeExpiry } from './lifecycle/expiryPresets';
import { AccessEntriesTable } from './AccessEntriesTable';
import { mayDo } from './viewerAbilities';
import { ScrollTable } from './ScrollTable';
import { useResourceAccessChanged } from './useResourceAccessChanged';

export const RESOURCE_ACCESS = graphql(`
  query ResourceAccess($id: ID!) {
    resourceAccess(resourceId: $id) {
      userId
      isPublic
      level
      user {
        id
        name
        email
      }
      reasons {
        source
        level
        winning
        inherited
        summary
      }
    }
    resource(id: $id) {
      id
      myLevel
      ...ResourceAbilities
      sharedWith {
        id
        level
        expiresAt
        user {
          id
          name
        }
        team {
          id
          name
        }
      }
    }
  }
`);

/**
 * The access panel: direct grants, and an "Inherited access" section
 * of those whose access comes from an ancestor (a project's grants or owner
 * reaching its assistants) or from the org owner role. Updates live.
 * Offers Share to those who may share, unless the page already offers it
 * next to the resource's name (`withShareButton={false}`): one Share button
 * per page, so "Share" names one thing.
 */
export function AccessPanel({ resourceId, type, withShareButton = true }: { resourceId: string; type: ResourceType; withShareButton?: boolean }) {
  const query = useQuery(RESOURCE_ACCESS, { variables: { id: resourceId } });
  useResourceAccessChanged(resourceId, () => void query.refetch());
  const [sharing, setSharing] = useState(false);
  const entries = query.data?.resourceAccess ?? [];
  const direct = query.data?.resource.sharedWith ?? [];
  const inherited = entries.filter((e) => !e.isPublic && e.reasons.some((r) => r.winning && (r.inherited || r.source === 'ORG_ROLE')));
  const publicEntry = entries.find((e) => e.isPublic);
  const canShare = withShareButton && mayDo(query.data?.resource, 'manageAccess');
  return (
    <Card withBorder>
      <QueryState loading={query.loading && !query.data} error={query.error}>
        <Stack>
          <Group justify="space-between">
            <Title order={4}>Access</Title>
            {canShare && (
              <Button size="xs" onClick={() => setSharing(true)}>
                Share
              </Button>
            )}
          </Group>
          {publicEntry && <Text size="sm">Everyone may read and chat: the assistant is live and public.</Text>}
          <Text fw={500} size="sm">
            Direct grants
          </Text>
          <QueryState loading={false} empty={direct.length === 0} emptyText="No direct grants.">
            <ScrollTable aria-label="Direct grants" minWidth={280}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Level</Table.Th>
                  <Table.Th>Ends</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {direct.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{g.user ? g.user.name : `Team ${g.team?.name}`}</Table.Td>
                    <Table.Td>
                      <LevelBadge level={g.level} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {describeExpiry(g.expiresAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </QueryState>
          <Text fw={500} size="sm">
            Inherited access
          </Text>
          <QueryState loading={false} empty={inherited.length === 0} emptyText="Nobody inherits access.">
            <AccessEntriesTable entries={inherited} aria-label="Inherited access" />
          </QueryState>
        </Stack>
      </QueryState>
      {withShareButton && <ShareDialog resourceId={resourceId} type={type} opened={sharing} onClose={() => setSharing(false)} />}
    </Card>
  );
}
