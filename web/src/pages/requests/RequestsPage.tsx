import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, Modal, Select, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { ACCESS_LEVEL_LABELS, GRANTABLE_LEVELS, type GrantLevel } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import type { AccessRequestsQuery } from '../../graphql/generated/graphql';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { formatTime } from '../../components/formatTime';
import { describeError } from '../../app/errors';
import { ExpiryPicker } from '../../components/lifecycle/ExpiryPicker';
import { describeExpiry } from '../../components/lifecycle/expiryPresets';
import { FormActions } from '../../components/FormActions';

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

/** Approve with a level and an end date. What the server refuses (the request was answered or cancelled meanwhile) shows in the dialog. */
function ApproveDialog({ request, onClose }: { request: RequestNode; onClose: () => void }) {
  const [level, setLevel] = useState<GrantLevel>(request.level);
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const [approve, { loading, error }] = useMutation(APPROVE, { refetchQueries: ['AccessRequests'] });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void approve({ variables: { input: { id: request.id, level, expiresAt } } })
      .then(onClose)
      .catch(() => undefined);
  };
  return (
    <Modal opened onClose={onClose} title={`Approve ${request.requester?.name ?? 'request'}`}>
      <form onSubmit={onSubmit}>
        <Stack>
          <Select
            label="Level to grant"
            value={level}
            onChange={(value) => value && setLevel(value as GrantLevel)}
            data={GRANTABLE_LEVELS.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }))}
            allowDeselect={false}
          />
          <ExpiryPicker onChange={setExpiresAt} />
          {error && <ErrorAlert error={error} title="Not approved" />}
          <FormActions submitLabel="Approve" onCancel={onClose} loading={loading} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Deny with a reason shown to the requester. */
function DenyDialog({ request, onClose }: { request: RequestNode; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [deny, { loading, error }] = useMutation(DENY, { refetchQueries: ['AccessRequests'] });
  const errors = useFieldErrors(error, ['reason']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void deny({ variables: { input: { id: request.id, reason } } })
      .then(onClose)
      .catch(() => undefined);
  };
  return (
    <Modal opened onClose={onClose} title={`Deny ${request.requester?.name ?? 'request'}`}>
      <form ref={errors.formRef} onSubmit={onSubmit}>
        <Stack>
          <Textarea label="Reason (shown to them)" value={reason} {...errors.textField('reason', setReason)} maxLength={1000} autosize minRows={2} />
          {errors.other !== null && <ErrorAlert error={errors.other} title="Not denied" />}
          <FormActions submitLabel="Deny" onCancel={onClose} loading={loading} danger />
        </Stack>
      </form>
    </Modal>
  );
}

function RequestCard({ request, onApprove, onDeny }: { request: RequestNode; onApprove: () => void; onDeny: () => void }) {
  const [cancel] = useMutation(CANCEL, { refetchQueries: ['AccessRequests'] });
  const what = request.resource ? request.resource.name : 'A resource you cannot see';
  return (
    <Card withBorder padding="sm" data-testid="access-request">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>
            {request.requester?.name ?? 'A former member'} asks for {ACCESS_LEVEL_LABELS[request.level]} on {what}
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
        <Group gap="xs" wrap="nowrap">
          <Badge color={STATUS_COLOR[request.status]} variant="light">
            {request.status.toLowerCase()}
          </Badge>
          {request.viewerCanAnswer && (
            <>
              <Button size="xs" onClick={onApprove}>
                Approve
              </Button>
              <Button size="xs" variant="light" color="red" onClick={onDeny}>
                Deny
              </Button>
            </>
          )}
          {request.viewerCanCancel && (
            <Button size="xs" variant="subtle" onClick={() => void cancel({ variables: { id: request.id } }).catch(failed('Not cancelled'))}>
              Cancel request
            </Button>
          )}
        </Group>
      </Group>
    </Card>
  );
}

function RequestList({ list }: { list: 'TO_ANSWER' | 'MINE' }) {
  const query = useQuery(ACCESS_REQUESTS, { variables: { list, status: list === 'TO_ANSWER' ? 'PENDING' : null } });
  const [approving, setApproving] = useState<RequestNode | null>(null);
  const [denying, setDenying] = useState<RequestNode | null>(null);
  const page = query.data?.accessRequests;
  return (
    <QueryState
      loading={query.loading && !page}
      error={query.error}
      empty={page?.edges.length === 0}
      emptyText={list === 'TO_ANSWER' ? 'No request waits for you.' : 'You have not asked for access.'}
    >
      <Stack gap="xs">
        {page?.edges.map(({ node }) => (
          <RequestCard key={node.id} request={node} onApprove={() => setApproving(node)} onDeny={() => setDenying(node)} />
        ))}
        <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
      </Stack>
      {approving && <ApproveDialog request={approving} onClose={() => setApproving(null)} />}
      {denying && <DenyDialog request={denying} onClose={() => setDenying(null)} />}
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
