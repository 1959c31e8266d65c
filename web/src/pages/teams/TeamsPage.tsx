import { useState, type FormEvent } from 'react';
import { TEXT_LIMITS } from '@rolegraph/shared';
import { Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Badge } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { graphql } from '../../graphql/generated';
import { useViewer } from '../../app/viewer';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { countOf } from '../../components/plural';
import { FormActions } from '../../components/FormActions';
import { useDirectoryChanged } from '../../components/useDirectoryChanged';
import { useLiveListRefetch } from '../../app/useLiveRefetch';
import { ListChangedNotice } from '../../components/ListChangedNotice';

const TEAMS = graphql(`
  query Teams($search: String, $after: String) {
    teams(first: 50, search: $search, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          description
          memberCount
          viewerIsAdmin
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CREATE_TEAM = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
    }
  }
`);

/** Teams: list and create; each opens to its members and grants. */
export function TeamsPage() {
  const { can } = useViewer();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [creating, setCreating] = useState(false);
  const query = useQuery(TEAMS, { variables: { search: debounced || null } });
  const page = query.data?.teams;
  // Live: teams created, renamed, deleted or with new members, by anyone (grants do not show here).
  // A list extended with "Load more" (past its first 50) keeps its cards until the viewer asks for the changes.
  const teamsChanged = useLiveListRefetch([TEAMS], (page?.edges.length ?? 0) > 50);
  useDirectoryChanged(({ change }) => {
    if ((change.startsWith('TEAM_') && change !== 'TEAM_GRANTS_CHANGED') || change === 'IMPORTED') teamsChanged.changed();
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Teams
        </Title>
        {can('teams.create') && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Create team
          </Button>
        )}
      </Group>
      <TextInput
        placeholder="Search teams"
        aria-label="Search teams"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={280}
      />
      <ListChangedNotice held={teamsChanged.held} onShow={teamsChanged.showChanges}>
        Teams changed since you loaded this list.
      </ListChangedNotice>
      <QueryState loading={query.loading && !page} error={query.error} empty={page?.edges.length === 0} emptyText="No teams yet.">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {page?.edges.map(({ node: t }) => (
            <Card key={t.id} withBorder component={Link} to={`/teams/${t.id}`}>
              <Group justify="space-between">
                <Text fw={600}>{t.name}</Text>
                {t.viewerIsAdmin && <Badge variant="light">You manage it</Badge>}
              </Group>
              <Text size="sm" c="dimmed" lineClamp={2}>
                {t.description || 'No description'}
              </Text>
              <Text size="sm" mt="xs">
                {countOf(t.memberCount, 'member')}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
        <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
      </QueryState>
      <CreateTeamDialog opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function CreateTeamDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [create, { loading, error, reset }] = useMutation(CREATE_TEAM, { refetchQueries: [TEAMS] });
  const errors = useFieldErrors(error, ['name', 'description']);
  const navigate = useNavigate();
  const close = () => {
    setName('');
    setDescription('');
    reset();
    onClose();
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await create({ variables: { input: { name, description } } });
      close();
      if (result.data) navigate(`/teams/${result.data.createTeam.id}`);
    } catch {
      // shown below
    }
  };
  return (
    <Modal opened={opened} onClose={close} title="Create a team">
      <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
        <Stack>
          <TextInput label="Name" required value={name} maxLength={TEXT_LIMITS.teamName} {...errors.textField('name', setName)} data-autofocus />
          <Textarea label="Description" value={description} maxLength={TEXT_LIMITS.teamDescription} {...errors.textField('description', setDescription)} />
          <Text size="xs" c="dimmed">
            You become the team's first admin.
          </Text>
          {errors.other !== null && <ErrorAlert error={errors.other} title="Team not created" />}
          <FormActions submitLabel="Create" onCancel={close} loading={loading} />
        </Stack>
      </form>
    </Modal>
  );
}
