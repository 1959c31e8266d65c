import { useRef, useState } from 'react';
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
import { useFocusAfterRemoval } from '../../components/focusAfterRemoval';

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
  // A given asset's row goes: the focus moves to the next row's member picker, or to the heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const removals = useFocusAfterRemoval(
    page?.edges.map(({ node }) => node.id),
    heading,
  );
  // Hidden when there is nothing to give; once shown it stays, saying so, where the focus lands after the last one is given.
  const shown = useRef(false);
  if (page && page.totalCount === 0 && !shown.current) return null;
  if (page) shown.current = true;
  const give = (resourceId: string, toUserId: string) => {
    removals.removing(resourceId);
    void transfer({ variables: { input: { resourceId, toUserId, keepAccess: false } } }).catch((error: unknown) => {
      removals.cancel();
      notifications.show({ color: 'red', title: 'Not transferred', message: describeError(error).message });
    });
  };
  return (
    <Stack gap="xs">
      <Title order={3} ref={heading} tabIndex={-1}>
        Assets of former members
      </Title>
      <Text size="sm" c="dimmed">
        These stay owned by people who left until you give them to a member.
      </Text>
      <QueryState
        loading={query.loading && !page}
        error={query.error}
        empty={page?.totalCount === 0}
        emptyText="Every asset has an owner who is a member again."
      >
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
                  <Group gap="xs" ref={(element) => removals.buttonRef(node.id)(element?.querySelector('input') ?? null)}>
                    <MemberSelect
                      aria-label={`New owner of ${node.name}`}
                      value={targets[node.id] ?? null}
                      onChange={(value) => setTargets({ ...targets, [node.id]: value })}
                    />
                    <Button size="xs" disabled={!targets[node.id]} aria-label={`Give ${node.name}`} onClick={() => give(node.id, targets[node.id]!)}>
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
