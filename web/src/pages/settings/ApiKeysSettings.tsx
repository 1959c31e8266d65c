import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { API_KEY_SCOPE_PRESETS, API_SCOPE_ACCESS, TEXT_LIMITS, type ApiKeyScopes, type ApiScopeAccess, type ApiScopeArea } from '@rolegraph/shared';
import { hasAnyScope, presetMatching, readableScopes } from './apiKeyScopesText';
import { graphql } from '../../graphql/generated';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { usePermissionMatrix } from '../../components/permissionMatrix';
import { formatTime } from '../../components/formatTime';
import { Timestamp } from '../../components/Timestamp';
import { ScrollTable } from '../../components/ScrollTable';
import { FormActions } from '../../components/FormActions';
import { useConfirmation } from '../../components/ConfirmDialog';

const API_KEYS = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      prefix
      createdAt
      lastUsedAt
      revokedAt
      scopes {
        directory
        resources
        permissions
        audit
        provisioning
      }
    }
  }
`);

const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
      }
    }
  }
`);

const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

/** A new key starts as "Read only": the least a typical integration needs to look things up. */
const DEFAULT_PRESET = 'READ_ONLY';
const DEFAULT_SCOPES: ApiKeyScopes = { ...API_KEY_SCOPE_PRESETS[DEFAULT_PRESET].scopes };

/** API keys: list with scopes and last use; create from a preset or per area; the secret shown once; revoke. */
export function ApiKeysSettings() {
  const query = useQuery(API_KEYS);
  const [creating, setCreating] = useState(false);
  const [revoke] = useMutation(REVOKE_API_KEY, { refetchQueries: [API_KEYS], awaitRefetchQueries: true });
  const keys = query.data?.apiKeys ?? [];
  const { ask, dialog } = useConfirmation();
  // A revoked key's row stays, saying so, but its Revoke button goes: the focus moves to what the row now says.
  const revokedBadges = useRef(new Map<string, HTMLElement>());
  const [justRevoked, setJustRevoked] = useState<string | null>(null);
  useEffect(() => {
    const badge = justRevoked ? revokedBadges.current.get(justRevoked) : undefined;
    if (!badge) return;
    badge.focus();
    setJustRevoked(null);
  }, [justRevoked, query.data]);
  const confirmRevoke = (key: { id: string; name: string }) =>
    ask({
      title: `Revoke "${key.name}"?`,
      message: 'Requests and live connections with this key stop at once. This cannot be undone.',
      confirmLabel: 'Revoke',
      danger: true,
      onConfirm: async () => {
        await revoke({ variables: { id: key.id } });
        setJustRevoked(key.id);
      },
    });
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Keys let integrations call the API as the organization, within their scopes.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          Create API key
        </Button>
      </Group>
      <QueryState loading={query.loading && !query.data} error={query.error} empty={keys.length === 0} emptyText="No API keys yet.">
        <ScrollTable cards aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td data-label="Key">
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td data-label="Scopes">
                  <Stack gap={2}>
                    {readableScopes(k.scopes).map((line) => (
                      <Text key={line} size="sm">
                        {line}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td data-label="Last used">{k.lastUsedAt ? <Timestamp iso={k.lastUsedAt} /> : 'Never'}</Table.Td>
                <Table.Td>
                  {k.revokedAt ? (
                    <Badge
                      color="gray"
                      tabIndex={-1}
                      ref={(element: HTMLDivElement | null) => {
                        if (element) revokedBadges.current.set(k.id, element);
                        else revokedBadges.current.delete(k.id);
                      }}
                    >
                      Revoked {formatTime(k.revokedAt)}
                    </Badge>
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(k)}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </QueryState>
      <CreateApiKeyDialog opened={creating} onClose={() => setCreating(false)} />
      {dialog}
    </Stack>
  );
}

function CreateApiKeyDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { matrix } = usePermissionMatrix();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScopes>(DEFAULT_SCOPES);
  const [secret, setSecret] = useState<string | null>(null);
  // The form, and the button that submitted it, give way to the key: the focus goes to "Copy key" rather than nowhere.
  const copyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (secret) copyRef.current?.focus();
  }, [secret]);
  const [create, { loading, error, reset }] = useMutation(CREATE_API_KEY, { refetchQueries: [API_KEYS] });
  const areas = matrix?.apiScopeAreas ?? [];
  const errors = useFieldErrors(error, ['name', ...areas.map((area) => `scopes.${area.id}`)]);
  const close = () => {
    setName('');
    setScopes(DEFAULT_SCOPES);
    setSecret(null);
    reset();
    onClose();
  };
  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await create({ variables: { input: { name, scopes } } });
      setSecret(result.data?.createApiKey.secret ?? null);
    } catch {
      // shown below
    }
  };
  return (
    // While the one-time secret shows, only Done (or the close button) closes: a stray Escape or click would lose it for good.
    <Modal
      opened={opened}
      onClose={close}
      title={secret ? 'Your new API key' : 'Create an API key'}
      size="lg"
      closeOnClickOutside={!secret}
      closeOnEscape={!secret}
    >
      {secret ? (
        <Stack>
          <Alert color="yellow" icon={<IconKey size={16} />} title="Copy it now">
            This is the only time the key is shown. Send it as <Code>Authorization: Bearer …</Code>.
          </Alert>
          {/* Wrapped, not scrolled sideways: the whole key stays in view on a phone. */}
          <Code block data-testid="api-key-secret" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button ref={copyRef} onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form ref={errors.formRef} onSubmit={(e) => void onCreate(e)}>
          <Stack>
            <TextInput label="Name" required maxLength={TEXT_LIMITS.displayName} value={name} {...errors.textField('name', setName)} data-autofocus />
            <Select
              label="Preset"
              placeholder="Custom: set each area below"
              data={(matrix?.apiKeyPresets ?? []).map((p) => ({ value: p.id, label: p.label }))}
              value={presetMatching(scopes, matrix?.apiKeyPresets ?? [])}
              onChange={(id) => {
                const preset = matrix?.apiKeyPresets.find((p) => p.id === id);
                if (preset)
                  setScopes({
                    directory: preset.scopes.directory,
                    resources: preset.scopes.resources,
                    permissions: preset.scopes.permissions,
                    audit: preset.scopes.audit,
                    provisioning: preset.scopes.provisioning,
                  });
              }}
            />
            <SimpleGrid cols={2}>
              {areas.map((area) => (
                <Select
                  key={area.id}
                  label={area.label}
                  description={area.covers}
                  data={(area.accesses.length ? area.accesses : API_SCOPE_ACCESS).map((a) => ({
                    value: a,
                    label: a === 'NONE' ? 'No access' : a === 'READ' ? 'Read' : 'Read & write',
                  }))}
                  value={scopes[area.id as ApiScopeArea]}
                  allowDeselect={false}
                  {...errors.field(`scopes.${area.id}`)}
                  onChange={(value) => {
                    if (value) setScopes((current) => ({ ...current, [area.id]: value as ApiScopeAccess }));
                    errors.edited(`scopes.${area.id}`);
                  }}
                />
              ))}
            </SimpleGrid>
            {!hasAnyScope(scopes) && (
              <Text size="sm" c="red" role="alert">
                Give the key access to at least one area.
              </Text>
            )}
            {errors.other !== null && <ErrorAlert error={errors.other} title="Not created" />}
            <FormActions submitLabel="Create key" onCancel={close} loading={loading} disabled={!name.trim() || !hasAnyScope(scopes)} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
