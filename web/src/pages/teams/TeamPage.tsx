import { useRef, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { IconPencil, IconTrash, IconX } from '@tabler/icons-react';
import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, TEAM_ROLES, type TeamRole } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { describeError } from '../../app/errors';
import { QueryState } from '../../components/QueryState';
import { describeExpiry } from '../../components/lifecycle/expiryPresets';
import { useConfirmation } from '../../components/ConfirmDialog';
import { CopyableId } from '../../components/CopyableId';
import { EditDetailsDialog, TEAM_DETAILS } from '../../components/EditDetailsDialog';
import { mayDo } from '../../components/viewerAbilities';
import { MemberSelect } from '../../components/MemberSelect';
import { resourcePath } from './resourcePath';
import { ScrollTable } from '../../components/ScrollTable';
import type { ApolloCache } from '@apollo/client';
import { evictLists, evictObject } from '../../app/cacheEviction';
import { ChangePreview } from '../../components/lifecycle/ChangePreview';
import { EmailAddress } from '../../components/EmailAddress';
import { useFocusAfterRemoval } from '../../components/focusAfterRemoval';
import { useDirectoryChanged } from '../../components/useDirectoryChanged';
import { useLiveRefetch } from '../../app/useLiveRefetch';

const TEAM = graphql(`
  query Team($id: ID!) {
    team(id: $id) {
      id
      name
      description
      viewerIsAdmin
      memberCount
      viewerAbilities {
        action
        allowed
        reason
      }
      members {
        role
        addedAt
        member {
          id
          name
          email
        }
      }
      grants {
        id
        level
        expiresAt
        resource {
          id
          name
          type
          parent {
            id
          }
        }
      }
    }
  }
`);

const ADD = graphql(`
  mutation AddTeamMember($input: AddTeamMemberInput!) {
    addTeamMember(input: $input) {
      id
    }
  }
`);
const REMOVE = graphql(`
  mutation RemoveTeamMember($input: RemoveTeamMemberInput!) {
    removeTeamMember(input: $input) {
      id
    }
  }
`);
const DELETE = graphql(`
  mutation DeleteTeam($id: ID!) {
    deleteTeam(id: $id)
  }
`);
const REVOKE = graphql(`
  mutation RevokeTeamGrant($input: RevokeAccessInput!) {
    revokeAccess(input: $input)
  }
`);

const UPDATE_TEAM = graphql(`
  mutation UpdateTeam($input: UpdateTeamInput!) {
    updateTeam(input: $input) {
      id
      name
      description
    }
  }
`);

const teamRoleLabel = (role: TeamRole) => (role === 'ADMIN' ? 'Team admin' : 'Member');

