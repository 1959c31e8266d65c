import { Alert, Anchor, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { AuthFrame } from './AuthFrame';

const TOO_MANY_STARTS = 'Too many single sign-on attempts came from your network.';

const REASONS: Record<string, string> = {
  NOT_CLAIMED: 'No organization signs in with single sign-on for this email domain. Sign in with your password instead.',
  STATE: 'This sign-in was already used or took too long. Start again.',
  PROVIDER: 'The identity provider could not be reached. Try again in a moment, or ask your administrator.',
  TOKEN: 'The identity provider’s answer could not be verified. Start again; if it keeps happening, ask your administrator.',
  EMAIL_NOT_VERIFIED: 'Your identity provider did not confirm that your email address is verified. Ask your administrator.',
  DOMAIN: 'The email address your identity provider gave is not in a domain this organization claims.',
  ACCOUNT_ELSEWHERE:
    'Your Rolegraph account also belongs to other organizations, so it cannot be linked to this identity provider. Sign in with your password instead.',
  RATE_LIMITED: `${TOO_MANY_STARTS} Wait a few minutes, then start again.`,
  UNAVAILABLE: 'Rolegraph cannot reach its database right now. Try again in a few seconds.',
};

/** Where a refused single sign-on lands: what happened, and for a full organization whom to ask. */
export function SsoErrorPage() {
  const [params] = useSearchParams();
  const reason = params.get('reason') ?? 'PROVIDER';
  const organization = params.get('organization');
  const ask = params.get('ask');
  const retryAfterSeconds = Number(params.get('retryAfterSeconds'));
  const message =
    reason === 'RATE_LIMITED' && retryAfterSeconds > 0
      ? `${TOO_MANY_STARTS} Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`
      : (REASONS[reason] ?? REASONS.PROVIDER);
  return (
    <AuthFrame title="Single sign-on did not work">
      {reason === 'SEAT_LIMIT' ? (
        <Alert color="orange" role="alert">
          {organization ?? 'This organization'} has no free seat for you yet. Ask {ask ? <strong>{ask}</strong> : 'an owner of the organization'} to add seats
          or free one, then sign in again.
        </Alert>
      ) : (
        <Alert color="red" role="alert">
          {message}
        </Alert>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/sign-in">
          Back to sign-in
        </Anchor>
      </Text>
    </AuthFrame>
  );
}
