import { useEffect, useRef } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../graphql/generated';
import { ErrorAlert } from '../../components/QueryState';
import { CopyableValue } from '../../components/CopyableValue';
import { formatTime } from '../../components/formatTime';

const VERIFY_SSO_DOMAIN = graphql(`
  mutation VerifySsoDomain($domain: String!) {
    verifySsoDomain(domain: $domain) {
      domain
      verified
      verifiedAt
    }
  }
`);

export interface DomainClaimView {
  readonly domain: string;
  readonly verified: boolean;
  readonly verifiedAt: string | null;
  readonly recordName: string;
  readonly recordValue: string;
}

/**
 * Settings → Single sign-on → Domain ownership: each claimed domain, verified
 * or pending with the DNS TXT record that proves it and a button to look for
 * it. A pending domain does nothing (the server's rule); this says so.
 */
export function DomainClaims({ claims }: { claims: readonly DomainClaimView[] }) {
  return (
    <Stack gap="sm">
      <Title order={5}>Domain ownership</Title>
      <Text c="dimmed" size="sm">
        A claimed domain does nothing until you prove it is yours: add its TXT record at the domain’s DNS provider, then verify. Only verified domains send
        their people to the identity provider, are enforced, and let SCIM take over their existing accounts.
      </Text>
      {claims.map((claim) => (
        <DomainClaimRow key={claim.domain} claim={claim} />
      ))}
    </Stack>
  );
}

function DomainClaimRow({ claim }: { claim: DomainClaimView }) {
  const heading = useRef<HTMLParagraphElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [verify, verifying] = useMutation(VERIFY_SSO_DOMAIN, { refetchQueries: ['SsoConnection'], awaitRefetchQueries: true });
  // The button is disabled while DNS is asked, which drops the keyboard's focus: refused, it gets it back, beside the answer.
  useEffect(() => {
    if (verifying.error) button.current?.focus();
  }, [verifying.error]);
  const onVerify = async () => {
    try {
      await verify({ variables: { domain: claim.domain } });
      notifications.show({ color: 'green', message: `${claim.domain} is verified: its people now sign in through the identity provider.` });
      // The button is gone with the pending record: the keyboard stays on this domain.
      heading.current?.focus();
    } catch {
      // shown below
    }
  };
  return (
    <Paper withBorder p="sm" component="section" aria-label={`Domain ${claim.domain}`}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={500} ref={heading} tabIndex={-1} style={{ overflowWrap: 'anywhere' }}>
            {claim.domain}
          </Text>
          {claim.verified ? (
            <Badge variant="light" color="green">
              Verified
            </Badge>
          ) : (
            <Badge variant="light" color="orange">
              Pending
            </Badge>
          )}
        </Group>
        {claim.verified ? (
          claim.verifiedAt && (
            <Text size="xs" c="dimmed">
              Verified {formatTime(claim.verifiedAt)}
            </Text>
          )
        ) : (
          <>
            <CopyableValue label="TXT record name" of={claim.domain} value={claim.recordName} />
            <CopyableValue label="TXT record value" of={claim.domain} value={claim.recordValue} />
            {verifying.error && <ErrorAlert error={verifying.error} title="Not verified" />}
            <Group>
              {/* The domain is in the name, not on the button: a long one would not fit a phone's width. */}
              <Button ref={button} variant="light" loading={verifying.loading} aria-label={`Verify ${claim.domain}`} onClick={() => void onVerify()}>
                Verify
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
