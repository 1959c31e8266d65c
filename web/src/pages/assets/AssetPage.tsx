import { useState } from 'react';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { IconPencil, IconShare } from '@tabler/icons-react';
import { RESOURCE_TYPE_REGISTRY } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { QueryState } from '../../components/QueryState';
import { ResourceOwnerBadges } from '../../components/OwnerBadges';
import { LevelBadge } from '../../components/LevelBadge';
import { AccessPanel } from '../../components/AccessPanel';
import { ShareDialog } from '../../components/ShareDialog';
import { ResourceMenu } from '../../components/ResourceMenu';
import { TransferOwnershipDialog } from '../../components/TransferOwnershipDialog';
import { CopyableId } from '../../components/CopyableId';
import { EditDetailsDialog, RESOURCE_DETAILS } from '../../components/EditDetailsDialog';
import { UPDATE_RESOURCE_DETAILS } from '../../components/resourceDetails';
import { mayDo } from '../../components/viewerAbilities';
import { ConnectionCredentials } from './ConnectionCredentials';
import { NeedAccess } from '../requests/NeedAccess';
import { describeError } from '../../app/errors';

const ASSET = graphql(`
  query Asset($id: ID!) {
    resource(id: $id) {
      id
      name
      description
      type
      myLevel
      ...ResourceAbilities
      ...ResourceMenu
      ...ResourcePeople
      ...TransferOwnershipTarget
      ... on Connection {
        ...MaskedCredentials
      }
      ... on SchemaAgent {
        connection {
          id
          name
        }
      }
      ... on SemanticModel {
        schemaAgent {
          id
          name
        }
      }
    }
  }
`);

/**
 * One asset (a semantic model, schema agent, connection or corpus): its
 * owner and who it is shared with, its id to copy, Share in the header, a
 * connection's credentials, and the access panel (direct and inherited
 * access). Editing and sharing are offered when the server says the viewer may.
 * One the viewer cannot open (or that does not exist) is "You need access",
 * also when they lose access while on it.
 */
export function AssetPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useQuery(ASSET, { variables: { id } });
  const [updateDetails] = useMutation(UPDATE_RESOURCE_DETAILS);
  const [sharing, setSharing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const asset = query.data?.resource;
  const definition = asset ? RESOURCE_TYPE_REGISTRY[asset.type] : null;

  if (query.error && describeError(query.error).code === 'NOT_FOUND') return <NeedAccess resourceId={id} />;
  return (
    <QueryState loading={query.loading && !asset} error={query.error}>
      {asset && definition && (
        <Stack>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/assets?type=${asset.type}`} size="sm">
                ← {definition.pluralLabel}
              </Anchor>
              <Title order={1} size="h2">
                {asset.name}
              </Title>
              <Text c="dimmed" size="sm">
                {definition.label}
                {asset.description ? ` · ${asset.description}` : ''}
              </Text>
              <Group gap="xs">
                <Text size="sm">Id</Text>
                <CopyableId id={asset.id} of={asset.name} />
              </Group>
              <Group mt="xs">
                <ResourceOwnerBadges resource={asset} />
                {asset.myLevel && <LevelBadge level={asset.myLevel} />}
              </Group>
            </Stack>
            <Group>
              {mayDo(asset, 'update') && (
                <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              {mayDo(asset, 'manageAccess') && (
                <Button leftSection={<IconShare size={16} />} onClick={() => setSharing(true)}>
                  Share
                </Button>
              )}
              <ResourceMenu
                resource={asset}
                onShare={() => setSharing(true)}
                onTransfer={() => setTransferring(true)}
                onDeleted={() => navigate(`/assets?type=${asset.type}`)}
              />
            </Group>
          </Group>
          {asset.__typename === 'Connection' && (
            <Group gap="xs">
              <Text size="sm" fw={500}>
                Credentials
              </Text>
              <ConnectionCredentials connection={asset} />
            </Group>
          )}
          {asset.__typename === 'SchemaAgent' && (
            <Text size="sm">
              Built on:{' '}
              {asset.connection ? (
                <Anchor component={Link} to={`/assets/${asset.connection.id}`}>
                  {asset.connection.name}
                </Anchor>
              ) : (
                'a connection you cannot see'
              )}
            </Text>
          )}
          {asset.__typename === 'SemanticModel' && (
            <Text size="sm">
              Built on:{' '}
              {asset.schemaAgent ? (
                <Anchor component={Link} to={`/assets/${asset.schemaAgent.id}`}>
                  {asset.schemaAgent.name}
                </Anchor>
              ) : (
                'a schema agent you cannot see'
              )}
            </Text>
          )}
          <AccessPanel resourceId={asset.id} type={asset.type} withShareButton={false} />
          <ShareDialog resourceId={asset.id} type={asset.type} opened={sharing} onClose={() => setSharing(false)} />
          <TransferOwnershipDialog resource={transferring ? asset : null} onClose={() => setTransferring(false)} />
          <EditDetailsDialog
            title={`Edit ${definition.label.toLowerCase()}`}
            opened={editing}
            initial={{ name: asset.name, description: asset.description ?? '' }}
            limits={RESOURCE_DETAILS}
            onSave={(details) => updateDetails({ variables: { input: { id: asset.id, ...details } } })}
            onClose={() => setEditing(false)}
          />
        </Stack>
      )}
    </QueryState>
  );
}
