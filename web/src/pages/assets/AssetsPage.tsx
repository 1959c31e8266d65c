import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { RESOURCE_TYPE_REGISTRY, isCapability, type ResourceType } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import type { TransferOwnershipTargetFragment } from '../../graphql/generated/graphql';
import { useViewer } from '../../app/viewer';
import { QueryState } from '../../components/QueryState';
import { ResourceOwnerBadges } from '../../components/OwnerBadges';
import { LevelBadge } from '../../components/LevelBadge';
import { ShareDialog } from '../../components/ShareDialog';
import { ResourceMenu } from '../../components/ResourceMenu';
import { TransferOwnershipDialog } from '../../components/TransferOwnershipDialog';
import { CreateResourceDialog } from '../../components/CreateResourceDialog';
import { ConnectionCredentials } from './ConnectionCredentials';
import { CopyableId } from '../../components/CopyableId';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { ScrollTable } from '../../components/ScrollTable';
import { countOf } from '../../components/plural';

/** The asset types of this page, in the seed's order; projects and assistants have their own pages. */
export const ASSET_TYPES = ['SEMANTIC_MODEL', 'SCHEMA_AGENT', 'CONNECTION', 'CORPUS'] as const satisfies readonly ResourceType[];
type AssetType = (typeof ASSET_TYPES)[number];

const ASSETS = graphql(`
  query Assets($type: ResourceType!, $search: String, $after: String) {
    resources(first: 50, type: $type, search: $search, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          description
          type
          myLevel
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
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Target = TransferOwnershipTargetFragment & { type: ResourceType };

function isAssetType(value: string | null): value is AssetType {
  return (ASSET_TYPES as readonly string[]).includes(value ?? '');
}

/**
 * Assets: semantic models, schema agents, connections and corpora
 * the viewer can read, with owner badges ("Owner: HA • Shared with: JD"),
 * the share dialog, and a connection's masked credentials.
 */
export function AssetsPage() {
  const { can } = useViewer();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const typeParam = params.get('type');
  const type: AssetType = isAssetType(typeParam) ? typeParam : 'SEMANTIC_MODEL';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [creating, setCreating] = useState(false);
  const [sharing, setSharing] = useState<Target | null>(null);
  const [transferring, setTransferring] = useState<Target | null>(null);
  const query = useQuery(ASSETS, { variables: { type, search: debounced || null } });
  const page = query.data?.resources;
  const definition = RESOURCE_TYPE_REGISTRY[type];
  const highlighted = location.hash.slice(1);
  const mayCreate = isCapability(definition.createCapability) && can(definition.createCapability);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Assets
        </Title>
        {mayCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New {definition.label.toLowerCase()}
          </Button>
        )}
      </Group>
      <Tabs value={type} onChange={(value) => value && setParams({ type: value })}>
        <Tabs.List>
          {ASSET_TYPES.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {RESOURCE_TYPE_REGISTRY[t].pluralLabel}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ASSET_TYPES.map((t) => (
          <Tabs.Panel key={t} value={t} pt="md">
            {t === type && (
              <Stack>
                <TextInput
                  placeholder={`Search ${definition.pluralLabel.toLowerCase()}`}
                  aria-label="Search assets"
                  leftSection={<IconSearch size={16} />}
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                  w={280}
                />
                <QueryState
                  loading={query.loading && !page}
                  error={query.error}
                  empty={page?.edges.length === 0}
                  emptyText={`No ${definition.pluralLabel.toLowerCase()} you can see.`}
                >
                  <Text size="sm" c="dimmed">
                    {countOf(page?.totalCount ?? 0, definition.label.toLowerCase(), definition.pluralLabel.toLowerCase())}
                  </Text>
                  <ScrollTable cards highlightOnHover aria-label={definition.pluralLabel}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Name</Table.Th>
                        {type === 'CONNECTION' && <Table.Th>Credentials</Table.Th>}
                        {(type === 'SCHEMA_AGENT' || type === 'SEMANTIC_MODEL') && <Table.Th>Built on</Table.Th>}
                        <Table.Th>People</Table.Th>
                        <Table.Th>Your level</Table.Th>
                        <Table.Th aria-label="Actions" />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {page?.edges.map(({ node: r }) => (
                        <Table.Tr key={r.id} id={r.id} style={r.id === highlighted ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-indigo-8)' } : undefined}>
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <Anchor component={Link} to={`/assets/${r.id}`} fw={500}>
                                {r.name}
                              </Anchor>
                              <CopyableId id={r.id} of={r.name} compact />
                            </Group>
                            <Text size="xs" c="dimmed" lineClamp={1}>
                              {r.description}
                            </Text>
                          </Table.Td>
                          {r.__typename === 'Connection' && (
                            <Table.Td data-label="Credentials">
                              <ConnectionCredentials connection={r} />
                            </Table.Td>
                          )}
                          {r.__typename === 'SchemaAgent' && (
                            <Table.Td data-label="Built on">{r.connection?.name ?? <Text c="dimmed">A connection you cannot see</Text>}</Table.Td>
                          )}
                          {r.__typename === 'SemanticModel' && (
                            <Table.Td data-label="Built on">{r.schemaAgent?.name ?? <Text c="dimmed">A schema agent you cannot see</Text>}</Table.Td>
                          )}
                          <Table.Td data-label="People">
                            <ResourceOwnerBadges resource={r} />
                          </Table.Td>
                          <Table.Td data-label="Your level">{r.myLevel && <LevelBadge level={r.myLevel} />}</Table.Td>
                          <Table.Td>
                            <ResourceMenu resource={r} onShare={() => setSharing(r)} onTransfer={() => setTransferring(r)} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </ScrollTable>
                  <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
                </QueryState>
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
      <CreateResourceDialog key={type} type={type} opened={creating} onClose={() => setCreating(false)} />
      {sharing && <ShareDialog resourceId={sharing.id} type={sharing.type} opened onClose={() => setSharing(null)} />}
      <TransferOwnershipDialog resource={transferring} onClose={() => setTransferring(null)} />
    </Stack>
  );
}
