import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Grid, Group, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { AssistantStatus, AssistantVisibility, ResourceType } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import type { TransferOwnershipTargetFragment } from '../../graphql/generated/graphql';
import { useConfirmation } from '../../components/ConfirmDialog';
import { CopyableId } from '../../components/CopyableId';
import { EditDetailsDialog, RESOURCE_DETAILS } from '../../components/EditDetailsDialog';
import { UPDATE_RESOURCE_DETAILS } from '../../components/resourceDetails';
import { assistantChangeWording, DRAFT_RULE, type AssistantState } from './assistantChangeConfirmation';
import { QueryState } from '../../components/QueryState';
import { describeError } from '../../app/errors';
import { NeedAccess } from '../requests/NeedAccess';
import { ResourceOwnerBadges } from '../../components/OwnerBadges';
import { LevelBadge } from '../../components/LevelBadge';
import { AccessPanel, RESOURCE_ACCESS } from '../../components/AccessPanel';
import { ShareDialog } from '../../components/ShareDialog';
import { ResourceMenu } from '../../components/ResourceMenu';
import { TransferOwnershipDialog } from '../../components/TransferOwnershipDialog';
import { CreateResourceDialog } from '../../components/CreateResourceDialog';
import { mayDo } from '../../components/viewerAbilities';
import { ScrollTable } from '../../components/ScrollTable';
import { ChangePreview } from '../../components/lifecycle/ChangePreview';

const PROJECT = graphql(`
  query Project($id: ID!) {
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
      ... on Project {
        assistants {
          id
          name
          description
          type
          status
          visibility
          myLevel
          ...ResourceAbilities
          ...ResourceMenu
          ...ResourcePeople
          ...TransferOwnershipTarget
        }
      }
    }
  }
`);

const UPDATE_ASSISTANT = graphql(`
  mutation UpdateAssistant($input: UpdateResourceInput!) {
    updateResource(input: $input) {
      id
      ... on Assistant {
        status
        visibility
      }
    }
  }
`);

type Target = TransferOwnershipTargetFragment & { type: ResourceType };

/**
 * One project: its assistants with status and visibility controls,
 * and the access panel — the project's, or a selected assistant's, where
 * access inherited from the project shows.
 */
