import { Navigate, Outlet, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { useViewer } from './viewer';
import { NoOrganizationPage } from '../pages/auth/NoOrganizationPage';

/** Pages behind sign-in: signed-out visitors go to sign-in; people without an organization see how to get one. */
export function RequireOrganization() {
  const { viewer, loading } = useViewer();
  const location = useLocation();
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
