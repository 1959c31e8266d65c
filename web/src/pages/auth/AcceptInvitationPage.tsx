import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { ORG_ROLE_LABELS, PASSWORD_LENGTH, TEXT_LIMITS } from '@rolegraph/shared';
import { Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { describeError } from '../../app/errors';
import { useFieldErrors } from '../../app/fieldErrors';
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

const PREVIEW = graphql(`
  query InvitationPreview($token: String!) {
    invitationPreview(token: $token) {
      organizationName
      invitedByName
      email
      role
      expiresAt
    }
  }
`);

/** The token travels in the link's fragment (#token=…), never to a server in a URL. */
function tokenFromLocation(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

/**
 * Accepting an invitation: the page says which organization, who invited,
 * the invited email and the role (from the link's own token); a new account
 * gives a name and a password; someone whose account already exists signs in
 * first ("I already have an account") and accepts as themself. Errors clear
 * as soon as the input changes.
 */
export function AcceptInvitationPage() {
  const token = tokenFromLocation();
  const { viewer } = useViewer();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [accept, { loading, error, reset }] = useMutation(ACCEPT);
  const preview = useQuery(PREVIEW, { variables: { token }, skip: !token });
  const invitation = preview.data?.invitationPreview;
  const signInLink = { pathname: '/sign-in' };
  const signInState = { from: `/accept-invitation#token=${encodeURIComponent(token)}` };
  const signedIn = useSignedIn();
  const signedInAs = viewer?.account?.email;
  const needsSignIn = describeError(error).code === 'UNAUTHENTICATED';
  const errors = useFieldErrors(error, ['name', 'password']);

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
  if (preview.error) {
    return (
      <AuthFrame title="Invitation">
        <ErrorAlert error={preview.error} title="This invitation cannot be used" />
      </AuthFrame>
    );
  }
  return (
    <AuthFrame
      title={invitation ? `Join ${invitation.organizationName}` : 'Join your team'}
      subtitle={
        invitation
          ? `${invitation.invitedByName ?? 'Someone'} invited ${invitation.email} to join ${invitation.organizationName} as ${ORG_ROLE_LABELS[invitation.role].name}.`
          : 'Accept the invitation to join the organization.'
      }
    >
      {invitation && !signedInAs && (
        <Text size="sm">
          <Anchor component={Link} to={signInLink} state={signInState}>
            I already have an account
          </Anchor>{' '}
          — sign in as {invitation.email}, then accept.
        </Text>
      )}
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
      <form ref={errors.formRef} onSubmit={onSubmit}>
        <TextInput
          label="Your name"
          required
          maxLength={TEXT_LIMITS.displayName}
          value={name}
          {...errors.field('name')}
          onChange={(e) => {
            setName(e.currentTarget.value);
            reset();
          }}
          mb="sm"
        />
        <PasswordInput
          label="Choose a password"
          description={`At least ${PASSWORD_LENGTH.min} characters`}
          required
          minLength={PASSWORD_LENGTH.min}
          maxLength={PASSWORD_LENGTH.max}
          autoComplete="new-password"
          value={password}
          {...errors.field('password')}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            reset();
          }}
          mb="md"
        />
        {errors.other !== null && <ErrorAlert error={errors.other} title="Could not accept the invitation" />}
        {needsSignIn && (
          <Text size="sm" mt="xs">
            <Anchor component={Link} to={signInLink} state={signInState}>
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
