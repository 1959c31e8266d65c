import { useState, type FormEvent } from 'react';
import { PASSWORD_LENGTH } from '@rolegraph/shared';
import { Alert, Badge, Button, Group, Paper, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { graphql } from '../../graphql/generated';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { Timestamp } from '../../components/Timestamp';
import { formatTime } from '../../components/formatTime';
import { describeDevice } from './sessionDevice';
import { ScrollTable } from '../../components/ScrollTable';
import { useRolegraphClient } from '../../app/clientContext';
import { useViewer } from '../../app/viewer';
import { useConfirmation } from '../../components/ConfirmDialog';

const MY_SESSIONS = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      expiresAt
      current
      userAgent
      clientAddress
      lastUsedAt
      organization {
        id
        name
      }
    }
  }
`);

const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

const END_SESSION = graphql(`
  mutation EndSession($id: ID!) {
    endSession(id: $id)
  }
`);

const SIGN_OUT_EVERYWHERE = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const [change, { loading, error }] = useMutation(CHANGE_PASSWORD);
  const errors = useFieldErrors(error, ['currentPassword', 'newPassword']);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await change({ variables: { input: { currentPassword: current, newPassword: next } } });
      setDone(true);
      setCurrent('');
      setNext('');
      onChanged();
    } catch {
      // shown below
    }
  };
  return (
    <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)} aria-label="Change password">
      <Stack maw={400} gap="sm">
        <PasswordInput label="Current password" required autoComplete="current-password" value={current} {...errors.textField('currentPassword', setCurrent)} />
        <PasswordInput
          label="New password"
          description={`At least ${PASSWORD_LENGTH.min} characters. Your other sessions end.`}
          required
          minLength={PASSWORD_LENGTH.min}
          maxLength={PASSWORD_LENGTH.max}
          autoComplete="new-password"
          value={next}
          {...errors.textField('newPassword', setNext)}
        />
        {errors.other !== null && <ErrorAlert error={errors.other} title="Could not change the password" />}
        {done && !error && (
          <Alert color="green" role="status">
            Password changed. Your other sessions were ended.
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={loading}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** My account: change password, my sessions (end one, sign out everywhere). */
export function MyAccountPage() {
  const { viewer, refetch: refetchViewer } = useViewer();
  const client = useRolegraphClient();
  const navigate = useNavigate();
  const sessions = useQuery(MY_SESSIONS, { fetchPolicy: 'cache-and-network' });
  const [endSession, ended] = useMutation(END_SESSION);
  const [signOutEverywhere, everywhere] = useMutation(SIGN_OUT_EVERYWHERE);

  const { ask, dialog } = useConfirmation();
  const onSignOutEverywhere = () =>
    ask({
      title: 'Sign out everywhere?',
      message: 'Every session of your account ends, this one included: each browser and device signs in again.',
      confirmLabel: 'Sign out everywhere',
      danger: true,
      onConfirm: async () => {
        await client.changeSession(() => signOutEverywhere());
        await client.apollo.clearStore();
        client.reconnect();
        await refetchViewer();
        navigate('/sign-in');
      },
    });

  const list = sessions.data?.mySessions ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        My account
      </Title>
      <Text c="dimmed">
        {viewer?.account?.name} · {viewer?.account?.email}
      </Text>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Password
        </Title>
        <ChangePasswordForm onChanged={() => void sessions.refetch()} />
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Sessions
          </Title>
          <Button color="red" variant="light" onClick={onSignOutEverywhere} loading={everywhere.loading}>
            Sign out everywhere
          </Button>
        </Group>
        {ended.error && <ErrorAlert error={ended.error} title="Could not end the session" />}
        <QueryState loading={sessions.loading && !sessions.data} error={sessions.error} empty={list.length === 0} emptyText="No sessions.">
          <ScrollTable cards aria-label="My sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Device</Table.Th>
                <Table.Th>Last active</Table.Th>
                <Table.Th>Organization</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s) => {
                const device = describeDevice(s.userAgent);
                return (
                  <Table.Tr key={s.id} data-testid="session-row">
                    <Table.Td data-label="Signed in">
                      <Timestamp iso={s.createdAt} /> {s.current && <Badge variant="light">This session</Badge>}
                    </Table.Td>
                    <Table.Td data-label="Device">
                      <Text size="sm">{device}</Text>
                      {s.clientAddress && (
                        <Text size="xs" c="dimmed">
                          from {s.clientAddress}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-label="Last active">{s.lastUsedAt ? <Timestamp iso={s.lastUsedAt} /> : '—'}</Table.Td>
                    <Table.Td data-label="Organization">{s.organization?.name ?? '—'}</Table.Td>
                    <Table.Td data-label="Expires">
                      <Timestamp iso={s.expiresAt} />
                    </Table.Td>
                    <Table.Td>
                      {!s.current && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`End the session on ${device}, signed in ${formatTime(s.createdAt)}`}
                          onClick={() =>
                            void endSession({ variables: { id: s.id } }).then(
                              () => sessions.refetch(),
                              () => undefined,
                            )
                          }
                        >
                          End
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        </QueryState>
      </Paper>
      {dialog}
    </Stack>
  );
}
