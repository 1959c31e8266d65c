import { Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../graphql/generated';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/formatTime';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { UNREAD_COUNT } from './NotificationBell';

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
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

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
              {!node.read && (
                <Button size="xs" variant="subtle" onClick={() => void markRead({ variables: { ids: [node.id] } })}>
                  Mark read
                </Button>
              )}
            </Group>
          </Card>
        ))}
        <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
      </QueryState>
    </Stack>
  );
}
