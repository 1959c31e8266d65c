import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { CopyableId } from '../../components/CopyableId';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { graphql } from '../../graphql/generated';
import { useViewer } from '../../app/viewer';
import { QueryState } from '../../components/QueryState';
import { ResourceOwnerBadges } from '../../components/OwnerBadges';
import { LevelBadge } from '../../components/LevelBadge';
import { CreateResourceDialog } from '../../components/CreateResourceDialog';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { ScrollTable } from '../../components/ScrollTable';
import { countOf } from '../../components/plural';

const PROJECTS = graphql(`
  query Projects($search: String, $after: String) {
    resources(first: 50, type: PROJECT, search: $search, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          description
          type
          myLevel
          ...ResourcePeople
          ... on Project {
            assistants {
              id
              status
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

/** Projects: those the viewer can use, with owner badges and their assistants' count. */
export function ProjectsPage() {
  const { can } = useViewer();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [creating, setCreating] = useState(false);
  const query = useQuery(PROJECTS, { variables: { search: debounced || null } });
  const page = query.data?.resources;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Projects & assistants
        </Title>
        {can('projects.create') && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Create project
          </Button>
        )}
      </Group>
      <TextInput
        placeholder="Search projects"
        aria-label="Search projects"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={280}
      />
      <QueryState loading={query.loading && !page} error={query.error} empty={page?.edges.length === 0} emptyText="No project you can use yet.">
        <Text size="sm" c="dimmed">
          {countOf(page?.totalCount ?? 0, 'project')}
        </Text>
        <ScrollTable cards striped highlightOnHover aria-label="Projects">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Assistants</Table.Th>
              <Table.Th>People</Table.Th>
              <Table.Th>Your level</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page?.edges.map(({ node: p }) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Anchor component={Link} to={`/projects/${p.id}`} fw={500}>
                      {p.name}
                    </Anchor>
                    <CopyableId id={p.id} of={p.name} compact />
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {p.description}
                  </Text>
                </Table.Td>
                <Table.Td data-label="Assistants">
                  {p.__typename === 'Project' ? `${p.assistants.length} (${p.assistants.filter((a) => a.status === 'LIVE').length} live)` : ''}
                </Table.Td>
                <Table.Td data-label="People">
                  <ResourceOwnerBadges resource={p} />
                </Table.Td>
                <Table.Td data-label="Your level">{p.myLevel && <LevelBadge level={p.myLevel} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
      </QueryState>
      <CreateResourceDialog type="PROJECT" opened={creating} onClose={() => setCreating(false)} onCreated={(p) => navigate(`/projects/${p.id}`)} />
    </Stack>
  );
}
