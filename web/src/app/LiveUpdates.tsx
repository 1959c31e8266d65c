import { useApolloClient, useSubscription } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { graphql } from '../graphql/generated';
import { UNREAD_COUNT } from '../pages/notifications/NotificationBell';
import { NOTIFICATIONS } from '../pages/notifications/NotificationsPage';
import { ACCESS_REQUESTS } from '../pages/requests/RequestsPage';

const NOTIFICATION_ADDED = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      kind
      message
      read
      createdAt
      data
    }
  }
`);

const MY_ACCESS_CHANGED = graphql(`
  subscription MyAccessChanged {
    myAccessChanged {
      reason
      revision
    }
  }
`);

const ORGANIZATION_CHANGED = graphql(`
  subscription OrganizationChanged {
    organizationChanged {
      id
      name
    }
  }
`);

/**
 * The app's live wiring: a toast for every new notification; when
 * something may have changed the viewer's access, a refetch of everything
 * on screen, so pages update without a reload; and the organization's new
 * name, which the cache puts wherever the organization shows (the header,
 * the organization menu).
 */
export function LiveUpdates() {
  const client = useApolloClient();
  useSubscription(NOTIFICATION_ADDED, {
    onData: ({ data }) => {
      const notification = data.data?.notificationAdded;
      if (!notification) return;
      notifications.show({ title: 'Rolegraph', message: notification.message, autoClose: 8000 });
      void client.refetchQueries({ include: [UNREAD_COUNT, NOTIFICATIONS, ACCESS_REQUESTS] });
    },
  });
  useSubscription(MY_ACCESS_CHANGED, {
    onData: () => {
      void client.refetchQueries({ include: 'active' });
    },
  });
  useSubscription(ORGANIZATION_CHANGED);
  return null;
}
