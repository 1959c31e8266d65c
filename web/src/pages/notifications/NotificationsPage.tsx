import { Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../graphql/generated';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/formatTime';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { notifications } from '@mantine/notifications';
import { GRANTABLE_LEVELS, type GrantLevel } from '@rolegraph/shared';
import { describeError } from '../../app/errors';
import { UNREAD_COUNT } from './NotificationBell';
import { ACCESS_REQUESTS } from '../requests/RequestsPage';
import { Link } from 'react-router';
import { notificationLink } from './notificationLink';

export const NOTIFICATIONS = graphql(`
  query Notifications($unreadOnly: Boolean!, $after: String) {
    notifications(unreadOnly: $unreadOnly, first: 50, after: $after) {
      totalCount
      edges {
        node {
          id
          kind
          message
          read
          createdAt
          data
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const RENEW = graphql(`
  mutation RenewAccess($input: RequestAccessInput!) {
    requestAccess(input: $input) {
      id
      message
    }
  }
`);

/** The request an expiry reminder offers: the same level on the same resource. */
function renewalOf(kind: string, data: Record<string, unknown>): { resourceId: string; level: GrantLevel } | null {
  if (kind !== 'ACCESS_EXPIRING' || data.renewable !== true) return null;
  const level = GRANTABLE_LEVELS.find((l) => l === data.level);
  return typeof data.resourceId === 'string' && level ? { resourceId: data.resourceId, level } : null;
}

const MARK_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

/** Your notifications, newest first; mark one or all as read. */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useQuery(NOTIFICATIONS, { variables: { unreadOnly } });
  const [markRead] = useMutation(MARK_READ, { refetchQueries: [NOTIFICATIONS, UNREAD_COUNT] });
  const [renew] = useMutation(RENEW, { refetchQueries: [ACCESS_REQUESTS] });
  const askToRenew = (input: { resourceId: string; level: GrantLevel }) =>
    void renew({ variables: { input: { ...input, reason: 'Renewal: my access is about to end.' } } })
      .then(() => notifications.show({ title: 'Renewal requested', message: 'The people who may share it will answer.' }))
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Not requested', message: describeError(e).message }));
  const page = query.data?.notifications;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Notifications
        </Title>
        <Group>
          <Switch label="Unread only" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
          <Button variant="light" onClick={() => void markRead({ variables: { ids: null } })}>
            Mark all read
          </Button>
        </Group>
      </Group>
      <QueryState loading={query.loading && !page} error={query.error} empty={page?.edges.length === 0} emptyText="Nothing here yet.">
        {page?.edges.map(({ node }) => (
          <Card key={node.id} withBorder padding="sm" opacity={node.read ? 0.65 : 1}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text fw={node.read ? 400 : 600}>{node.message}</Text>
                <Text size="xs" c="dimmed">
                  {formatTime(node.createdAt)}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <NotificationLinkButton kind={node.kind} data={node.data} onOpen={() => !node.read && void markRead({ variables: { ids: [node.id] } })} />
                {renewalOf(node.kind, node.data) && (
                  <Button size="xs" variant="light" onClick={() => askToRenew(renewalOf(node.kind, node.data)!)}>
                    Ask to renew
                  </Button>
                )}
                {!node.read && (
                  <Button size="xs" variant="subtle" onClick={() => void markRead({ variables: { ids: [node.id] } })}>
                    Mark read
                  </Button>
                )}
              </Group>
            </Group>
          </Card>
        ))}
        <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
      </QueryState>
    </Stack>
  );
}

/** The link to what a notification is about (opening it marks it read), or nothing. */
function NotificationLinkButton({ kind, data, onOpen }: { kind: string; data: Record<string, unknown>; onOpen: () => void }) {
  const link = notificationLink(kind, data);
  if (!link) return null;
  return (
    <Button size="xs" variant="light" component={Link} to={link.to} onClick={onOpen}>
      {link.label}
    </Button>
  );
}
