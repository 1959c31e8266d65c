import { Suspense, useEffect, useRef, useState } from 'react';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { AppShell, Burger, Group, Menu, NavLink, Text, UnstyledButton, Avatar, Badge, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useWindowEvent } from '@mantine/hooks';
import { usePhone } from './usePhone';
import { useFocusAfterNavigation } from './focusAfterNavigation';
import { useMutation } from '@apollo/client/react';
import {
  IconUsers,
  IconUsersGroup,
  IconFolders,
  IconDatabase,
  IconRoute,
  IconUserCircle,
  IconTable,
  IconHistory,
  IconBell,
  IconSettings,
  IconChevronDown,
  IconLogout,
  IconSwitchHorizontal,
  IconKey,
  IconApi,
  IconPlus,
} from '@tabler/icons-react';
import { ORG_ROLE_LABELS } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';
import { useViewer } from './viewer';
import { useRolegraphClient } from './clientContext';
import { LiveUpdates } from './LiveUpdates';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageLoading';
import { NotificationBell } from '../pages/notifications/NotificationBell';
import { CreateOrganizationDialog } from '../pages/auth/CreateOrganizationDialog';
import { initials } from '../components/initials';
import { useMenuOpensDialog } from '../components/menuOpensDialog';

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

const SWITCH_ORGANIZATION = graphql(`
  mutation SwitchOrganization($organizationId: ID!) {
    switchOrganization(organizationId: $organizationId) {
      organization {
        id
      }
    }
  }
`);

interface NavItem {
  to: string;
  label: string;
  icon: typeof IconUsers;
  /** Shown only to holders of this capability. */
  capability?: string;
  /** Shown to holders of any of these. */
  anyOf?: string[];
}

const NAV: NavItem[] = [
  { to: '/members', label: 'Members', icon: IconUsers },
  { to: '/teams', label: 'Teams', icon: IconUsersGroup },
  { to: '/projects', label: 'Projects & assistants', icon: IconFolders },
  { to: '/assets', label: 'Assets', icon: IconDatabase },
  { to: '/access', label: 'Access explorer', icon: IconRoute },
  { to: '/matrix', label: 'Permission matrix', icon: IconTable },
  { to: '/audit', label: 'Audit log', icon: IconHistory, capability: 'auditLog.read' },
  { to: '/notifications', label: 'Notifications', icon: IconBell },
  { to: '/requests', label: 'Requests', icon: IconKey },
  { to: '/api-explorer', label: 'API explorer', icon: IconApi },
  {
    to: '/settings',
    label: 'Settings',
    icon: IconSettings,
    anyOf: ['organization.manage', 'apiKeys.manage', 'llmConfig.manage', 'billing.manage', 'sso.manage'],
  },
];

/** The frame of every signed-in page: navigation by what the viewer may use, organization switcher, bell, account menu. */
export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  // Below the small breakpoint the navigation slides out of view when closed: then it takes no Tab stops and is hidden from screen readers.
  const phone = usePhone();
  const { viewer, can, refetch } = useViewer();
  const client = useRolegraphClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [signOut] = useMutation(SIGN_OUT);
  const [switchOrganization] = useMutation(SWITCH_ORGANIZATION);
  const [creatingOrganization, setCreatingOrganization] = useState(false);
  const organizationMenu = useMenuOpensDialog();
  const burgerRef = useRef<HTMLButtonElement>(null);
  // The phone's navigation covers the page: it closes when the page changes, however (a link in it, the bell, the
  // account menu, a link in the page), and on Escape, giving the focus back to its button.
  useEffect(() => close(), [location.pathname, close]);
  useFocusAfterNavigation(location.pathname);
  useWindowEvent('keydown', (event) => {
    if (event.key !== 'Escape' || !opened || !phone || event.defaultPrevented) return;
    close();
    burgerRef.current?.focus();
  });
  if (!viewer?.account || !viewer.organization) return null;

  // The first organization the menu can switch to: the menu's first item, focused when it opens.
  const firstOtherOrganization = viewer.organizations.find((o) => o.organization.id !== viewer.organization?.id);
  const visible = NAV.filter((item) => (item.capability ? can(item.capability) : item.anyOf ? item.anyOf.some(can) : true));

  const onSignOut = async () => {
    await client.changeSession(() => signOut());
    await client.apollo.clearStore();
    client.reconnect();
    await refetch();
    navigate('/sign-in');
  };

  const onSwitch = async (organizationId: string) => {
    await client.changeSession(() => switchOrganization({ variables: { organizationId } }));
    await client.apollo.resetStore();
    client.reconnect();
    navigate('/members');
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group wrap="nowrap" gap="xs" style={{ minWidth: 0 }}>
            <Burger ref={burgerRef} opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" aria-expanded={opened} />
            <Text fw={700} size="lg" visibleFrom="sm">
              Rolegraph
            </Text>
            <Menu position="bottom-start" {...organizationMenu.menuProps}>
              <Menu.Target>
                <UnstyledButton
                  ref={organizationMenu.targetRef}
                  aria-label={`Organization: ${viewer.organization.name}. Switch organization`}
                  style={{ minWidth: 0 }}
                >
                  <Group gap={4} wrap="nowrap">
                    <Text fw={500} truncate="end" maw={{ base: 120, sm: 280 }}>
                      {viewer.organization.name}
                    </Text>
                    <IconChevronDown size={14} style={{ flexShrink: 0 }} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Your organizations</Menu.Label>
                {viewer.organizations.map((o) => (
                  <Menu.Item
                    key={o.organization.id}
                    data-autofocus={o === firstOtherOrganization || undefined}
                    leftSection={<IconSwitchHorizontal size={14} />}
                    disabled={o.organization.id === viewer.organization?.id}
                    onClick={() => void onSwitch(o.organization.id)}
                  >
                    {o.organization.name} · {ORG_ROLE_LABELS[o.role].name}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconPlus size={14} />}
                  onClick={organizationMenu.opens(() => setCreatingOrganization(true))}
                  data-autofocus={!firstOtherOrganization || undefined}
                >
                  Create organization
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <CreateOrganizationDialog opened={creatingOrganization} onClose={() => setCreatingOrganization(false)} />
          </Group>
          <Group wrap="nowrap" gap="xs">
            <NotificationBell />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton>
                  <Group gap="xs" wrap="nowrap">
                    <VisuallyHidden>Account menu:</VisuallyHidden>
                    <Avatar radius="xl" size="sm" color="indigo" aria-hidden>
                      {initials(viewer.account.name)}
                    </Avatar>
                    <Text size="sm" visibleFrom="md">
                      {viewer.account.name}
                    </Text>
                    {viewer.role && (
                      <Badge variant="light" data-testid="viewer-role">
                        {ORG_ROLE_LABELS[viewer.role].name}
                      </Badge>
                    )}
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{viewer.account.email}</Menu.Label>
                <Menu.Item leftSection={<IconUserCircle size={14} />} component={RouterLink} to="/account" data-autofocus>
                  My account
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void onSignOut()}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" inert={phone && !opened}>
        {visible.map((item) => (
          <NavLink
            key={item.to}
            component={RouterLink}
            to={item.to}
            label={item.label}
            leftSection={<item.icon size={18} />}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
            aria-current={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`) ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <LiveUpdates />
        <PageErrorBoundary key={location.pathname}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
