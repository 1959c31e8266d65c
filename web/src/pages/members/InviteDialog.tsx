import { useState, type FormEvent } from 'react';
import { Button, CopyButton, Group, Modal, SegmentedControl, Stack, Text, TextInput, Code } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { INVITABLE_ROLES, ORG_ROLE_LABELS, type OrgRole } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';

const INVITE = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      acceptUrl
      invitation {
        id
        email
        role
        expiresAt
      }
    }
  }
`);

/**
 * Invite someone as Admin or User (owners are made by promotion). The accept
 * link is shown once here, with a copy button; it is also mailed.
 */
export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrgRole>('USER');
  const [invite, { data, loading, error, reset }] = useMutation(INVITE, { refetchQueries: ['PendingInvitations'] });
  const link = data?.inviteMember.acceptUrl;
  const close = () => {
    setEmail('');
    setRole('USER');
    reset();
    onClose();
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await invite({ variables: { input: { email, role } } });
    } catch {
      // shown below
    }
  };
  return (
    <Modal opened={opened} onClose={close} title="Invite a member">
      {link ? (
        <Stack>
          <Text size="sm">
            Invitation sent to <b>{data.inviteMember.invitation.email}</b> as {ORG_ROLE_LABELS[data.inviteMember.invitation.role].name}. Copy the link now: it
            is shown only once.
          </Text>
          <Code block data-testid="accept-url">
            {link}
          </Code>
          <Group justify="space-between">
            <CopyButton value={link}>{({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy link'}</Button>}</CopyButton>
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)}>
          <Stack>
            <TextInput label="Email" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus />
            <div>
              <Text size="sm" fw={500} mb={4}>
                Role
              </Text>
              <SegmentedControl
                aria-label="Role"
                value={role}
                onChange={(value) => setRole(value as OrgRole)}
                data={INVITABLE_ROLES.map((r) => ({ value: r, label: ORG_ROLE_LABELS[r].name }))}
              />
            </div>
            {error && <ErrorAlert error={error} title="Not invited" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={loading}>
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
