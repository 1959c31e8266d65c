import { Navigate, Outlet, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { useViewer } from './viewer';
import { NoOrganizationPage } from '../pages/auth/NoOrganizationPage';
import { ViewerUnavailable } from './ViewerUnavailable';

/**
 * Pages behind sign-in: signed-out visitors go to sign-in; people without an
 * organization see how to get one; when Rolegraph or its database cannot be
 * reached, that is said (and retried), never taken for being signed out.
 */
export function RequireOrganization() {
  const { viewer, loading, unavailable, refetch } = useViewer();
  const location = useLocation();
  // Before the loading state: its retries would otherwise flash a spinner every few seconds.
  if (unavailable) return <ViewerUnavailable error={unavailable} onRetry={refetch} />;
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!viewer?.account) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (!viewer.organization) return <NoOrganizationPage />;
  return <Outlet />;
}
