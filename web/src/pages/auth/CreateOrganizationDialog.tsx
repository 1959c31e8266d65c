import { useState, type FormEvent } from 'react';
import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { TEXT_LIMITS } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { useFieldErrors } from '../../app/fieldErrors';
import { useRolegraphClient } from '../../app/clientContext';
import { ErrorAlert } from '../../components/QueryState';
import { useSignedIn } from './useSignedIn';
import { FormActions } from '../../components/FormActions';

const CREATE_ORGANIZATION = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      organization {
        id
      }
    }
  }
`);

/** A new organization the signed-in person owns; on success the app moves to it, as switching does. */
export function CreateOrganizationDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [create, { loading, error, reset }] = useMutation(CREATE_ORGANIZATION);
  const errors = useFieldErrors(error, ['name']);
  const signedIn = useSignedIn();
  const client = useRolegraphClient();
  const close = () => {
    setName('');
    reset();
    onClose();
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.changeSession(() => create({ variables: { input: { name } } }));
    } catch {
      return; // shown below
    }
    close();
    await signedIn();
  };
  return (
    <Modal opened={opened} onClose={close} title="Create an organization">
      <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
        <Stack>
          <TextInput
            label="Organization name"
            required
            value={name}
            maxLength={TEXT_LIMITS.displayName}
            {...errors.textField('name', setName)}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            You become its Owner and start working in it. Your other organizations stay as they are; switch back from the organization menu.
          </Text>
          {errors.other !== null && <ErrorAlert error={errors.other} title="Organization not created" />}
          <FormActions submitLabel="Create" onCancel={close} loading={loading} />
        </Stack>
      </form>
    </Modal>
  );
}
