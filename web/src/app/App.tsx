import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { Suspense, useMemo } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { createRolegraphClient, SESSION_ENDED } from './apolloClient';
import { ClientContext } from './clientContext';
import { readableColors, theme } from './theme';
import { ViewerProvider } from './viewer';
import { RequireOrganization } from './RequireOrganization';
import { SignInPage } from '../pages/auth/SignInPage';
import { lazyPage } from './lazyPage';
import { PageLoading } from './PageLoading';

// The sign-in page comes with the app; every other page (and the signed-in frame) is its own chunk, fetched when first shown.
const Layout = lazyPage(() => import('./Layout'), 'Layout');
const SignUpPage = lazyPage(() => import('../pages/auth/SignUpPage'), 'SignUpPage');
const AcceptInvitationPage = lazyPage(() => import('../pages/auth/AcceptInvitationPage'), 'AcceptInvitationPage');
const ForgotPasswordPage = lazyPage(() => import('../pages/auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../pages/auth/ResetPasswordPage'), 'ResetPasswordPage');
const MyAccountPage = lazyPage(() => import('../pages/account/MyAccountPage'), 'MyAccountPage');
const SsoErrorPage = lazyPage(() => import('../pages/auth/SsoErrorPage'), 'SsoErrorPage');
const MembersPage = lazyPage(() => import('../pages/members/MembersPage'), 'MembersPage');
const TeamsPage = lazyPage(() => import('../pages/teams/TeamsPage'), 'TeamsPage');
const TeamPage = lazyPage(() => import('../pages/teams/TeamPage'), 'TeamPage');
const ProjectsPage = lazyPage(() => import('../pages/projects/ProjectsPage'), 'ProjectsPage');
const ProjectPage = lazyPage(() => import('../pages/projects/ProjectPage'), 'ProjectPage');
const AssetsPage = lazyPage(() => import('../pages/assets/AssetsPage'), 'AssetsPage');
const AssetPage = lazyPage(() => import('../pages/assets/AssetPage'), 'AssetPage');
const AccessExplorerPage = lazyPage(() => import('../pages/access/AccessExplorerPage'), 'AccessExplorerPage');
const PermissionMatrixPage = lazyPage(() => import('../pages/matrix/PermissionMatrixPage'), 'PermissionMatrixPage');
const AuditLogPage = lazyPage(() => import('../pages/audit/AuditLogPage'), 'AuditLogPage');
const NotificationsPage = lazyPage(() => import('../pages/notifications/NotificationsPage'), 'NotificationsPage');
const SettingsPage = lazyPage(() => import('../pages/settings/SettingsPage'), 'SettingsPage');
const RequestsPage = lazyPage(() => import('../pages/requests/RequestsPage'), 'RequestsPage');
const NeedAccessPage = lazyPage(() => import('../pages/requests/NeedAccessPage'), 'NeedAccessPage');
const ApiExplorerPage = lazyPage(() => import('../pages/apiExplorer/ApiExplorerPage'), 'ApiExplorerPage');

/** The admin console: providers, then routes; pages behind sign-in sit in the layout. */
export function App() {
  const client = useMemo(
    () =>
      createRolegraphClient((code) => {
        notifications.show({
          color: 'orange',
          title: code === SESSION_ENDED ? 'Session ended' : 'Access ended',
          message: code === SESSION_ENDED ? 'Your session changed; reloading your view.' : 'You no longer have access to this organization.',
        });
        void client.apollo.refetchQueries({ include: 'active' });
      }),
    [],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={readableColors}>
      <Notifications position="bottom-right" />
      <ClientContext.Provider value={client}>
        <ApolloProvider client={client.apollo}>
          <ViewerProvider>
            <BrowserRouter>
              <Suspense fallback={<PageLoading fullScreen />}>
                <Routes>
                  <Route path="/sign-in" element={<SignInPage />} />
                  <Route path="/sign-up" element={<SignUpPage />} />
                  <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
                  <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                  <Route path="/reset-password" element={<ResetPasswordPage />} />
                  <Route path="/sso-error" element={<SsoErrorPage />} />
                  <Route element={<RequireOrganization />}>
                    <Route element={<Layout />}>
                      <Route index element={<Navigate to="/members" replace />} />
                      <Route path="/members" element={<MembersPage />} />
                      <Route path="/teams" element={<TeamsPage />} />
                      <Route path="/teams/:id" element={<TeamPage />} />
                      <Route path="/projects" element={<ProjectsPage />} />
                      <Route path="/projects/:id" element={<ProjectPage />} />
                      <Route path="/assets" element={<AssetsPage />} />
                      <Route path="/assets/:id" element={<AssetPage />} />
                      <Route path="/access" element={<AccessExplorerPage />} />
                      <Route path="/matrix" element={<PermissionMatrixPage />} />
                      <Route path="/audit" element={<AuditLogPage />} />
                      <Route path="/notifications" element={<NotificationsPage />} />
                      <Route path="/settings" element={<SettingsPage />} />
                      <Route path="/account" element={<MyAccountPage />} />
                      <Route path="/requests" element={<RequestsPage />} />
                      <Route path="/request-access/:id" element={<NeedAccessPage />} />
                      <Route path="/api-explorer" element={<ApiExplorerPage />} />
                      <Route path="*" element={<Navigate to="/members" replace />} />
                    </Route>
                  </Route>
                </Routes>
              </Suspense>
            </BrowserRouter>
          </ViewerProvider>
        </ApolloProvider>
      </ClientContext.Provider>
    </MantineProvider>
  );
}
