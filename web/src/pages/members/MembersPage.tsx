import { useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title, Avatar, ActionIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { IconSearch, IconUserPlus, IconUserMinus, IconLogout } from '@tabler/icons-react';
import { ORG_ROLES, ORG_ROLE_LABELS, RECOMMENDED_MAX_OWNERS, type OrgRole } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { useViewer } from '../../app/viewer';
import { useConfirmation } from '../../components/ConfirmDialog';
import { mayDo, whyNot } from '../../components/viewerAbilities';
import { roleChangeWording } from './roleChangeConfirmation';
import { CopyableId } from '../../components/CopyableId';
import { QueryState } from '../../components/QueryState';
import { RoleSelect } from './RoleSelect';
import { initials } from '../../components/initials';
import { Timestamp } from '../../components/Timestamp';
import { InviteDialog } from './InviteDialog';
import { PENDING_INVITATIONS, PendingInvitations } from './PendingInvitations';
import { RemoveMemberDialog } from './RemoveMemberDialog';
import { FormerMembersAssets, ORPHANS } from './FormerMembersAssets';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { ScrollTable } from '../../components/ScrollTable';
import { countOf } from '../../components/plural';
import { ChangePreview } from '../../components/lifecycle/ChangePreview';
import { EmailAddress } from '../../components/EmailAddress';
import { useFocusAfterRemoval } from '../../components/focusAfterRemoval';
import { useDirectoryChanged } from '../../components/useDirectoryChanged';
import { useLiveListRefetch, useLiveRefetch } from '../../app/useLiveRefetch';
import { ListChangedNotice } from '../../components/ListChangedNotice';

export const MEMBERS = graphql(`
  query Members($after: String, $search: String, $role: OrgRole) {
    members(first: 50, after: $after, search: $search, role: $role) {
      totalCount
      edges {
        node {
          id
          name
          email
          role
          joinedAt
          isYou
          teams {
            id
            name
          }
          ownedResources {
            id
            name
            type
          }
          assignableRoles {
            role
            allowed
            reason
          }
          viewerAbilities {
            action
            allowed
            reason
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    owners: members(role: OWNER, first: 1) {
      totalCount
    }
  }
`);

const CHANGE_ROLE = graphql(`
  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {
    changeMemberRole(input: $input) {
      id
      role
    }
  }
`);

const LEAVE = graphql(`
  mutation LeaveOrganization {
    leaveOrganization
  }
`);

/** Whether the viewer may leave (the server's `remove` ability on themselves), and why not: the only owner may not. */
const LEAVE_ABILITY = graphql(`
  query LeaveAbility($id: ID!) {
    member(id: $id) {
      id
      viewerAbilities {
        action
        allowed
        reason
      }
    }
  }
`);

const MEMBER_CHANGED = graphql(`
  subscription MemberChanged {
    memberChanged {
      change
      userId
    }
  }
`);

/**
 * Members: searchable, filterable table; role dropdown with the
 * reasons for what is disabled; invitations; removal with reassignment of
 * owned assets; the owner-count warning. Live: member and team changes refetch it.
 */
export function MembersPage() {
  const { viewer, can, refetch: refetchViewer } = useViewer();
  const manages = can('users.manage');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [role, setRole] = useState<OrgRole | null>(null);
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const query = useQuery(MEMBERS, { variables: { search: debounced || null, role } });
  const viewerId = viewer?.account?.id ?? '';
  const leaveAbility = useQuery(LEAVE_ABILITY, { variables: { id: viewerId }, skip: !viewerId });
  const [changeRole] = useMutation(CHANGE_ROLE, { refetchQueries: [MEMBERS, LEAVE_ABILITY] });
  const [leave] = useMutation(LEAVE);
  const apollo = useApolloClient();
  const { ask, dialog } = useConfirmation();
  // Live for every member: joins, leaves and role changes, and the Teams column (teams created with
  // their first admin, renamed, deleted, or with members added or removed); grants do not show here.
  // Those who manage members also follow invitations sent or revoked (memberChanged), through the same refetch.
  // A table extended with "Load more" (past its first 50) keeps its rows until the viewer asks for the changes.
  const membersChanged = useLiveListRefetch(
    manages ? [MEMBERS, PENDING_INVITATIONS, ORPHANS, LEAVE_ABILITY] : [MEMBERS, LEAVE_ABILITY],
    (query.data?.members.edges.length ?? 0) > 50,
  );
  useDirectoryChanged(({ change }) => {
    if (change !== 'TEAM_GRANTS_CHANGED') membersChanged.changed();
  });
  // Invitations do not show in the members table: their list follows them at once.
  const invitationsChanged = useLiveRefetch([PENDING_INVITATIONS]);
  useSubscription(MEMBER_CHANGED, {
    skip: !manages,
    onData: ({ data }) => {
      const change = data.data?.memberChanged.change;
      if (change === 'INVITED' || change === 'INVITATION_REVOKED') invitationsChanged.refetch();
    },
  });
  const page = query.data?.members;
  const owners = query.data?.owners.totalCount ?? 0;
  // Asked before the click, as the role dropdown is: the only owner may not leave.
  const whyNotLeave = whyNot(leaveAbility.data?.member, 'remove');
  // A removed member's row goes with its Remove button: the focus moves to the next row's, or to the heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const removable = page?.edges.filter(({ node }) => !node.isYou).map(({ node }) => node.id);
  const removals = useFocusAfterRemoval(removable, heading);

  const setMemberRole = (member: { id: string; name: string; role: OrgRole; isYou: boolean }, next: OrgRole) => {
    const wording = roleChangeWording({ memberName: member.name, isYou: member.isYou, from: member.role, to: next, owners });
    ask({
      ...wording,
      details: <ChangePreview change={{ changeMemberRole: { userId: member.id, role: next } }} />,
      onConfirm: async () => {
        await changeRole({ variables: { input: { userId: member.id, role: next } } });
        notifications.show({ color: 'green', message: `${member.name} is now ${ORG_ROLE_LABELS[next].name}.` });
        if (member.isYou) await refetchViewer();
      },
    });
  };

  const onLeave = () =>
    whyNotLeave === null &&
    ask({
      title: 'Leave this organization?',
      message: 'You lose access to everything in it. Resources you own stay, owned by you, until someone reassigns them.',
      // Leaving is removing yourself: the same change, previewed as such.
      details: viewer?.account ? <ChangePreview change={{ removeMember: { userId: viewer.account.id } }} /> : undefined,
      confirmLabel: 'Leave',
      danger: true,
      onConfirm: async () => {
        await leave();
        await refetchViewer();
      },
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2" ref={heading} tabIndex={-1}>
          Members
        </Title>
        <Group>
          <Tooltip label={whyNotLeave} disabled={whyNotLeave === null} multiline maw={280}>
            <Button
              variant="default"
              leftSection={<IconLogout size={16} />}
              onClick={onLeave}
              data-disabled={whyNotLeave !== null || undefined}
              aria-disabled={whyNotLeave !== null || undefined}
              aria-describedby={whyNotLeave !== null ? 'why-not-leave' : undefined}
            >
              Leave organization
            </Button>
          </Tooltip>
          {whyNotLeave !== null && <VisuallyHidden id="why-not-leave">{whyNotLeave}</VisuallyHidden>}
          {manages && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              Invite member
            </Button>
          )}
        </Group>
      </Group>
      {owners > RECOMMENDED_MAX_OWNERS && (
        <Alert color="yellow" title={`${owners} owners`}>
          Keep owners to one or two: owners hold billing, LLM configuration and API keys, and act as admins of everything.
        </Alert>
      )}
      <Group>
        <TextInput
          placeholder="Search name or email"
          aria-label="Search members"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          aria-label="Filter by role"
          placeholder="All roles"
          clearable
          data={ORG_ROLES.map((r) => ({ value: r, label: ORG_ROLE_LABELS[r].name }))}
          value={role}
          onChange={(value) => setRole(value as OrgRole | null)}
          w={180}
        />
        {page && (
          <Text c="dimmed" size="sm">
            {countOf(page.totalCount, 'member')}
          </Text>
        )}
      </Group>
      <ListChangedNotice held={membersChanged.held} onShow={membersChanged.showChanges}>
        Members changed since you loaded this list.
      </ListChangedNotice>
      <QueryState loading={query.loading && !page} error={query.error} empty={page?.edges.length === 0} emptyText="No members match.">
        <ScrollTable cards striped highlightOnHover verticalSpacing="sm" aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Teams</Table.Th>
              <Table.Th>Owned assets</Table.Th>
              <Table.Th>Joined</Table.Th>
              {manages && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page?.edges.map(({ node: m }) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Avatar size="sm" radius="xl" color="indigo">
                      {initials(m.name)}
                    </Avatar>
                    <Text size="sm" fw={500}>
                      {m.name}
                    </Text>
                    {m.isYou && (
                      <Badge size="xs" variant="outline">
                        you
                      </Badge>
                    )}
                    <CopyableId id={m.id} of={m.name} compact />
                  </Group>
                </Table.Td>
                <Table.Td data-label="Email">
                  <Text size="sm">
                    <EmailAddress email={m.email} />
                  </Text>
                </Table.Td>
                <Table.Td data-label="Role">
                  {manages ? (
                    <RoleSelect memberName={m.name} current={m.role} options={m.assignableRoles} onChange={(next) => setMemberRole(m, next)} />
                  ) : (
                    <Badge variant="light">{ORG_ROLE_LABELS[m.role].name}</Badge>
                  )}
                </Table.Td>
                <Table.Td data-label="Teams">
                  <Group gap={4}>
                    {m.teams.map((t) => (
                      <Badge key={t.id} variant="dot" size="sm" tt="none">
                        {t.name}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td data-label="Owned assets">{m.ownedResources?.length ?? 0}</Table.Td>
                <Table.Td data-label="Joined">
                  <Timestamp iso={m.joinedAt} dateOnly />
                </Table.Td>
                {manages && (
                  <Table.Td>
                    {!m.isYou && (
                      <Tooltip label={whyNot(m, 'remove') ?? `Remove ${m.name}`} multiline maw={280}>
                        <ActionIcon
                          ref={removals.buttonRef(m.id)}
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${m.name}`}
                          aria-description={whyNot(m, 'remove') ?? undefined}
                          data-disabled={!mayDo(m, 'remove') || undefined}
                          onClick={() => mayDo(m, 'remove') && setRemoving({ id: m.id, name: m.name })}
                        >
                          <IconUserMinus size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
      </QueryState>
      {manages && <PendingInvitations />}
      {manages && <FormerMembersAssets />}
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} onInvited={() => void apollo.refetchQueries({ include: [PENDING_INVITATIONS] })} />
      {removing && (
        <RemoveMemberDialog
          member={removing}
          onClose={() => {
            // Nothing changed: back to the button that opened it.
            removals.cancel();
            setRemoving(null);
            removals.focusButton(removing.id);
          }}
          onRemoving={() => removals.removing(removing.id)}
          onRemoved={() => setRemoving(null)}
        />
      )}
      {dialog}
    </Stack>
  );
}