export function ProjectPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const query = useQuery(PROJECT, { variables: { id } });
  const [update] = useMutation(UPDATE_ASSISTANT, { refetchQueries: [RESOURCE_ACCESS] });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<{ id: string; name: string; description?: string | null; type: ResourceType } | null>(null);
  const [updateDetails] = useMutation(UPDATE_RESOURCE_DETAILS);
  const [sharing, setSharing] = useState<Target | null>(null);
  const [transferring, setTransferring] = useState<Target | null>(null);
  const project = query.data?.resource;
  const assistants = project?.__typename === 'Project' ? project.assistants : [];
  const selectedId = location.hash.slice(1) || null;
  const selected = assistants.find((a) => a.id === selectedId) ?? null;
  const { ask, dialog } = useConfirmation();
  const change = (assistant: AssistantState & { id: string }, input: { status?: AssistantStatus; visibility?: AssistantVisibility }) =>
    ask({
      ...assistantChangeWording(assistant, input),
      details: <ChangePreview change={{ updateResource: { id: assistant.id, ...input } }} />,
      onConfirm: () => update({ variables: { input: { id: assistant.id, ...input } } }),
    });

  if (query.error && describeError(query.error).code === 'NOT_FOUND') return <NeedAccess resourceId={id} />;
  return (
    <QueryState loading={query.loading && !project} error={query.error}>
      {project && (
        <Stack>
          <Group justify="space-between" align="flex-start">
            <div>
              <Anchor component={Link} to="/projects" size="sm">
                ← Projects
              </Anchor>
              <Title order={1} size="h2">
                {project.name}
              </Title>
              <Text c="dimmed">{project.description}</Text>
              <Group gap="xs">
                <Text size="sm">Id</Text>
                <CopyableId id={project.id} of={project.name} />
              </Group>
              <Group mt="xs">
                <ResourceOwnerBadges resource={project} />
                {project.myLevel && <LevelBadge level={project.myLevel} />}
              </Group>
            </div>
            <Group>
              {mayDo(project, 'update') && (
                <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(project)}>
                  Edit
                </Button>
              )}
              {mayDo(project, 'createAssistant') && (
                <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                  New assistant
                </Button>
              )}
              <ResourceMenu
                resource={project}
                onShare={() => setSharing(project)}
                onTransfer={() => setTransferring(project)}
                onDeleted={() => navigate('/projects')}
              />
            </Group>
          </Group>
          <Grid>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Title order={3} mb="sm">
                Assistants
              </Title>
              <QueryState loading={false} empty={assistants.length === 0} emptyText="No assistant you can see in this project.">
                <ScrollTable cards highlightOnHover aria-label="Assistants">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Assistant</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Visibility</Table.Th>
                      <Table.Th>People</Table.Th>
                      <Table.Th aria-label="Actions" />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {assistants.map((a) => (
                      <Table.Tr
                        key={a.id}
                        style={a.id === selectedId ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-indigo-8)' } : undefined}
                        aria-current={a.id === selectedId ? 'true' : undefined}
                      >
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Anchor component={Link} to={`#${a.id}`} fw={500} aria-label={`Show access to ${a.name}`}>
                              {a.name}
                            </Anchor>
                            <CopyableId id={a.id} of={a.name} compact />
                            {mayDo(a, 'update') && (
                              <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${a.name}`} onClick={() => setEditing(a)}>
                                <IconPencil size={16} />
                              </ActionIcon>
                            )}
                          </Group>
                          <Group gap={4}>{a.myLevel && <LevelBadge level={a.myLevel} />}</Group>
                        </Table.Td>
                        <Table.Td data-label="Status">
                          {mayDo(a, 'setStatus') ? (
                            <SegmentedControl
                              size="xs"
                              aria-label={`Status of ${a.name}`}
                              value={a.status}
                              data={['DRAFT', 'LIVE']}
                              onChange={(v) => change(a, { status: v as AssistantStatus })}
                            />
                          ) : (
                            <Badge variant="light" color={a.status === 'LIVE' ? 'green' : 'gray'}>
                              {a.status}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td data-label="Visibility">
                          {mayDo(a, 'setVisibility') ? (
                            <SegmentedControl
                              size="xs"
                              aria-label={`Visibility of ${a.name}`}
                              value={a.visibility}
                              data={['PRIVATE', 'PUBLIC']}
                              onChange={(v) => change(a, { visibility: v as AssistantVisibility })}
                            />
                          ) : (
                            <Tooltip label={a.visibility === 'PUBLIC' ? 'While live, everyone may read and chat.' : 'Only those with access.'}>
                              <Badge variant="outline">{a.visibility}</Badge>
                            </Tooltip>
                          )}
                        </Table.Td>
                        <Table.Td data-label="People">
                          <ResourceOwnerBadges resource={a} />
                        </Table.Td>
                        <Table.Td>
                          <ResourceMenu resource={a} onShare={() => setSharing(a)} onTransfer={() => setTransferring(a)} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ScrollTable>
              </QueryState>
              <Text size="xs" c="dimmed" mt="xs">
                {DRAFT_RULE} Access to the project reaches its live assistants.
              </Text>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack>
                {selected && (
                  <Group justify="space-between">
                    <Text fw={500}>Access to assistant {selected.name}</Text>
                    <Anchor component={Link} to="#" size="sm">
                      Show the project's access
                    </Anchor>
                  </Group>
                )}
                <AccessPanel key={selected?.id ?? project.id} resourceId={selected?.id ?? project.id} type={selected ? 'ASSISTANT' : 'PROJECT'} />
              </Stack>
            </Grid.Col>
          </Grid>
          <CreateResourceDialog
            type="ASSISTANT"
            parentId={project.id}
            opened={creating}
            onClose={() => setCreating(false)}
            onCreated={(a) => navigate(`#${a.id}`)}
          />
          {sharing && <ShareDialog resourceId={sharing.id} type={sharing.type} opened onClose={() => setSharing(null)} />}
          <TransferOwnershipDialog resource={transferring} onClose={() => setTransferring(null)} />
          {dialog}
          <EditDetailsDialog
            title={editing?.type === 'ASSISTANT' ? 'Edit assistant' : 'Edit project'}
            opened={editing !== null}
            initial={{ name: editing?.name ?? '', description: editing?.description ?? '' }}
            limits={RESOURCE_DETAILS}
            onSave={(details) => updateDetails({ variables: { input: { id: editing?.id ?? '', ...details } } })}
            onClose={() => setEditing(null)}
          />
        </Stack>
      )}
    </QueryState>
  );
}
