import { useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../graphql/generated';
import { useViewer } from '../../app/viewer';
import { useRolegraphClient } from '../../app/clientContext';
import { AuthFrame } from './AuthFrame';
import { useSignedIn } from './useSignedIn';
import { CreateOrganizationDialog } from './CreateOrganizationDialog';

const SIGN_OUT = graphql(`
  mutation SignOutWithoutOrganization {
    signOut
  }
`);

const SWITCH = graphql(`
  mutation SwitchToOrganization($organizationId: ID!) {
    switchOrganization(organizationId: $organizationId) {
      organization {
        id
      }
    }
  }
`);

/** Signed in, but not (or no longer) acting in an organization: pick one, create one, or wait for an invitation. */
export function NoOrganizationPage() {
  const { viewer } = useViewer();
  const [signOut] = useMutation(SIGN_OUT);
  const [switchTo] = useMutation(SWITCH);
  const signedIn = useSignedIn();
  const client = useRolegraphClient();
  const organizations = viewer?.organizations ?? [];
  const [creating, setCreating] = useState(false);
  return (
    <AuthFrame title="No organization" subtitle={viewer?.account?.email}>
      {organizations.length > 0 ? (
        <Stack>
          <Text>Choose an organization to work in:</Text>
          {organizations.map((o) => (
            <Button
              key={o.organization.id}
              variant="light"
              onClick={() => void client.changeSession(() => switchTo({ variables: { organizationId: o.organization.id } })).then(() => signedIn())}
            >
              {o.organization.name}
            </Button>
          ))}
        </Stack>
      ) : (
        <Text>You are not a member of an organization. Ask an administrator for an invitation, or create your own organization.</Text>
      )}
      {/* The main way on when there is nothing to choose; beside organizations to choose, a second one. */}
      <Button variant={organizations.length > 0 ? 'default' : 'filled'} onClick={() => setCreating(true)}>
        Create an organization
      </Button>
      <CreateOrganizationDialog opened={creating} onClose={() => setCreating(false)} />
      <Button variant="default" onClick={() => void client.changeSession(() => signOut()).then(() => signedIn('/sign-in'))}>
        Sign out
      </Button>
    </AuthFrame>
  );
}
