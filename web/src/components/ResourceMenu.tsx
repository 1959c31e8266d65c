import { ActionIcon, Menu } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { IconDots, IconShare, IconTrash, IconTransfer } from '@tabler/icons-react';
import { aResourceLabel } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';
import type { ResourceMenuFragment } from '../graphql/generated/graphql';
import { useConfirmation } from './ConfirmDialog';
import { useMenuOpensDialog } from './menuOpensDialog';
import { mayDo } from './viewerAbilities';
import { evictObject } from '../app/cacheEviction';
import { ChangePreview } from './lifecycle/ChangePreview';

/** What the menu reads: which resource, and what the server says the viewer may do to it. */
export const RESOURCE_MENU = graphql(`
  fragment ResourceMenu on Resource {
    id
    name
    type
    ...ResourceAbilities
  }
`);

const DELETE_RESOURCE = graphql(`
  mutation DeleteResource($id: ID!) {
    deleteResource(id: $id)
  }
`);

/**
 * A resource's row actions: share, transfer ownership, delete — each offered
 * only when the server says the viewer may (viewerAbilities).
 */
export function ResourceMenu({
  resource,
  onShare,
  onTransfer,
  onDeleted,
}: {
  resource: ResourceMenuFragment;
  onShare: () => void;
  onTransfer: () => void;
  onDeleted?: () => void;
}) {
  const [remove] = useMutation(DELETE_RESOURCE, { update: (cache) => evictObject(cache, resource, 'resources') });
  const canShare = mayDo(resource, 'manageAccess');
  const canTransfer = mayDo(resource, 'transferOwnership');
  const canDelete = mayDo(resource, 'delete');
  const { ask, dialog } = useConfirmation();
  const { targetRef, menuProps, opens } = useMenuOpensDialog();
  if (!canShare && !canTransfer && !canDelete) return null;
  const confirmDelete = () =>
    ask({
      title: `Delete "${resource.name}"?`,
      message: `Deleting ${aResourceLabel(resource.type)} removes its grants${resource.type === 'PROJECT' ? ' and its assistants' : ''}. This cannot be undone.`,
      details: <ChangePreview change={{ deleteResource: resource.id }} />,
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: async () => {
        await remove({ variables: { id: resource.id } });
        onDeleted?.();
      },
    });
  return (
    <>
      {dialog}
      <Menu position="bottom-end" withinPortal {...menuProps}>
        <Menu.Target>
          <ActionIcon ref={targetRef} variant="subtle" aria-label={`Actions for ${resource.name}`}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {canShare && (
            <Menu.Item leftSection={<IconShare size={14} />} onClick={opens(onShare)} data-autofocus>
              Share
            </Menu.Item>
          )}
          {canTransfer && (
            <Menu.Item leftSection={<IconTransfer size={14} />} onClick={opens(onTransfer)} data-autofocus={!canShare || undefined}>
              Transfer ownership
            </Menu.Item>
          )}
          {canDelete && (
            // The red of light buttons (darkened in app/theme.ts): Mantine's own menu red reads at 3.3:1.
            <Menu.Item
              color="var(--mantine-color-red-light-color)"
              leftSection={<IconTrash size={14} />}
              onClick={opens(confirmDelete)}
              data-autofocus={(!canShare && !canTransfer) || undefined}
            >
              Delete
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
