import { useRef, useState, type FormEvent, type Ref } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { ACCESS_LEVEL_LABELS, type GrantLevel } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import type { AccessRequestsQuery } from '../../graphql/generated/graphql';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { formatTime } from '../../components/formatTime';
import { describeError } from '../../app/errors';
import { ExpiryPicker } from '../../components/lifecycle/ExpiryPicker';
import { NO_END, describeExpiry, expiresAtWhenSent, type ExpiryChoice } from '../../components/lifecycle/expiryPresets';
import { FormActions } from '../../components/FormActions';
import { approveLevels, draftNotice } from './approveLevels';
import { useFocusAfterRemoval } from '../../components/focusAfterRemoval';
import { useViewer } from '../../app/viewer';

export const ACCESS_REQUESTS = graphql(`
  query AccessRequests($list: AccessRequestList!, $status: AccessRequestStatus, $after: String) {
    accessRequests(list: $list, status: $status, first: 50, after: $after) {
      totalCount
      edges {
        node {
          id
          resourceId
          level
          reason
          status
          createdAt
          answerReason
          grantedLevel
          grantedExpiresAt
          viewerCanAnswer
          viewerCanCancel
          requester {
            id
            name
          }
          resource {
            id
            name
            type
            ... on Assistant {
              status
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const APPROVE = graphql(`
  mutation ApproveAccessRequest($input: ApproveAccessRequestInput!) {
    approveAccessRequest(input: $input) {
      id
      status
    }
  }
`);

const DENY = graphql(`
  mutation DenyAccessRequest($input: DenyAccessRequestInput!) {
    denyAccessRequest(input: $input) {
      id
      status
    }
  }
`);

const CANCEL = graphql(`
  mutation CancelAccessRequest($id: ID!) {
    cancelAccessRequest(id: $id) {
      id
      status
    }
  }
`);

type RequestNode = AccessRequestsQuery['accessRequests']['edges'][number]['node'];

const STATUS_COLOR: Record<string, string> = { PENDING: 'yellow', APPROVED: 'teal', DENIED: 'red', CANCELLED: 'gray', LAPSED: 'gray' };

function failed(title: string) {
  return (e: unknown) => notifications.show({ color: 'red', title, message: describeError(e).message });
}

/**
 * Approve with a level and an end date. The levels are those the resource's
 * type can take, starting at the one asked for, or the nearest above it with
 * a line saying why. An end date that gives no end (none picked, or passed)
 * holds back Approve, its field saying why. What the server refuses (the
 * request was answered or cancelled meanwhile) shows in the dialog.
 * `onClose(true)` once approved.
 */
function ApproveDialog({ request, onClose }: { request: RequestNode; onClose: (answered: boolean) => void }) {
  const requester = request.requester?.name ?? 'A former member';
  const offer = approveLevels(request.level, request.resource?.type ?? null, requester);
  const draft = draftNotice(request.resource, requester);
  const [level, setLevel] = useState<GrantLevel>(offer.initial);
  const [expiry, setExpiry] = useState<ExpiryChoice>(NO_END);
  const [approve, { loading, error }] = useMutation(APPROVE, { refetchQueries: [ACCESS_REQUESTS] });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (expiry.error !== null) return;
    void approve({ variables: { input: { id: request.id, level, expiresAt: expiresAtWhenSent(expiry, new Date()) } } })
      .then(() => onClose(true))
      .catch(() => undefined);
  };
  return (
    <Modal opened onClose={() => onClose(false)} title={`Approve ${request.requester?.name ?? 'request'}`}>
      <form onSubmit={onSubmit}>
        <Stack>
          {draft && (
            <Alert color="yellow" title="A draft">
              {draft}
            </Alert>
          )}
          <Select
            label="Level to grant"
            description={offer.unavailable}
            value={level}
            onChange={(value) => value && setLevel(value as GrantLevel)}
            data={offer.levels.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }))}
            allowDeselect={false}
          />
          <ExpiryPicker value={expiry} onChange={setExpiry} confirming="approve" />
          {error && <ErrorAlert error={error} title="Not approved" />}
          <FormActions submitLabel="Approve" onCancel={() => onClose(false)} loading={loading} disabled={expiry.error !== null} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Deny with a reason shown to the requester. `onClose(true)` once denied. */
function DenyDialog({ request, onClose }: { request: RequestNode; onClose: (answered: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [deny, { loading, error }] = useMutation(DENY, { refetchQueries: [ACCESS_REQUESTS] });
  const errors = useFieldErrors(error, ['reason']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void deny({ variables: { input: { id: request.id, reason } } })
      .then(() => onClose(true))
      .catch(() => undefined);
  };
  return (
    <Modal opened onClose={() => onClose(false)} title={`Deny ${request.requester?.name ?? 'request'}`}>
      <form ref={errors.formRef} onSubmit={onSubmit}>
        <Stack>
          <Textarea label="Reason (shown to them)" value={reason} {...errors.textField('reason', setReason)} maxLength={1000} autosize minRows={2} />
          {errors.other !== null && <ErrorAlert error={errors.other} title="Not denied" />}
          <FormActions submitLabel="Deny" onCancel={() => onClose(false)} loading={loading} danger />
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * One request: the sentence on the left, its status and buttons on the
 * right, wrapping below the sentence when the card is too narrow for both
 * (a phone), so the sentence keeps the card's width.
 */
function RequestCard({
  request,
  cardRef,
  onApprove,
  onDeny,
}: {
  request: RequestNode;
  cardRef: Ref<HTMLDivElement>;
  onApprove: (trigger: HTMLElement) => void;
  onDeny: (trigger: HTMLElement) => void;
}) {
  const [cancel] = useMutation(CANCEL, { refetchQueries: [ACCESS_REQUESTS] });
  // Cancelled, the card stays (now saying so) but its button goes: the focus moves to the status, not to the page's start.
  const status = useRef<HTMLDivElement>(null);
  const onCancel = () =>
    void cancel({ variables: { id: request.id } })
      .then(() => status.current?.focus())
      .catch(failed('Not cancelled'));
  const { viewer } = useViewer();
  const what = request.resource ? request.resource.name : 'a resource you cannot see';
  const mine = request.requester !== null && request.requester.id === viewer?.account?.id;
  const who = mine ? 'You ask' : `${request.requester?.name ?? 'A former member'} asks`;
  return (
    <Card withBorder padding="sm" data-testid="access-request" ref={cardRef}>
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
        <div style={{ flex: '1 1 16rem', minWidth: 0, overflowWrap: 'anywhere' }}>
          <Text fw={600}>
            {who} for {ACCESS_LEVEL_LABELS[request.level]} on {what}
          </Text>
          {request.reason && <Text size="sm">“{request.reason}”</Text>}
          <Text size="xs" c="dimmed">
            {formatTime(request.createdAt)}
            {request.status === 'APPROVED' && request.grantedLevel
              ? ` · granted ${ACCESS_LEVEL_LABELS[request.grantedLevel]}, ${describeExpiry(request.grantedExpiresAt)}`
              : ''}
            {request.status === 'DENIED' && request.answerReason ? ` · “${request.answerReason}”` : ''}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Badge color={STATUS_COLOR[request.status]} variant="light" ref={status} tabIndex={-1}>
            {request.status.toLowerCase()}
          </Badge>
          {request.viewerCanAnswer && (
            <>
              <Button size="xs" onClick={(event) => onApprove(event.currentTarget)}>
                Approve
              </Button>
              <Button size="xs" variant="light" color="red" onClick={(event) => onDeny(event.currentTarget)}>
                Deny
              </Button>
            </>
          )}
          {request.viewerCanCancel && (
            <Button size="xs" variant="subtle" onClick={onCancel}>
              Cancel request
            </Button>
          )}
        </Group>
      </Group>
    </Card>
  );
}

/** A request being answered, and the button that opened its dialog (the focus goes back there when the dialog is left). */
interface Answering {
  readonly kind: 'approve' | 'deny';
  readonly request: RequestNode;
  readonly trigger: HTMLElement;
}

/**
 * A list of requests. Once one is approved or denied its card goes; the
 * keyboard focus then moves to the next card's first button (or the
 * previous one's), or, when none is left, to the words saying so — never to
 * the page's start (components/focusAfterRemoval.ts). Leaving a dialog
 * unanswered puts the focus back on the button that opened it.
 */
function RequestList({ list }: { list: 'TO_ANSWER' | 'MINE' }) {
  const query = useQuery(ACCESS_REQUESTS, { variables: { list, status: list === 'TO_ANSWER' ? 'PENDING' : null } });
  const [answering, setAnswering] = useState<Answering | null>(null);
  const emptyText = useRef<HTMLParagraphElement>(null);
  const page = query.data?.accessRequests;
  const edges = page?.edges;
  const removals = useFocusAfterRemoval(
    edges?.map(({ node }) => node.id),
    emptyText,
  );

  const open = (kind: Answering['kind'], request: RequestNode, trigger: HTMLElement) => setAnswering({ kind, request, trigger });
  const close = (answeredNow: boolean) => {
    if (!answering) return;
    setAnswering(null);
    // Answered: the answer's response is in, the list's refetch it started is not yet, so the card is still there to leave.
    if (answeredNow) {
      removals.removing(answering.request.id);
    } else {
      const { trigger } = answering;
      // After the dialog is gone (it would keep the focus inside it).
      requestAnimationFrame(() => {
        if (trigger.isConnected && (!document.activeElement || document.activeElement === document.body)) trigger.focus();
      });
    }
  };

  return (
    <QueryState loading={query.loading && !page} error={query.error}>
      {edges?.length === 0 ? (
        // Focusable by script only: where the focus goes once the last request is answered.
        <Text c="dimmed" py="md" tabIndex={-1} ref={emptyText}>
          {list === 'TO_ANSWER' ? 'No request waits for you.' : 'You have not asked for access.'}
        </Text>
      ) : (
        <Stack gap="xs">
          {edges?.map(({ node }) => (
            <RequestCard
              key={node.id}
              request={node}
              cardRef={(element) => removals.buttonRef(node.id)(element?.querySelector('button') ?? null)}
              onApprove={(trigger) => open('approve', node, trigger)}
              onDeny={(trigger) => open('deny', node, trigger)}
            />
          ))}
          <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
        </Stack>
      )}
      {answering?.kind === 'approve' && <ApproveDialog request={answering.request} onClose={close} />}
      {answering?.kind === 'deny' && <DenyDialog request={answering.request} onClose={close} />}
    </QueryState>
  );
}

/** The Requests inbox: requests to answer (for resources you may share) and your own. Refreshed live on every notification. */
export function RequestsPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Access requests
      </Title>
      <Tabs defaultValue="inbox" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="inbox">To answer</Tabs.Tab>
          <Tabs.Tab value="mine">My requests</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="inbox" pt="md">
          <RequestList list="TO_ANSWER" />
        </Tabs.Panel>
        <Tabs.Panel value="mine" pt="md">
          <RequestList list="MINE" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
