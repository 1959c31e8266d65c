import { useEffect, useState } from 'react';
import { Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { TEXT_LIMITS } from '@rolegraph/shared';
import { ErrorAlert } from './QueryState';
import { useFieldErrors } from '../app/fieldErrors';
import { FormActions } from './FormActions';

export interface Details {
  readonly name: string;
  readonly description: string;
}

/** The longest name and description the server takes, per kind of thing. */
export interface DetailsLimits {
  readonly name: number;
  readonly description: number;
}
export const TEAM_DETAILS: DetailsLimits = { name: TEXT_LIMITS.teamName, description: TEXT_LIMITS.teamDescription };
export const RESOURCE_DETAILS: DetailsLimits = { name: TEXT_LIMITS.resourceName, description: TEXT_LIMITS.resourceDescription };

/**
 * Rename something and change its description (a team, a project, an
 * assistant, an asset): `onSave` makes the change; a refused one shows its
 * reason here and the dialog stays open. An error clears as soon as the
 * input changes.
 */
export function EditDetailsDialog({
  title,
  opened,
  initial,
  limits,
  onSave,
  onClose,
}: {
  title: string;
  opened: boolean;
  initial: Details;
  limits: DetailsLimits;
  onSave: (details: Details) => Promise<unknown>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errors = useFieldErrors(error, ['name', 'description']);
  useEffect(() => {
    if (opened) {
      setName(initial.name);
      setDescription(initial.description);
      setError(null);
    }
  }, [opened, initial.name, initial.description]);
  const save = async () => {
    setSaving(true);
    try {
      await onSave({ name: name.trim(), description: description.trim() });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const unchanged = name.trim() === initial.name && description.trim() === initial.description;
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        ref={errors.formRef}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            required
            value={name}
            maxLength={limits.name}
            {...errors.field('name')}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            data-autofocus
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={description}
            maxLength={limits.description}
            {...errors.field('description')}
            onChange={(e) => {
              setDescription(e.currentTarget.value);
              setError(null);
            }}
          />
          {errors.other !== null && <ErrorAlert error={errors.other} title="Not saved" />}
          <FormActions submitLabel="Save" onCancel={onClose} loading={saving} disabled={unchanged || name.trim() === ''} />
        </Stack>
      </form>
    </Modal>
  );
}
