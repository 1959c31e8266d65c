import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Text, TextInput } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { AuthFrame } from './AuthFrame';

const REQUEST_PASSWORD_RESET = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`);

/** "Forgot password": asks for a reset link by email; the answer is the same whether or not the email has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [request, { loading, error }] = useMutation(REQUEST_PASSWORD_RESET);
  const errors = useFieldErrors(error, ['email']);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await request({ variables: { input: { email } } });
      setSent(true);
    } catch {
      // shown below
    }
  };
  return (
    <AuthFrame title="Forgot your password?" subtitle="We mail you a link to choose a new one.">
      {sent ? (
        <Alert color="green" role="status">
          If an account uses {email}, a reset link is on its way. It works once, for one hour.
        </Alert>
      ) : (
        <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
          <TextInput label="Email" type="email" required autoComplete="email" value={email} {...errors.textField('email', setEmail)} mb="md" />
          {errors.other !== null && <ErrorAlert error={errors.other} title="Could not send the link" />}
          <Button type="submit" fullWidth loading={loading} mt="md">
            Send reset link
          </Button>
        </form>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/sign-in">
          Back to sign-in
        </Anchor>
      </Text>
    </AuthFrame>
  );
}
