import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, CopyButton, Group, List, Modal, SegmentedControl, Stack, Text, Textarea, Code } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { INVITABLE_ROLES, ORG_ROLE_LABELS, type OrgRole } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { describeError } from '../../app/errors';
import { notInvitedText, parseInviteEmails, type InviteResult } from './inviteEmails';
import { FormActions } from '../../components/FormActions';

const INVITE = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      acceptUrl
      invitation {
        id
        email
        role
        expiresAt
      }
    }
  }
`);

/**
 * Invite several people at once as Admin or User (owners are made by
 * promotion): each address gets its own result — its accept link, shown once
 * here with a copy button (it is also mailed), or why it was not invited.
 * The addresses not invited go back to the form, with the role, to be fixed
 * and sent again; the form says why each was refused until the next send.
 * An address error clears as soon as the input changes.
 */
export function InviteDialog({ opened, onClose, onInvited }: { opened: boolean; onClose: () => void; onInvited?: () => void }) {
  const [text, setText] = useState('');
  const [role, setRole] = useState<OrgRole>('USER');
  const [invalid, setInvalid] = useState<string[]>([]);
  const [results, setResults] = useState<InviteResult[] | null>(null);
  // Why the addresses brought back to the form were not invited last time.
  const [notInvited, setNotInvited] = useState<InviteResult[]>([]);
  const [sending, setSending] = useState(false);
  const [invite] = useMutation(INVITE);
  // The view that replaces the other takes the focus: the results' summary, or the addresses when back to the form.
  const summary = useRef<HTMLParagraphElement>(null);
  const emails = useRef<HTMLTextAreaElement>(null);
  const backToForm = useRef(false);
  useEffect(() => {
    if (results) summary.current?.focus();
    else if (backToForm.current) emails.current?.focus();
    backToForm.current = false;
  }, [results]);
  const close = () => {
    setText('');
    setRole('USER');
    setInvalid([]);
    setResults(null);
    setNotInvited([]);
    onClose();
  };
  const editNotInvited = (all: InviteResult[]) => {
    backToForm.current = true;
    setText(notInvitedText(all));
    setNotInvited(all.filter((r) => r.error !== undefined));
    setResults(null);
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseInviteEmails(text);
    if (parsed.invalid.length > 0 || parsed.emails.length === 0) {
      setInvalid(parsed.invalid.length > 0 ? parsed.invalid : ['']);
      return;
    }
    setSending(true);
    const done: InviteResult[] = [];
    for (const email of parsed.emails) {
      try {
        const result = await invite({ variables: { input: { email, role } } });
        done.push({ email, acceptUrl: result.data?.inviteMember.acceptUrl ?? '' });
      } catch (error) {
        done.push({ email, error: describeError(error).message });
      }
    }
    setSending(false);
    setNotInvited([]);
    setResults(done);
    if (done.some((r) => r.acceptUrl)) onInvited?.();
  };
  const failed = results?.filter((r) => r.error) ?? [];
  return (
    <Modal opened={opened} onClose={close} title="Invite members" size="lg">
      {results ? (
        <Stack>
          <Text size="sm" ref={summary} tabIndex={-1}>
            {results.length - failed.length} of {results.length} invited as {ORG_ROLE_LABELS[role].name}. Copy the links now: each is shown only once.
          </Text>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Invitation results">
            {results.map((r) => (
              <li key={r.email} data-testid="invite-result">
                <Text size="sm" fw={500}>
                  {r.email}
                </Text>
                {r.acceptUrl ? (
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Code block data-testid="accept-url" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', flex: 1 }}>
                      {r.acceptUrl}
                    </Code>
                    <CopyButton value={r.acceptUrl}>
                      {({ copied, copy }) => (
                        <Button size="xs" variant="light" onClick={copy} aria-label={`${copied ? 'Copied link' : 'Copy link'} for ${r.email}`}>
                          {copied ? 'Copied' : 'Copy link'}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                ) : (
                  <Text size="sm" c="red.8" role="alert">
                    Not invited: {r.error}
                  </Text>
                )}
              </li>
            ))}
          </Stack>
          <Group justify="flex-end">
            {failed.length > 0 && (
              <Button variant="default" onClick={() => editNotInvited(results)}>
                Edit the addresses not invited
              </Button>
            )}
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)}>
          <Stack>
            <Textarea
              label="Emails"
              description="One or more addresses, separated by commas or new lines"
              required
              autosize
              minRows={2}
              ref={emails}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setInvalid([]);
              }}
              error={invalid.length > 0 ? (invalid[0] === '' ? 'Type at least one address.' : `Not an email address: ${invalid.join(', ')}`) : undefined}
              data-autofocus
            />
            <div>
              <Text size="sm" fw={500} mb={4} id="invite-role-label">
                Role
              </Text>
              <SegmentedControl
                aria-labelledby="invite-role-label"
                value={role}
                onChange={(value) => setRole(value as OrgRole)}
                data={INVITABLE_ROLES.map((r) => ({ value: r, label: ORG_ROLE_LABELS[r].name }))}
              />
              <Text size="xs" c="dimmed" mt={4}>
                {ORG_ROLE_LABELS[role].summary}
              </Text>
            </div>
            {notInvited.length > 0 && (
              <Alert color="red" title="Not invited last time">
                <List size="sm">
                  {notInvited.map((r) => (
                    <List.Item key={r.email}>
                      {r.email}: {r.error}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <FormActions submitLabel="Send invitations" onCancel={close} loading={sending} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
