import { useSearchParams } from 'react-router';
import { Stack, Tabs, Title } from '@mantine/core';
import { useViewer } from '../../app/viewer';
import { ApiKeysSettings } from './ApiKeysSettings';
import { OrganizationSettings } from './OrganizationSettings';
import { LlmSettings } from './LlmSettings';
import { BillingSettings } from './BillingSettings';
import { SingleSignOnSettings } from './SingleSignOnSettings';
import { NoAccessPage } from '../../components/NoAccessPage';

const SECTIONS = [
  { id: 'organization', label: 'Organization', capability: 'organization.manage', Component: OrganizationSettings },
  { id: 'api-keys', label: 'API keys', capability: 'apiKeys.manage', Component: ApiKeysSettings },
  { id: 'llm', label: 'LLM configuration', capability: 'llmConfig.manage', Component: LlmSettings },
  { id: 'billing', label: 'Billing', capability: 'billing.manage', Component: BillingSettings },
  { id: 'sso', label: 'Single sign-on', capability: 'sso.manage', Component: SingleSignOnSettings },
] as const;

/** Settings: the organization's name, API keys, LLM configuration, billing and single sign-on — each shown only to those the matrix allows; a role with none of them is told so. */
export function SettingsPage() {
  const { can } = useViewer();
  const [params, setParams] = useSearchParams();
  const visible = SECTIONS.filter((s) => can(s.capability));
  if (visible.length === 0) {
    return (
      <NoAccessPage
        title="Settings"
        needs="The organization's name, API keys, the LLM configuration, billing and single sign-on are managed by the organization's owners."
      />
    );
  }
  const current = visible.find((s) => s.id === params.get('section')) ?? visible[0]!;
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <Tabs value={current.id} onChange={(value) => value && setParams({ section: value })} keepMounted={false}>
        <Tabs.List>
          {visible.map((s) => (
            <Tabs.Tab key={s.id} value={s.id}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {visible.map((s) => (
          <Tabs.Panel key={s.id} value={s.id} pt="md">
            <s.Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
