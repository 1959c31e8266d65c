import { useState, type FormEvent } from 'react';
import { Anchor, Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { TEXT_LIMITS } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { useViewer } from '../../app/viewer';
import { useFieldErrors } from '../../app/fieldErrors';
import { ErrorAlert } from '../../components/QueryState';
import { DeleteOrganizationDialog } from './DeleteOrganizationDialog';

const RENAME_ORGANIZATION = graphql(`
  mutation RenameOrganization($input: RenameOrganizationInput!) {
    renameOrganization(input: $input) {
      id
      name
    }
  }
`);

/** The organization's name, which every member sees in the header and in invitations; and deleting the organization. */
export function OrganizationSettings() {
  return (
    <Stack maw={480} gap="xl">
      <RenameOrganizationForm />
      <Divider />
      <DeleteOrganizationSection />
    </Stack>
  );
}

function RenameOrganizationForm() {
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
      <Stack>
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

function DeleteOrganizationSection() {
  const { viewer } = useViewer();
  const [opened, setOpened] = useState(false);
  const name = viewer?.organization?.name ?? '';
  return (
    <Stack gap="xs" align="flex-start">
      <Title order={2} size="h4">
        Delete organization
      </Title>
      <Text size="sm" c="dimmed">
        Deletes its members’ access, teams, resources, invitations, API keys and settings for good. Its audit log is kept but no longer readable here:{' '}
        <Anchor component={Link} to="/audit" size="sm" underline="always">
          download it
        </Anchor>{' '}
        first.
      </Text>
      <Button color="red" variant="outline" onClick={() => setOpened(true)}>
        Delete organization…
      </Button>
      <DeleteOrganizationDialog name={name} opened={opened} onClose={() => setOpened(false)} />
    </Stack>
  );
}
