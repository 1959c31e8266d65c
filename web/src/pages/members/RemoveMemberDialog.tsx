import { useState } from 'react';
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { RESOURCE_TYPE_REGISTRY } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { MemberSelect } from '../../components/MemberSelect';
import { evictObject } from '../../app/cacheEviction';
import { countOf } from '../../components/plural';
import { ChangePreview } from '../../components/lifecycle/ChangePreview';

const OWNED = graphql(`
  query MemberOwnedResources($id: ID!) {
    member(id: $id) {
      id
      name
      ownedResources {
        id
        name
        type
      }
    }
  }
`);

const REMOVE = graphql(`
  mutation RemoveMember($input: RemoveMemberInput!) {
    removeMember(input: $input) {
      userId
      reassignedResourceIds
      ownedResourceCount
    }
  }
`);

/**
 * Removing a member: lists what they own and offers a member to
 * receive it in the same step; without one, the assets stay owned by the
 * former member until reassigned. The change preview says whose access
 * goes and comes, for the receiver chosen. `onRemoving` as the removal is
 * sent, `onRemoved` once they are removed; `onClose` when nothing was changed
 * (Cancel, Escape, the close button).
 */
export function RemoveMemberDialog({
  member,
  onClose,
  onRemoving,
  onRemoved,
}: {
  member: { id: string; name: string };
  onClose: () => void;
  onRemoving?: () => void;
  onRemoved: () => void;
}) {
  const owned = useQuery(OWNED, { variables: { id: member.id } });
  const [reassignTo, setReassignTo] = useState<string | null>(null);
  const [remove, { loading, error }] = useMutation(REMOVE, {
    update: (cache) => evictObject(cache, { __typename: 'Member', id: member.id }, 'members', 'resourcesOfFormerMembers'),
  });
  const resources = owned.data?.member.ownedResources ?? [];
  const onRemove = async () => {
    onRemoving?.();
    try {
      const result = await remove({ variables: { input: { userId: member.id, reassignTo } } });
      const left = result.data?.removeMember.ownedResourceCount ?? 0;
      notifications.show({
        color: 'green',
        message: left > 0 ? `${member.name} was removed; ${countOf(left, 'asset')} stay owned by them until reassigned.` : `${member.name} was removed.`,
      });
      onRemoved();
    } catch {
      // shown below
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Remove ${member.name}?`} size="lg">
      <Stack>
        <Text size="sm">
          They lose access at once: their grants and team memberships here go, and their open sessions and live connections to this organization end.
        </Text>
        <QueryState loading={owned.loading && !owned.data} error={owned.error}>
          {resources.length > 0 ? (
            <>
              <Text size="sm" fw={500}>
                They own {countOf(resources.length, 'asset')}:
              </Text>
              <List size="sm" mah={180} style={{ overflow: 'auto' }}>
                {resources.map((r) => (
                  <List.Item key={r.id}>
                    {r.name}{' '}
                    <Text span c="dimmed">
                      ({RESOURCE_TYPE_REGISTRY[r.type].label})
                    </Text>
                  </List.Item>
                ))}
              </List>
              <MemberSelect
                label="Give them to"
                description="Leave empty to keep them owned by the former member until someone transfers them."
                value={reassignTo}
                onChange={setReassignTo}
                exclude={[member.id]}
              />
            </>
          ) : (
            <Text size="sm" c="dimmed">
              They own no assets.
            </Text>
          )}
        </QueryState>
        <ChangePreview change={{ removeMember: { userId: member.id, reassignTo } }} />
        {error && <ErrorAlert error={error} title="Not removed" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={loading} onClick={() => void onRemove()}>
            Remove {member.name}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
