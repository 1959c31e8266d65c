import { useState, type FormEvent } from 'react';
import { PASSWORD_LENGTH } from '@rolegraph/shared';
import { Alert, Anchor, Button, PasswordInput, Text } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { AuthFrame } from './AuthFrame';
import { useSignedIn } from './useSignedIn';

const RESET_PASSWORD = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      account {
        id
      }
      organization {
        id
      }
    }
  }
`);

/** The token travels in the link's fragment (#token=…), never to a server in a URL. */
function tokenFromLocation(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

/** The page a reset link opens: choose a new password; every other session ends and this browser is signed in. */
export function ResetPasswordPage() {
  const token = tokenFromLocation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [reset, { loading, error }] = useMutation(RESET_PASSWORD);
  const signedIn = useSignedIn();
  const mismatch = repeat.length > 0 && repeat !== password;
  const errors = useFieldErrors(error, ['newPassword']);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    try {
      await reset({ variables: { input: { token, newPassword: password } } });
      await signedIn('/members');
    } catch {
      // shown below
    }
  };
  return (
    <AuthFrame title="Choose a new password" subtitle="Every session of your account ends; this browser is signed in.">
      {!token ? (
        <Alert color="red">This link has no reset token. Open the link from your email, or ask for a new one.</Alert>
      ) : (
        <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
          <PasswordInput
            label="New password"
            description={`At least ${PASSWORD_LENGTH.min} characters.`}
            required
            minLength={PASSWORD_LENGTH.min}
            maxLength={PASSWORD_LENGTH.max}
            autoComplete="new-password"
            value={password}
            {...errors.textField('newPassword', setPassword)}
            mb="sm"
          />
          <PasswordInput
            label="Repeat the new password"
            required
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={mismatch ? 'The two passwords differ.' : undefined}
            mb="md"
          />
          {errors.other !== null && <ErrorAlert error={errors.other} title="Could not reset the password" />}
          <Button type="submit" fullWidth loading={loading} mt="md" disabled={mismatch}>
            Set new password
          </Button>
        </form>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/forgot-password">
          Ask for a new link
        </Anchor>
      </Text>
    </AuthFrame>
  );
}
