import { useState } from 'react';
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { RESOURCE_TYPE_REGISTRY } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { describeError } from '../../app/errors';
import { QueryState } from '../../components/QueryState';
import { MemberSelect } from '../../components/MemberSelect';
import { ScrollTable } from '../../components/ScrollTable';
import { evictLists } from '../../app/cacheEviction';

export const ORPHANS = graphql(`
  query ResourcesOfFormerMembers($after: String) {
    resourcesOfFormerMembers(first: 50, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          type
          owner {
            id
            name
            email
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const TRANSFER = graphql(`
  mutation RescueResource($input: TransferOwnershipInput!) {
    transferOwnership(input: $input) {
      id
      owner {
        id
        name
        isMember
      }
    }
  }
`);

/** Assets still owned by former members, for those who manage members to give to someone (transferOwnership). */
export function FormerMembersAssets() {
  const query = useQuery(ORPHANS);
  const [transfer] = useMutation(TRANSFER, { refetchQueries: [ORPHANS], update: (cache) => evictLists(cache, 'members') });
  const [targets, setTargets] = useState<Record<string, string | null>>({});
  const page = query.data?.resourcesOfFormerMembers;
  if (page && page.totalCount === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3}>Assets of former members</Title>
      <Text size="sm" c="dimmed">
        These stay owned by people who left until you give them to a member.
      </Text>
      <QueryState loading={query.loading && !page} error={query.error}>
        <ScrollTable cards aria-label="Assets of former members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Give to</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page?.edges.map(({ node }) => (
              <Table.Tr key={node.id}>
                <Table.Td>{node.name}</Table.Td>
                <Table.Td data-label="Type">{RESOURCE_TYPE_REGISTRY[node.type].label}</Table.Td>
                <Table.Td data-label="Owner">
                  <Text size="sm" c="dimmed">
                    {node.owner.name} (former member)
                  </Text>
                </Table.Td>
                <Table.Td data-label="Give to">
                  <Group gap="xs">
                    <MemberSelect
                      aria-label={`New owner of ${node.name}`}
                      value={targets[node.id] ?? null}
                      onChange={(value) => setTargets({ ...targets, [node.id]: value })}
                    />
                    <Button
                      size="xs"
                      disabled={!targets[node.id]}
                      onClick={() =>
                        void transfer({ variables: { input: { resourceId: node.id, toUserId: targets[node.id]!, keepAccess: false } } }).catch(
                          (error: unknown) => notifications.show({ color: 'red', title: 'Not transferred', message: describeError(error).message }),
                        )
                      }
                    >
                      Give
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </QueryState>
    </Stack>
  );
}