/** One team: members and their team roles, the team's grants; its admins and org owners manage it. */
export function TeamPage() {
  const { id = '' } = useParams();
  const query = useQuery(TEAM, { variables: { id } });
  // Live: its name, members and grants as others change them, and that it is gone when deleted.
  const [deletedId, setDeletedId] = useState<string | null>(null);
  const teamChanged = useLiveRefetch([TEAM]);
  // Set while the viewer deletes it here: that deletion's own event is not news (the page moves to Teams).
  const deletingHere = useRef(false);
  useDirectoryChanged(({ change, teamId }) => {
    if (change === 'IMPORTED') return teamChanged.refetch();
    if (teamId !== id) return;
    if (change !== 'TEAM_DELETED') return teamChanged.refetch();
    teamChanged.cancel();
    if (!deletingHere.current) setDeletedId(teamId);
  });
  const refetch = { refetchQueries: [TEAM], update: (cache: ApolloCache) => evictLists(cache, 'teams') };
  const [add] = useMutation(ADD, refetch);
  const [remove] = useMutation(REMOVE, refetch);
  const [deleteTeam] = useMutation(DELETE, { update: (cache) => evictObject(cache, { __typename: 'Team', id }, 'teams') });
  const [revoke] = useMutation(REVOKE, refetch);
  const [updateTeam] = useMutation(UPDATE_TEAM);
  const [editing, setEditing] = useState(false);
  const [newMember, setNewMember] = useState<string | null>(null);
  const navigate = useNavigate();
  const team = query.data?.team;
  const fail = (title: string) => (error: unknown) => notifications.show({ color: 'red', title, message: describeError(error).message });
  const admin = team?.viewerIsAdmin ?? false;
  const grantCount = team?.grants?.length ?? 0;
  const { ask, dialog } = useConfirmation();
  // A removed row goes with its button: the focus moves to the next row's, or to the list's heading.
  const membersHeading = useRef<HTMLHeadingElement>(null);
  const grantsHeading = useRef<HTMLHeadingElement>(null);
  const memberRemovals = useFocusAfterRemoval(admin ? team?.members.map((m) => m.member.id) : undefined, membersHeading);
  const grantRemovals = useFocusAfterRemoval(admin ? team?.grants?.filter((g) => g.resource).map((g) => g.id) : undefined, grantsHeading);
  /** Makes a removal, telling `removals` which row goes (and that it stays, when it fails). */
  const removingRow = async (removals: typeof memberRemovals, id: string, change: () => Promise<unknown>) => {
    removals.removing(id);
    try {
      await change();
    } catch (error) {
      removals.cancel();
      throw error;
    }
  };

  if (deletedId === id) return <TeamGone title={team ? `${team.name} was deleted` : 'This team was deleted'} />;
  // A link to a team deleted since (a notification's "Open team", a bookmark), or to no team at all.
  if (query.error && describeError(query.error).code === 'NOT_FOUND') return <TeamGone title="This team does not exist, or was deleted" />;
  return (
    <QueryState loading={query.loading && !team} error={query.error}>
      {team && (
        <Stack>
          <Group justify="space-between">
            <div>
              <Anchor component={Link} to="/teams" size="sm">
                ← Teams
              </Anchor>
              <Title order={1} size="h2">
                {team.name}
              </Title>
              <Text c="dimmed">{team.description}</Text>
              <Group gap="xs">
                <Text size="sm">Id</Text>
                <CopyableId id={team.id} of={`team ${team.name}`} />
              </Group>
            </div>
            <Group>
              {mayDo(team, 'update') && (
                <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              {admin && (
                <Button
                  color="red"
                  variant="light"
                  leftSection={<IconTrash size={16} />}
                  onClick={() =>
                    ask({
                      title: `Delete ${team.name}?`,
                      message: `Its ${team.memberCount === 1 ? 'member loses' : `${team.memberCount} members lose`} what the team's grants gave them. This cannot be undone.`,
                      details: <ChangePreview change={{ deleteTeam: team.id }} />,
                      confirmLabel: 'Delete team',
                      danger: true,
                      onConfirm: async () => {
                        deletingHere.current = true;
                        try {
                          await deleteTeam({ variables: { id: team.id } });
                        } catch (error) {
                          deletingHere.current = false;
                          throw error;
                        }
                        navigate('/teams');
                      },
                    })
                  }
                >
                  Delete team
                </Button>
              )}
            </Group>
          </Group>

          <Title order={3} ref={membersHeading} tabIndex={-1}>
            Members ({team.memberCount})
          </Title>
          {admin && (
            <Group>
              <MemberSelect aria-label="Member to add" value={newMember} onChange={setNewMember} exclude={team.members.map((m) => m.member.id)} />
              <Button
                disabled={!newMember}
                onClick={() =>
                  void add({ variables: { input: { teamId: team.id, userId: newMember! } } })
                    .then(() => {
                      setNewMember(null);
                      // The button goes disabled under the focus: it moves to the heading, which now counts the new member.
                      membersHeading.current?.focus();
                    })
                    .catch(fail('Not added'))
                }
              >
                Add to team
              </Button>
            </Group>
          )}
          <ScrollTable cards aria-label="Team members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Team role</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.members.map((m) => (
                <Table.Tr key={m.member.id}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm">{m.member.name}</Text>
                      <CopyableId id={m.member.id} of={m.member.name} compact />
                    </Group>
                  </Table.Td>
                  <Table.Td data-label="Email">
                    <EmailAddress email={m.member.email} />
                  </Table.Td>
                  <Table.Td data-label="Team role">
                    {admin ? (
                      <Select
                        aria-label={`Team role of ${m.member.name}`}
                        data={TEAM_ROLES.map((r) => ({ value: r, label: teamRoleLabel(r) }))}
                        value={m.role}
                        allowDeselect={false}
                        w={160}
                        onChange={(value) =>
                          value &&
                          value !== m.role &&
                          void add({ variables: { input: { teamId: team.id, userId: m.member.id, role: value as TeamRole } } }).catch(fail('Role not changed'))
                        }
                      />
                    ) : (
                      <Badge variant="light">{teamRoleLabel(m.role)}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {admin && (
                      <ActionIcon
                        ref={memberRemovals.buttonRef(m.member.id)}
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${m.member.name} from the team`}
                        onClick={() =>
                          ask({
                            title: `Remove ${m.member.name} from ${team.name}?`,
                            message: `${m.member.name} loses what the team's grants give them (${grantCount === 1 ? '1 grant' : `${grantCount} grants`}), unless they have access another way.`,
                            confirmLabel: 'Remove from team',
                            details: <ChangePreview change={{ removeTeamMember: { teamId: team.id, userId: m.member.id } }} />,
                            danger: true,
                            onConfirm: () =>
                              removingRow(memberRemovals, m.member.id, () => remove({ variables: { input: { teamId: team.id, userId: m.member.id } } })),
                          })
                        }
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>

          <Title order={3} ref={grantsHeading} tabIndex={-1}>
            The team's grants
          </Title>
          <QueryState loading={false} empty={(team.grants ?? []).length === 0} emptyText="Nothing is shared with this team yet.">
            <ScrollTable cards aria-label="Team grants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Resource</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Level</Table.Th>
                  <Table.Th>Ends</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(team.grants ?? []).map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      {g.resource ? (
                        <Anchor component={Link} to={resourcePath(g.resource)}>
                          {g.resource.name}
                        </Anchor>
                      ) : (
                        <Text c="dimmed">A resource you cannot see</Text>
                      )}
                    </Table.Td>
                    <Table.Td data-label="Type">{g.resource ? RESOURCE_TYPE_REGISTRY[g.resource.type].label : ''}</Table.Td>
                    <Table.Td data-label="Level">
                      <Badge variant="light">{ACCESS_LEVEL_LABELS[g.level]}</Badge>
                    </Table.Td>
                    <Table.Td data-label="Ends">
                      <Text size="sm" c="dimmed">
                        {describeExpiry(g.expiresAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {admin && g.resource && (
                        <Button
                          ref={grantRemovals.buttonRef(g.id)}
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove grant on ${g.resource.name}`}
                          onClick={() => {
                            const resource = g.resource!;
                            const input = { resourceId: resource.id, subject: { teamId: team.id } };
                            ask({
                              title: `Stop sharing ${resource.name} with ${team.name}?`,
                              message: `The team's members lose the ${ACCESS_LEVEL_LABELS[g.level]} access this grant gives them, unless they have access another way.`,
                              details: <ChangePreview change={{ revokeAccess: input }} />,
                              confirmLabel: 'Stop sharing',
                              danger: true,
                              onConfirm: () => removingRow(grantRemovals, g.id, () => revoke({ variables: { input } })),
                            });
                          }}
                        >
                          Remove grant
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </QueryState>
          {dialog}
          <EditDetailsDialog
            title="Edit team"
            opened={editing}
            initial={{ name: team.name, description: team.description ?? '' }}
            limits={TEAM_DETAILS}
            onSave={(details) => updateTeam({ variables: { input: { id: team.id, ...details } } })}
            onClose={() => setEditing(false)}
          />
        </Stack>
      )}
    </QueryState>
  );
}

/** Where a team was: it is gone, and the way back to the list. */
function TeamGone({ title }: { title: string }) {
  return (
    <Alert color="gray" title={title} role="alert">
      <Anchor component={Link} to="/teams">
        Back to Teams
      </Anchor>
    </Alert>
  );
}
