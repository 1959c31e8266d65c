import { useState, type FormEvent } from 'react';
import { Group, Modal, PasswordInput, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { RESOURCE_TYPE_REGISTRY, TEXT_LIMITS, aResourceLabel, type AssistantStatus, type AssistantVisibility, type ResourceType } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';
import { ErrorAlert } from './QueryState';
import { useFieldErrors } from '../app/fieldErrors';
import { ResourcePicker } from './ResourcePicker';
import { evictLists } from '../app/cacheEviction';
import { FormActions } from './FormActions';

const CREATE_RESOURCE = graphql(`
  mutation CreateResource($input: CreateResourceInput!) {
    createResource(input: $input) {
      id
      name
      type
    }
  }
`);

/**
 * Registers a resource of one type: name and description, plus what the
 * type needs — a connection's credentials, the connection a schema agent is
 * built on, the schema agent of a semantic model, an assistant's status and
 * visibility. The resources it references come from the registry.
 */
export function CreateResourceDialog({
  type,
  parentId,
  opened,
  onClose,
  onCreated,
}: {
  type: ResourceType;
  parentId?: string;
  opened: boolean;
  onClose: () => void;
  onCreated?: (resource: { id: string; name: string }) => void;
}) {
  const definition = RESOURCE_TYPE_REGISTRY[type];
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [credentials, setCredentials] = useState('');
  const [references, setReferences] = useState<Record<string, string | null>>({});
  const [status, setStatus] = useState<AssistantStatus>('DRAFT');
  const [visibility, setVisibility] = useState<AssistantVisibility>('PRIVATE');
  const [create, { loading, error, reset }] = useMutation(CREATE_RESOURCE, {
    update: (cache) => {
      if (parentId) cache.evict({ id: cache.identify({ __typename: 'Project', id: parentId }), fieldName: 'assistants' });
      evictLists(cache, 'resources');
    },
  });
  const errors = useFieldErrors(error, ['name', 'description', 'credentials']);
  const single = definition.references.filter((r) => !r.many);

  const close = () => {
    setName('');
    setDescription('');
    setCredentials('');
    setReferences({});
    reset();
    onClose();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const attributes = Object.fromEntries(single.flatMap((r) => (references[r.attribute] ? [[r.attribute, references[r.attribute]]] : [])));
    try {
      const result = await create({
        variables: {
          input: {
            type,
            name,
            description,
            parentId: parentId ?? null,
            attributes,
            ...(type === 'CONNECTION' && credentials ? { credentials } : {}),
            ...(type === 'ASSISTANT' ? { status, visibility } : {}),
          },
        },
      });
      close();
      if (result.data) onCreated?.(result.data.createResource);
    } catch {
      // shown below
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={`Create ${aResourceLabel(type)}`}>
      <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
        <Stack>
          <TextInput label="Name" required value={name} maxLength={TEXT_LIMITS.resourceName} {...errors.textField('name', setName)} data-autofocus />
          <Textarea label="Description" value={description} maxLength={TEXT_LIMITS.resourceDescription} {...errors.textField('description', setDescription)} />
          {single.map((reference) => (
            <ResourcePicker
              key={reference.attribute}
              type={reference.type}
              label={RESOURCE_TYPE_REGISTRY[reference.type].label}
              description={`Needs ${reference.action} on it.`}
              required={reference.required}
              value={references[reference.attribute] ?? null}
              onChange={(id) => setReferences((current) => ({ ...current, [reference.attribute]: id }))}
            />
          ))}
          {type === 'CONNECTION' && (
            <PasswordInput
              label="Credentials"
              description="Stored secret; readable afterwards only by the connection's admins."
              value={credentials}
              {...errors.textField('credentials', setCredentials)}
              autoComplete="new-password"
            />
          )}
          {type === 'ASSISTANT' && (
            <Group>
              <div>
                <Text size="sm" fw={500}>
                  Status
                </Text>
                <SegmentedControl aria-label="Status" value={status} onChange={(v) => setStatus(v as AssistantStatus)} data={['DRAFT', 'LIVE']} />
              </div>
              <div>
                <Text size="sm" fw={500}>
                  Visibility
                </Text>
                <SegmentedControl
                  aria-label="Visibility"
                  value={visibility}
                  onChange={(v) => setVisibility(v as AssistantVisibility)}
                  data={['PRIVATE', 'PUBLIC']}
                />
              </div>
            </Group>
          )}
          <Text size="xs" c="dimmed">
            You become its owner.
          </Text>
          {errors.other !== null && <ErrorAlert error={errors.other} title="Not created" />}
          <FormActions submitLabel="Create" onCancel={close} loading={loading} />
        </Stack>
      </form>
    </Modal>
  );
}
