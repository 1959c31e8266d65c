import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../graphql/generated';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { formatTime } from '../../components/formatTime';

const LLM_CONFIGURATION = graphql(`
  query LlmConfiguration {
    llmConfiguration {
      provider
      model
      apiKeyLast4
      updatedAt
    }
  }
`);

const UPDATE_LLM = graphql(`
  mutation UpdateLlmConfiguration($input: UpdateLlmConfigurationInput!) {
    updateLlmConfiguration(input: $input) {
      provider
      model
      apiKeyLast4
      updatedAt
    }
  }
`);

/** LLM configuration: provider and model; the provider key is write-only (only its last four characters show). */
export function LlmSettings() {
  const query = useQuery(LLM_CONFIGURATION);
  const config = query.data?.llmConfiguration ?? null;
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [clearKey, setClearKey] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UPDATE_LLM, { refetchQueries: [LLM_CONFIGURATION] });
  const errors = useFieldErrors(error, ['provider', 'model', 'apiKey']);
  useEffect(() => {
    setProvider(config?.provider ?? '');
    setModel(config?.model ?? '');
  }, [config?.provider, config?.model]);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    try {
      await update({ variables: { input: { provider, model, ...(clearKey ? { apiKey: '' } : apiKey ? { apiKey } : {}) } } });
      setApiKey('');
      setClearKey(false);
      notifications.show({ color: 'green', message: 'LLM configuration saved.' });
    } catch {
      // shown below
    }
  };
  return (
    <QueryState loading={query.loading && !query.data} error={query.error}>
      <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
        <Stack maw={480}>
          <TextInput label="Provider" placeholder="openai" required value={provider} {...errors.textField('provider', setProvider)} />
          <TextInput label="Model" placeholder="gpt-4o" required value={model} {...errors.textField('model', setModel)} />
          <PasswordInput
            label="Provider API key"
            description={config?.apiKeyLast4 ? `A key ending in ${config.apiKeyLast4} is set. Enter a new one to replace it.` : 'No key set.'}
            value={apiKey}
            disabled={clearKey}
            {...errors.textField('apiKey', setApiKey)}
            autoComplete="new-password"
          />
          {config?.apiKeyLast4 && <Checkbox label="Remove the stored key" checked={clearKey} onChange={(e) => setClearKey(e.currentTarget.checked)} />}
          {config && (
            <Text size="xs" c="dimmed">
              Last changed {formatTime(config.updatedAt)}. The key is never shown again.
            </Text>
          )}
          {errors.other !== null && <ErrorAlert error={errors.other} title="Not saved" />}
          <Group>
            <Button type="submit" loading={loading}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </QueryState>
  );
}
