import { useState, type FormEvent } from 'react';
import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
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

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [signIn, { loading, error }] = useMutation(SIGN_IN);
  const signedIn = useSignedIn();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await signIn({ variables: { input: { email, password } } });
      await signedIn(from ?? '/members');
    } catch {
      // shown below
    }
  };
  return (
    <AuthFrame title="Sign in">
      <form onSubmit={(e) => void onSubmit(e)}>
        <TextInput label="Email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} mb="sm" />
        <PasswordInput
          label="Password"
          required
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
        <Button type="submit" fullWidth loading={loading} mt="md">
          Sign in
        </Button>
      </form>
      <Button
        variant="default"
        fullWidth
        disabled={!email.includes('@')}
        onClick={() => window.location.assign(`/auth/sso/start?email=${encodeURIComponent(email)}`)}
      >
        Continue with single sign-on
      </Button>
      <Text size="sm" ta="center">
        New here?{' '}
        <Anchor component={Link} to="/sign-up">
          Create an organization
        </Anchor>
      </Text>
    </AuthFrame>
  );
}
