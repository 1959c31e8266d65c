import { useState, type FormEvent } from 'react';
import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { Link, useLocation } from 'react-router';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { AuthFrame } from './AuthFrame';
import { useSignedIn } from './useSignedIn';

const SIGN_IN = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      account {
        id
      }
      organization {
        id
      }
    }
  }
`);

const SIGN_IN_METHOD = graphql(`
  query SignInMethod($email: String!) {
    signInMethod(email: $email) {
      singleSignOn
      providerName
      enforced
    }
  }
`);

interface Method {
  readonly singleSignOn: boolean;
  readonly providerName: string | null;
  readonly enforced: boolean;
}

/**
 * Email first: the server says whether the email's domain signs in with single
 * sign-on (never whether an account exists). Then the password field, the
 * provider's button, or — when single sign-on is enforced — the provider's
 * button with the owners' "Sign in with password" link.
 */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [method, setMethod] = useState<Method | null>(null);
  const [passwordWanted, setPasswordWanted] = useState(false);
  const [lookUp, lookUpState] = useLazyQuery(SIGN_IN_METHOD, { fetchPolicy: 'network-only' });
  const [signIn, { loading, error }] = useMutation(SIGN_IN);
  const signedIn = useSignedIn();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;

  const onContinue = async (event: FormEvent) => {
    event.preventDefault();
    const result = await lookUp({ variables: { email } }).catch(() => null);
    if (result?.data) setMethod(result.data.signInMethod);
  };
  const onSignIn = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await signIn({ variables: { input: { email, password } } });
      await signedIn(from ?? '/members');
    } catch {
      // shown below
    }
  };
  const useAnotherEmail = () => {
    setMethod(null);
    setPassword('');
    setPasswordWanted(false);
  };
  const showPassword = method !== null && (!method.enforced || passwordWanted);

  if (method === null) {
    return (
      <AuthFrame title="Sign in">
        <form onSubmit={(e) => void onContinue(e)}>
          <TextInput label="Email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} mb="md" />
          {lookUpState.error && <ErrorAlert error={lookUpState.error} title="Could not continue" />}
          <Button type="submit" fullWidth loading={lookUpState.loading} mt="md">
            Continue
          </Button>
        </form>
        <Text size="sm" ta="center">
          New here?{' '}
          <Anchor component={Link} to="/sign-up">
            Create an organization
          </Anchor>
        </Text>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title="Sign in">
      <Text size="sm">
        {email}{' '}
        <Anchor component="button" type="button" size="sm" onClick={useAnotherEmail}>
          Use another email
        </Anchor>
      </Text>
      {method.singleSignOn && (
        <Button fullWidth onClick={() => window.location.assign(`/auth/sso/start?email=${encodeURIComponent(email)}`)}>
          Continue with {method.providerName ?? 'single sign-on'}
        </Button>
      )}
      {method.enforced && !passwordWanted && (
        <Text size="sm" ta="center">
          Owner?{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => setPasswordWanted(true)}>
            Sign in with password
          </Anchor>
        </Text>
      )}
      {showPassword && (
        <form onSubmit={(e) => void onSignIn(e)}>
          <PasswordInput
            label="Password"
            required
            autoFocus
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            mb="xs"
          />
          <Text size="sm" ta="right" mb="md">
            <Anchor component={Link} to="/forgot-password">
              Forgot password?
            </Anchor>
          </Text>
          {error && <ErrorAlert error={error} title="Could not sign in" />}
          <Button type="submit" fullWidth loading={loading} mt="md" variant={method.singleSignOn ? 'default' : 'filled'}>
            Sign in
          </Button>
        </form>
      )}
    </AuthFrame>
  );
}
