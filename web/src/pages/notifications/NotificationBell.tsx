import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { graphql } from '../../graphql/generated';

export const UNREAD_COUNT = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/** The bell with the unread count; kept current by the live notifications. */
export function NotificationBell() {
  const { data } = useQuery(UNREAD_COUNT);
  const navigate = useNavigate();
  const unread = data?.unreadNotificationCount ?? 0;
  return (
    <Indicator label={unread} size={16} disabled={unread === 0} color="red" offset={4}>
      <ActionIcon variant="subtle" size="lg" aria-label={`Notifications, ${unread} unread`} onClick={() => navigate('/notifications')}>
        <IconBell size={20} />
      </ActionIcon>
    </Indicator>
  );
}
