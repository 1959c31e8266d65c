import { useState, type FormEvent } from 'react';
import { PASSWORD_LENGTH, TEXT_LIMITS } from '@rolegraph/shared';
import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { AuthFrame } from './AuthFrame';
import { useSignedIn } from './useSignedIn';

const SIGN_UP = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      account {
        id
      }
      organization {
        id
      }
    }
  }
`);

/** Sign-up creates an account and a new organization owned by it. */
export function SignUpPage() {
  const [form, setForm] = useState({ name: '', email: '', password: '', organizationName: '' });
  const [signUp, { loading, error }] = useMutation(SIGN_UP);
  const signedIn = useSignedIn();
  const errors = useFieldErrors(error, ['name', 'email', 'password', 'organizationName']);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    setForm({ ...form, [key]: e.currentTarget.value });
    errors.edited(key);
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await signUp({ variables: { input: form } });
      await signedIn();
    } catch {
      // shown below
    }
  };
  return (
    <AuthFrame title="Create your organization" subtitle="You will be its Owner and can invite your team.">
      <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
        <TextInput label="Your name" required maxLength={TEXT_LIMITS.displayName} value={form.name} {...errors.field('name')} onChange={set('name')} mb="sm" />
        <TextInput
          label="Email"
          type="email"
          required
          maxLength={TEXT_LIMITS.email}
          autoComplete="email"
          value={form.email}
          {...errors.field('email')}
          onChange={set('email')}
          mb="sm"
        />
        <PasswordInput
          label="Password"
          description={`At least ${PASSWORD_LENGTH.min} characters`}
          required
          minLength={PASSWORD_LENGTH.min}
          maxLength={PASSWORD_LENGTH.max}
          autoComplete="new-password"
          value={form.password}
          {...errors.field('password')}
          onChange={set('password')}
          mb="sm"
        />
        <TextInput
          label="Organization name"
          required
          maxLength={TEXT_LIMITS.displayName}
          value={form.organizationName}
          {...errors.field('organizationName')}
          onChange={set('organizationName')}
          mb="md"
        />
        {errors.other !== null && <ErrorAlert error={errors.other} title="Could not sign up" />}
        <Button type="submit" fullWidth loading={loading} mt="md">
          Create organization
        </Button>
      </form>
      <Text size="sm" ta="center">
        Already have an account?{' '}
        <Anchor component={Link} to="/sign-in">
          Sign in
        </Anchor>
      </Text>
    </AuthFrame>
  );
}
