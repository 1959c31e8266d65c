import { useRef, useState } from 'react';
import { Button, Card, Code, CopyButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { ORG_ROLE_LABELS } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { describeError } from '../../app/errors';
import { QueryState } from '../../components/QueryState';
import { Timestamp } from '../../components/Timestamp';
import { ScrollTable } from '../../components/ScrollTable';
import { EmailAddress } from '../../components/EmailAddress';
import { useConfirmation } from '../../components/ConfirmDialog';
import { useFocusAfterRemoval } from '../../components/focusAfterRemoval';

export const PENDING_INVITATIONS = graphql(`
  query PendingInvitations {
    pendingInvitations {
      id
      email
      role
      createdAt
      expiresAt
      invitedBy {
        name
      }
    }
  }
`);

const RESEND = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      acceptUrl
      invitation {
        id
      }
    }
  }
`);

const REVOKE = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);

/**
 * Pending invitations: resend (a new link; the old one stops working) or
 * revoke, which asks first (the link dies; only a new invitation undoes it).
 * Each row's buttons name its address; a revoked row's focus moves to the
 * next row's Revoke, or to the heading.
 */
export function PendingInvitations() {
  const query = useQuery(PENDING_INVITATIONS);
  const [resend] = useMutation(RESEND, { refetchQueries: [PENDING_INVITATIONS] });
  const [revoke] = useMutation(REVOKE, { refetchQueries: [PENDING_INVITATIONS] });
  const [newLink, setNewLink] = useState<{ email: string; url: string } | null>(null);
  const invitations = query.data?.pendingInvitations ?? [];
  const fail = (title: string) => (error: unknown) => notifications.show({ color: 'red', title, message: describeError(error).message });
  const { ask, dialog } = useConfirmation();
  const heading = useRef<HTMLHeadingElement>(null);
  const removals = useFocusAfterRemoval(query.data ? invitations.map((i) => i.id) : undefined, heading);
  const onRevoke = (invitation: { id: string; email: string }) =>
    ask({
      title: `Revoke the invitation for ${invitation.email}?`,
      message: `The link sent to ${invitation.email} stops working at once. To let them join later, invite them again.`,
      confirmLabel: 'Revoke invitation',
      danger: true,
      onConfirm: async () => {
        removals.removing(invitation.id);
        try {
          await revoke({ variables: { id: invitation.id } });
        } catch (error) {
          removals.cancel();
          throw error;
        }
      },
    });
  return (
    <Stack gap="xs">
      <Title order={3} ref={heading} tabIndex={-1}>
        Pending invitations
      </Title>
      {newLink && (
        <Card withBorder>
          <Text size="sm">New link for {newLink.email} (shown once):</Text>
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {newLink.url}
          </Code>
          <CopyButton value={newLink.url}>
            {({ copied, copy }) => (
              <Button mt="xs" size="xs" onClick={copy} aria-label={`${copied ? 'Copied link' : 'Copy link'} for ${newLink.email}`}>
                {copied ? 'Copied' : 'Copy link'}
              </Button>
            )}
          </CopyButton>
        </Card>
      )}
      <QueryState loading={query.loading && !query.data} error={query.error} empty={invitations.length === 0} emptyText="No pending invitations.">
        <ScrollTable cards aria-label="Pending invitations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Invited by</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <EmailAddress email={i.email} />
                </Table.Td>
                <Table.Td data-label="Role">{ORG_ROLE_LABELS[i.role].name}</Table.Td>
                <Table.Td data-label="Invited by">{i.invitedBy?.name ?? '—'}</Table.Td>
                <Table.Td data-label="Expires">
                  <Timestamp iso={i.expiresAt} dateOnly />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={`Resend invitation to ${i.email}`}
                      onClick={() =>
                        void resend({ variables: { id: i.id } })
                          .then((r) => r.data && setNewLink({ email: i.email, url: r.data.resendInvitation.acceptUrl }))
                          .catch(fail('Not resent'))
                      }
                    >
                      Resend
                    </Button>
                    <Button
                      ref={removals.buttonRef(i.id)}
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Revoke invitation for ${i.email}`}
                      onClick={() => onRevoke(i)}
                    >
                      Revoke
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </QueryState>
      {dialog}
    </Stack>
  );
}
