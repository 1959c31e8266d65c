import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../graphql/generated';
import type { TransferOwnershipTargetFragment } from '../graphql/generated/graphql';
import { ErrorAlert } from './QueryState';
import { MemberSelect } from './MemberSelect';
import { evictLists } from '../app/cacheEviction';
import { ChangePreview } from './lifecycle/ChangePreview';

/** What the dialog reads of the resource it transfers: its name, and its owner (not offered as the new one). */
export const TRANSFER_OWNERSHIP_TARGET = graphql(`
  fragment TransferOwnershipTarget on Resource {
    id
    name
    owner {
      id
    }
  }
`);

const TRANSFER = graphql(`
  mutation TransferOwnership($input: TransferOwnershipInput!) {
    transferOwnership(input: $input) {
      id
      owner {
        id
        name
        email
        isMember
      }
    }
  }
`);

/** Gives a resource to another member; the previous owner keeps Admin unless unchecked. Once a member is chosen, the change preview says whose access moves. */
export function TransferOwnershipDialog({ resource, onClose }: { resource: TransferOwnershipTargetFragment | null; onClose: () => void }) {
  const [to, setTo] = useState<string | null>(null);
  const [keepAccess, setKeepAccess] = useState(true);
  const [transfer, { loading, error, reset }] = useMutation(TRANSFER, {
    // The resource's new owner comes back with it; who has access and whose assets these are change elsewhere too.
    update: (cache) => evictLists(cache, 'resources', 'resourceAccess', 'resourcesOfFormerMembers', 'members'),
  });
  const close = () => {
    setTo(null);
    setKeepAccess(true);
    reset();
    onClose();
  };
  const onTransfer = async () => {
    if (!resource || !to) return;
    try {
      await transfer({ variables: { input: { resourceId: resource.id, toUserId: to, keepAccess } } });
      close();
    } catch {
      // shown below
    }
  };
  return (
    <Modal opened={resource !== null} onClose={close} title={`Transfer "${resource?.name ?? ''}"`}>
      <Stack>
        <MemberSelect label="New owner" value={to} onChange={setTo} exclude={resource ? [resource.owner.id] : []} />
        <Checkbox label="The previous owner keeps Admin access" checked={keepAccess} onChange={(e) => setKeepAccess(e.currentTarget.checked)} />
        <Text size="xs" c="dimmed">
          The new owner is notified.
        </Text>
        {resource && to && <ChangePreview change={{ transferOwnership: { resourceId: resource.id, toUserId: to, keepAccess } }} />}
        {error && <ErrorAlert error={error} title="Not transferred" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button onClick={() => void onTransfer()} disabled={!to} loading={loading}>
            Transfer ownership
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
