import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { IconX } from '@tabler/icons-react';
import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, type GrantLevel, type ResourceType } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';
import { describeError } from '../app/errors';
import { ErrorAlert, QueryState } from './QueryState';
import { MemberSelect } from './MemberSelect';
import { TeamSelect } from './TeamSelect';
import { LevelBadge } from './LevelBadge';
import { usePermissionMatrix } from './permissionMatrix';

export const SHARED_WITH = graphql(`
  query SharedWith($id: ID!) {
    resource(id: $id) {
      id
      name
      type
      myLevel
      ... on Assistant {
        status
        visibility
      }
      sharedWith {
        id
        level
        user {
          id
          name
          email
        }
        team {
          id
          name
        }
      }
    }
  }
`);

const GRANT = graphql(`
  mutation GrantAccess($input: GrantAccessInput!) {
    grantAccess(input: $input) {
      id
      level
    }
  }
`);

const REVOKE = graphql(`
  mutation RevokeAccess($input: RevokeAccessInput!) {
    revokeAccess(input: $input)
  }
`);

/**
 * The share dialog: members and teams with their level on the
 * resource; add someone at a level the type can be granted (proposed: the
 * type's default share level), change or remove a grant. While an assistant
 * is live and public, adding is disabled (its existing grants stay).
 */
export function ShareDialog({ resourceId, type, opened, onClose }: { resourceId: string; type: ResourceType; opened: boolean; onClose: () => void }) {
  const { grantableLevels, typeRow } = usePermissionMatrix();
  const query = useQuery(SHARED_WITH, { variables: { id: resourceId }, skip: !opened });
  const refetch = { refetchQueries: ['SharedWith', 'ResourceAccess', 'Assets', 'Project', 'Projects'] };
  const [grant, { loading, error, reset }] = useMutation(GRANT, refetch);
  const [revoke] = useMutation(REVOKE, refetch);
  const [kind, setKind] = useState<'user' | 'team'>('user');
  const [subject, setSubject] = useState<string | null>(null);
  const defaultLevel = typeRow(type)?.defaultShareLevel ?? null;
  const [level, setLevel] = useState<GrantLevel | null>(defaultLevel);
  useEffect(() => setLevel((current) => current ?? defaultLevel), [defaultLevel]);
  const resource = query.data?.resource;
  const isPublic = resource?.__typename === 'Assistant' && resource.visibility === 'PUBLIC' && resource.status === 'LIVE';
  const levels = grantableLevels(type);
  const label = RESOURCE_TYPE_REGISTRY[type].label;

  const onGrant = async () => {
    if (!subject || !level) return;
    try {
      await grant({ variables: { input: { resourceId, subject: kind === 'user' ? { userId: subject } : { teamId: subject }, level } } });
      setSubject(null);
      reset();
    } catch {
      // shown below
    }
  };
  const changeLevel = (subjectInput: { userId?: string; teamId?: string }, next: GrantLevel) =>
    void grant({ variables: { input: { resourceId, subject: subjectInput, level: next } } }).catch((e: unknown) =>
      notifications.show({ color: 'red', title: 'Not changed', message: describeError(e).message }),
    );

  return (
    <Modal opened={opened} onClose={onClose} title={`Share ${label.toLowerCase()} "${resource?.name ?? ''}"`} size="xl">
      <QueryState loading={query.loading && !resource} error={query.error}>
        <Stack>
          {isPublic ? (
            <Alert color="blue">This assistant is live and public: everyone may read and chat with it. Make it private to add people.</Alert>
          ) : (
            <Group align="flex-end">
              <SegmentedControl
                aria-label="Share with"
                value={kind}
                onChange={(value) => {
                  setKind(value as 'user' | 'team');
                  setSubject(null);
                }}
                data={[
                  { value: 'user', label: 'Member' },
                  { value: 'team', label: 'Team' },
                ]}
              />
              {kind === 'user' ? (
                <MemberSelect aria-label="Member to share with" value={subject} onChange={setSubject} />
              ) : (
                <TeamSelect value={subject} onChange={setSubject} />
              )}
              <Select
                aria-label="Level"
                data={levels.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }))}
                value={level}
                onChange={(value) => setLevel(value as GrantLevel)}
                allowDeselect={false}
                w={130}
              />
              <Button onClick={() => void onGrant()} disabled={!subject || !level} loading={loading}>
                Share
              </Button>
            </Group>
          )}
          {error && <ErrorAlert error={error} title="Not shared" />}
          <Text fw={500}>Shared with</Text>
          <QueryState loading={false} empty={resource?.sharedWith.length === 0} emptyText="Only the owner and org owners have access.">
            <Table aria-label="Shared with">
              <Table.Tbody>
                {resource?.sharedWith.map((g) => {
                  const subjectInput = g.user ? { userId: g.user.id } : { teamId: g.team!.id };
                  return (
                    <Table.Tr key={g.id}>
                      <Table.Td>{g.user ? `${g.user.name} (${g.user.email})` : `Team ${g.team?.name}`}</Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`Level of ${g.user?.name ?? g.team?.name}`}
                          data={levels.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }))}
                          value={g.level}
                          allowDeselect={false}
                          w={130}
                          onChange={(value) => value && value !== g.level && changeLevel(subjectInput, value as GrantLevel)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Stop sharing with ${g.user?.name ?? g.team?.name}`}
                          onClick={() =>
                            void revoke({ variables: { input: { resourceId, subject: subjectInput } } }).catch((e: unknown) =>
                              notifications.show({ color: 'red', title: 'Not removed', message: describeError(e).message }),
                            )
                          }
                        >
                          <IconX size={16} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </QueryState>
          {resource?.myLevel && (
            <Text size="xs" c="dimmed">
              Your level: <LevelBadge level={resource.myLevel} />
            </Text>
          )}
        </Stack>
      </QueryState>
    </Modal>
  );
}
