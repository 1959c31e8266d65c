import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, PasswordInput, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../graphql/generated';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { TeamSelect } from '../../components/TeamSelect';
import { formatTime } from '../../components/formatTime';
import { useConfirmation } from '../../components/ConfirmDialog';
import { CopyableValue } from '../../components/CopyableValue';
import { DomainClaims } from './DomainClaims';

const SSO_CONNECTION = graphql(`
  query SsoConnection {
    ssoConnection {
      issuer
      clientId
      hasClientSecret
      domains
      domainClaims {
        domain
        verified
        verifiedAt
        recordName
        recordValue
      }
      defaultRole
      enforce
      groupsClaim
      teamMappings {
        group
        teamId
      }
      redirectUri
      scimUrl
      updatedAt
    }
  }
`);

const CONFIGURE_SSO = graphql(`
  mutation ConfigureSso($input: ConfigureSsoInput!) {
    configureSso(input: $input) {
      issuer
      updatedAt
    }
  }
`);

const REMOVE_SSO = graphql(`
  mutation RemoveSso {
    removeSso
  }
`);

const CREATE_PROVISIONING_KEY = graphql(`
  mutation CreateProvisioningKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
    }
  }
`);

interface Mapping {
  group: string;
  teamId: string | null;
}

/** Settings → Single sign-on (owners): the OIDC connection, claimed domains, default role, enforce, group → team mapping, and SCIM. */
export function SingleSignOnSettings() {
  const query = useQuery(SSO_CONNECTION);
  const connection = query.data?.ssoConnection ?? null;
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState('');
  const [defaultRole, setDefaultRole] = useState<'USER' | 'ADMIN'>('USER');
  const [enforce, setEnforce] = useState(false);
  const [confirmEnforce, setConfirmEnforce] = useState(false);
  const [groupsClaim, setGroupsClaim] = useState('groups');
  const [mappings, setMappings] = useState<Mapping[]>([]);
  const [configure, saving] = useMutation(CONFIGURE_SSO, { refetchQueries: ['SsoConnection'] });
  const [remove, removing] = useMutation(REMOVE_SSO, { refetchQueries: [SSO_CONNECTION] });
  const { ask, dialog } = useConfirmation();
  const [createKey, creatingKey] = useMutation(CREATE_PROVISIONING_KEY);
  const [scimKey, setScimKey] = useState<string | null>(null);

  // The form starts from the saved connection, and again after each save (a new updatedAt), not on every refetch: a domain
  // verified, or the refetch of everything on screen after an access change, must not throw away what is being typed.
  const appliedSave = useRef<string | null>(null);
  useEffect(() => {
    if (!connection || connection.updatedAt === appliedSave.current) return;
    appliedSave.current = connection.updatedAt;
    setIssuer(connection.issuer);
    setClientId(connection.clientId);
    setDomains(connection.domains.join(', '));
    setDefaultRole(connection.defaultRole === 'ADMIN' ? 'ADMIN' : 'USER');
    setEnforce(connection.enforce);
    setGroupsClaim(connection.groupsClaim);
    setMappings(connection.teamMappings.map((m) => ({ group: m.group, teamId: m.teamId })));
  }, [connection]);

  const errors = useFieldErrors(saving.error, ['issuer', 'clientId', 'clientSecret', 'domains', 'defaultRole', 'groupsClaim']);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    saving.reset();
    try {
      await configure({
        variables: {
          input: {
            issuer,
            clientId,
            ...(clientSecret ? { clientSecret } : {}),
            domains: domains
              .split(/[\s,]+/)
              .map((d) => d.trim())
              .filter(Boolean),
            defaultRole,
            enforce,
            groupsClaim,
            teamMappings: mappings.filter((m) => m.group.trim() && m.teamId).map((m) => ({ group: m.group.trim(), teamId: m.teamId! })),
          },
        },
      });
      setClientSecret('');
      notifications.show({ color: 'green', message: 'Single sign-on saved: the provider’s discovery answered.' });
    } catch {
      // shown below
    }
  };

  const redirectUri = connection?.redirectUri ?? `${window.location.origin}/auth/sso/callback`;
  const scimUrl = connection?.scimUrl ?? `${window.location.origin}/scim/v2`;

  return (
    <QueryState loading={query.loading && !query.data} error={query.error}>
      <Stack maw={640}>
        <Text c="dimmed" size="sm">
          People whose email is in a claimed domain sign in through your identity provider (Okta, Entra ID, Google Workspace). Register an OpenID Connect web
          application there with this redirect URI, then enter its issuer, client id and secret.
        </Text>
        <CopyableValue label="Redirect URI" value={redirectUri} />
        <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)} aria-label="Single sign-on connection">
          <Stack>
            <TextInput label="Issuer URL" placeholder="https://example.okta.com" required value={issuer} {...errors.textField('issuer', setIssuer)} />
            <TextInput label="Client id" required value={clientId} {...errors.textField('clientId', setClientId)} />
            <PasswordInput
              label="Client secret"
              description={connection?.hasClientSecret ? 'A secret is stored. Enter a new one to replace it; it is never shown.' : 'Required the first time.'}
              value={clientSecret}
              {...errors.textField('clientSecret', setClientSecret)}
              autoComplete="new-password"
            />
            <TextInput
              label="Claimed email domains"
              description="Comma-separated, e.g. example.com. Each new domain is pending until you verify it with a DNS record (below, once saved)."
              required
              value={domains}
              {...errors.textField('domains', setDomains)}
            />
            <Select
              label="Role for people who arrive by single sign-on"
              data={[
                { value: 'USER', label: 'User' },
                { value: 'ADMIN', label: 'Admin' },
              ]}
              value={defaultRole}
              allowDeselect={false}
              {...errors.field('defaultRole')}
              onChange={(value) => {
                setDefaultRole(value === 'ADMIN' ? 'ADMIN' : 'USER');
                errors.edited('defaultRole');
              }}
            />
            <Switch
              label="Enforce single sign-on"
              description="Members of the verified domains can no longer sign in with a password. Owners keep password sign-in as a break-glass path; each such sign-in is audited."
              checked={enforce}
              onChange={(e) => (e.currentTarget.checked ? setConfirmEnforce(true) : setEnforce(false))}
            />
            <Title order={5}>Groups → teams</Title>
            <TextInput
              label="Groups claim"
              description="The ID token claim listing the person’s groups."
              value={groupsClaim}
              {...errors.textField('groupsClaim', setGroupsClaim)}
            />
            {mappings.map((mapping, index) => (
              <Group key={index} align="end">
                <TextInput
                  label="Group"
                  value={mapping.group}
                  onChange={(e) => {
                    const group = e.currentTarget.value;
                    setMappings((all) => all.map((m, i) => (i === index ? { ...m, group } : m)));
                  }}
                />
                <TeamSelect
                  label="Team"
                  value={mapping.teamId}
                  onChange={(teamId) => setMappings((all) => all.map((m, i) => (i === index ? { ...m, teamId } : m)))}
                />
                <ActionIcon variant="subtle" color="red" aria-label="Remove mapping" onClick={() => setMappings((all) => all.filter((_, i) => i !== index))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="light" onClick={() => setMappings((all) => [...all, { group: '', teamId: null }])}>
                Add a mapping
              </Button>
            </Group>
            {errors.other !== null && <ErrorAlert error={errors.other} title="Not saved" />}
            {connection && (
              <Text size="xs" c="dimmed">
                Last saved {formatTime(connection.updatedAt)}.
              </Text>
            )}
            <Group>
              <Button type="submit" loading={saving.loading}>
                Check and save
              </Button>
              {connection && (
                <Button
                  color="red"
                  variant="subtle"
                  loading={removing.loading}
                  onClick={() =>
                    ask({
                      title: 'Remove single sign-on?',
                      message: 'Its claimed domains are released and their people sign in with passwords again.',
                      confirmLabel: 'Remove single sign-on',
                      danger: true,
                      onConfirm: () => remove(),
                    })
                  }
                >
                  Remove single sign-on
                </Button>
              )}
            </Group>
          </Stack>
        </form>
        {connection && connection.domainClaims.length > 0 && <DomainClaims claims={connection.domainClaims} />}

        <Title order={4} mt="lg">
          SCIM provisioning
        </Title>
        <Text c="dimmed" size="sm">
          Your identity provider can create, deactivate and group people through SCIM 2.0 with an API key that holds provisioning: WRITE.
        </Text>
        <CopyableValue label="SCIM base URL" value={scimUrl} />
        {scimKey ? (
          <Alert color="yellow" title="Copy the key now: it is not shown again">
            <CopyableValue label="Provisioning key" value={scimKey} />
          </Alert>
        ) : (
          <Group>
            <Button
              variant="light"
              loading={creatingKey.loading}
              onClick={() =>
                void createKey({ variables: { input: { name: 'SCIM provisioning', scopes: { provisioning: 'WRITE' } } } }).then(
                  (result) => setScimKey(result.data?.createApiKey.secret ?? null),
                  () => undefined,
                )
              }
            >
              Create a provisioning key
            </Button>
          </Group>
        )}
        {creatingKey.error && <ErrorAlert error={creatingKey.error} title="No key created" />}
      </Stack>
      <Modal opened={confirmEnforce} onClose={() => setConfirmEnforce(false)} title="Enforce single sign-on?">
        <Stack>
          <Text>
            After saving, members whose email is in a verified domain ({domains || 'the claimed domains'}, once verified) can sign in only through the identity
            provider. Owners keep password sign-in for emergencies, and each such sign-in is audited.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmEnforce(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={() => {
                setEnforce(true);
                setConfirmEnforce(false);
              }}
            >
              Enforce
            </Button>
          </Group>
        </Stack>
      </Modal>
      {dialog}
    </QueryState>
  );
}
