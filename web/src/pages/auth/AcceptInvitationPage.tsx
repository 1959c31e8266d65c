import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { describeError } from '../../app/errors';
import { useViewer } from '../../app/viewer';
import { AuthFrame } from './AuthFrame';
import { useSignedIn } from './useSignedIn';

const ACCEPT = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      account {
        id
      }
      organization {
        id
        name
      }
    }
  }
`);

/** The token travels in the link's fragment (#token=…), never to a server in a URL. */
function tokenFromLocation(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

/**
 * Accepting an invitation: a new account gives a name and a
 * password; someone whose account already exists signs in first and accepts
 * as themself.
 */
export function AcceptInvitationPage() {
  const token = tokenFromLocation();
  const { viewer } = useViewer();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [accept, { loading, error }] = useMutation(ACCEPT);
  const signedIn = useSignedIn();
  const signedInAs = viewer?.account?.email;
  const needsSignIn = describeError(error).code === 'UNAUTHENTICATED';

  const submit = async (input: { token: string; name?: string; password?: string }) => {
    try {
      await accept({ variables: { input } });
      await signedIn('/members');
    } catch {
      // shown below
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit({ token, name, password });
  };

  if (!token) {
    return (
      <AuthFrame title="Invitation">
        <Alert color="red">This link has no invitation token. Open the link from your invitation email.</Alert>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Join your team" subtitle="Accept the invitation to join the organization.">
      {signedInAs && (
        <>
          <Text size="sm">
            You are signed in as <b>{signedInAs}</b>. If the invitation is for this address, accept it as yourself:
          </Text>
          <Button onClick={() => void submit({ token })} loading={loading}>
            Accept as {signedInAs}
          </Button>
          <Text size="sm" c="dimmed">
            Or create a new account for the invited address:
          </Text>
        </>
      )}
      <form onSubmit={onSubmit}>
        <TextInput label="Your name" required value={name} onChange={(e) => setName(e.currentTarget.value)} mb="sm" />
        <PasswordInput
          label="Choose a password"
          description="At least 10 characters"
          required
          minLength={10}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          mb="md"
        />
        {error && <ErrorAlert error={error} title="Could not accept the invitation" />}
        {needsSignIn && (
          <Text size="sm" mt="xs">
            <Anchor component={Link} to="/sign-in" state={{ from: `/accept-invitation#token=${encodeURIComponent(token)}` }}>
              Sign in
            </Anchor>{' '}
            with that account, then open the invitation link again.
          </Text>
        )}
        <Button type="submit" fullWidth loading={loading} mt="md">
          Create account and join
        </Button>
      </form>
    </AuthFrame>
  );
}
