import { useState, type FormEvent } from 'react';
import { List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../graphql/generated';
import { useFieldErrors } from '../../app/fieldErrors';
import { useRolegraphClient } from '../../app/clientContext';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { countOf } from '../../components/plural';
import { useSignedIn } from '../auth/useSignedIn';
import { FormActions } from '../../components/FormActions';

const DELETION_PREVIEW = graphql(`
  query OrganizationDeletionPreview {
    organizationDeletionPreview {
      members
      teams
      resources
      grants
      pendingInvitations
      apiKeys
    }
  }
`);

const DELETE_ORGANIZATION = graphql(`
  mutation DeleteOrganization($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) {
      organization {
        id
      }
    }
  }
`);

/**
 * Deleting the organization, which cannot be undone: what goes with it,
 * counted, and its name typed to confirm. On success the app moves on as
 * switching does: to the person's earliest other organization, or to none.
 */
export function DeleteOrganizationDialog({ name, opened, onClose }: { name: string; opened: boolean; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const preview = useQuery(DELETION_PREVIEW, { skip: !opened, fetchPolicy: 'network-only' });
  const [remove, { loading, error, reset }] = useMutation(DELETE_ORGANIZATION);
  const errors = useFieldErrors(error, ['name']);
  const signedIn = useSignedIn();
  const client = useRolegraphClient();
  const close = () => {
    if (loading) return;
    setTyped('');
    reset();
    onClose();
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.changeSession(() => remove({ variables: { input: { name: typed } } }));
    } catch {
      return; // shown below
    }
    setTyped('');
    onClose();
    notifications.show({ color: 'green', message: `${name} was deleted.` });
    await signedIn();
  };
  const counts = preview.data?.organizationDeletionPreview;
  return (
    <Modal opened={opened} onClose={close} title="Delete this organization">
      <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
        <Stack>
          <Text size="sm">This cannot be undone. Everything the organization holds is deleted with it:</Text>
          <QueryState loading={preview.loading} error={preview.error}>
            {counts && (
              <List size="sm" aria-label="What is deleted">
                <List.Item>
                  {countOf(counts.members, 'member')} (you included) {counts.members === 1 ? 'loses' : 'lose'} access
                </List.Item>
                <List.Item>{countOf(counts.teams, 'team')}</List.Item>
                <List.Item>
                  {countOf(counts.resources, 'resource')} and {countOf(counts.grants, 'grant')}
                </List.Item>
                <List.Item>{countOf(counts.pendingInvitations, 'pending invitation')}</List.Item>
                <List.Item>
                  {countOf(counts.apiKeys, 'API key')}
                  {counts.apiKeys > 0 ? ', which stop working' : ''}
                </List.Item>
              </List>
            )}
          </QueryState>
          <Text size="sm">
            Its audit log is kept, but no one can read it here once the organization is gone: download it from the Audit log first. You move to your next
            organization, if you have one.
          </Text>
          <TextInput label={`Type ${name} to confirm`} required autoComplete="off" value={typed} {...errors.textField('name', setTyped)} data-autofocus />
          {errors.other !== null && <ErrorAlert error={errors.other} title="Organization not deleted" />}
          <FormActions submitLabel="Delete organization" onCancel={close} loading={loading} disabled={typed.trim() !== name} danger cancelDisabled={loading} />
        </Stack>
      </form>
    </Modal>
  );
}
