import { useState, type FormEvent } from 'react';
import { ActionIcon, Code, Group, Modal, PasswordInput, Stack, Text, Tooltip } from '@mantine/core';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { IconEye, IconEyeOff, IconPencil } from '@tabler/icons-react';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import type { MaskedCredentialsFragment } from '../../graphql/generated/graphql';
import { mayDo } from '../../components/viewerAbilities';
import { FormActions } from '../../components/FormActions';

/** What the masked credentials read of a connection: whether it has credentials, and whether the viewer may read or replace them. */
export const MASKED_CREDENTIALS = graphql(`
  fragment MaskedCredentials on Connection {
    id
    name
    hasCredentials
    ...ResourceAbilities
  }
`);

const CREDENTIALS = graphql(`
  query ConnectionCredentials($id: ID!) {
    resource(id: $id) {
      id
      ... on Connection {
        credentials
      }
    }
  }
`);

const UPDATE_CREDENTIALS = graphql(`
  mutation UpdateCredentials($input: UpdateResourceInput!) {
    updateResource(input: $input) {
      id
      ... on Connection {
        hasCredentials
      }
    }
  }
`);

/**
 * A connection's secret, masked. The connection's admins (readCredentials)
 * may reveal it — fetched only on demand — and replace it (updateCredentials).
 */
export function ConnectionCredentials({ connection }: { connection: MaskedCredentialsFragment }) {
  const [reveal, revealed] = useLazyQuery(CREDENTIALS, { fetchPolicy: 'network-only' });
  const [shown, setShown] = useState(false);
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState('');
  const [update, { loading, error, reset }] = useMutation(UPDATE_CREDENTIALS);
  const errors = useFieldErrors(error, ['credentials']);
  const canRead = mayDo(connection, 'readCredentials');
  const canUpdate = mayDo(connection, 'updateCredentials');
  const value = revealed.data?.resource.__typename === 'Connection' ? revealed.data.resource.credentials : null;

  const toggle = () => {
    if (!shown) void reveal({ variables: { id: connection.id } });
    setShown(!shown);
  };
  const close = () => {
    setSecret('');
    reset();
    setEditing(false);
  };
  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await update({ variables: { input: { id: connection.id, credentials: secret } } });
      setShown(false);
      close();
    } catch {
      // shown below
    }
  };

  return (
    <Group gap={4} wrap="nowrap">
      {!connection.hasCredentials ? (
        <Text size="sm" c="dimmed">
          Not set
        </Text>
      ) : shown && value ? (
        <Code>{value}</Code>
      ) : (
        <Text size="sm" ff="monospace" aria-label="Credentials (hidden)">
          ••••••••
        </Text>
      )}
      {canRead && connection.hasCredentials && (
        <Tooltip label={shown ? 'Hide' : 'Reveal (admins only)'}>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={shown ? `Hide credentials of ${connection.name}` : `Reveal credentials of ${connection.name}`}
            onClick={toggle}
          >
            {shown ? <IconEyeOff size={14} /> : <IconEye size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
      {canUpdate && (
        <Tooltip label="Replace credentials">
          <ActionIcon variant="subtle" size="sm" aria-label={`Replace credentials of ${connection.name}`} onClick={() => setEditing(true)}>
            <IconPencil size={14} />
          </ActionIcon>
        </Tooltip>
      )}
      {shown && revealed.error && <ErrorAlert error={revealed.error} title="Not revealed" />}
      <Modal opened={editing} onClose={close} title={`Credentials of ${connection.name}`}>
        <form ref={errors.formRef} onSubmit={(e) => void onSave(e)}>
          <Stack>
            <PasswordInput label="New credentials" value={secret} {...errors.textField('credentials', setSecret)} autoComplete="new-password" data-autofocus />
            <Text size="xs" c="dimmed">
              Leave empty to clear them. The change is audited without the secret.
            </Text>
            {errors.other !== null && <ErrorAlert error={errors.other} title="Not saved" />}
            <FormActions submitLabel="Save" onCancel={close} loading={loading} />
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
