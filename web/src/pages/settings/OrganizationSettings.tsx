import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { TEXT_LIMITS } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { useViewer } from '../../app/viewer';
import { useFieldErrors } from '../../app/fieldErrors';
import { ErrorAlert } from '../../components/QueryState';

const RENAME_ORGANIZATION = graphql(`
  mutation RenameOrganization($input: RenameOrganizationInput!) {
    renameOrganization(input: $input) {
      id
      name
    }
  }
`);

/** The organization's name, which every member sees in the header and in invitations. */
export function OrganizationSettings() {
  const { viewer } = useViewer();
  const current = viewer?.organization?.name ?? '';
  const [name, setName] = useState(current);
  const [rename, { loading, error, reset }] = useMutation(RENAME_ORGANIZATION);
  const errors = useFieldErrors(error, ['name']);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    try {
      const result = await rename({ variables: { input: { name } } });
      if (result.data) setName(result.data.renameOrganization.name);
      notifications.show({ color: 'green', message: 'Organization renamed.' });
    } catch {
      // shown below
    }
  };
  return (
    <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
      <Stack maw={480}>
        <TextInput label="Organization name" required value={name} maxLength={TEXT_LIMITS.displayName} {...errors.textField('name', setName)} />
        <Text size="xs" c="dimmed">
          Every member sees it in the header, and invitations name it.
        </Text>
        {errors.other !== null && <ErrorAlert error={errors.other} title="Not renamed" />}
        <Group>
          <Button type="submit" loading={loading} disabled={name.trim() === current}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
