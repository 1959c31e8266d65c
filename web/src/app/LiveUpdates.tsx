import { useSubscription } from '@apollo/client/react';
import { graphql } from '../graphql/generated';
import { UNREAD_COUNT } from '../pages/notifications/NotificationBell';
import { NOTIFICATIONS } from '../pages/notifications/NotificationsPage';
import { ACCESS_REQUESTS } from '../pages/requests/RequestsPage';
import { useNotificationToast } from './notificationToast';
import { useLiveRefetch } from './useLiveRefetch';

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
 * The app's live wiring: a toast for every new notification (those arriving
 * while it shows join it: `useNotificationToast`); when
 * something may have changed the viewer's access, a refetch of everything
 * on screen, so pages update without a reload (a burst, such as a script
 * sharing fifty projects with the viewer's team, is a few refetches rather
 * than fifty: `useLiveRefetch`); and the organization's new
 * name, which the cache puts wherever the organization shows (the header,
 * the organization menu).
 */
export function LiveUpdates() {
  const toast = useNotificationToast();
  const notificationLists = useLiveRefetch([UNREAD_COUNT, NOTIFICATIONS, ACCESS_REQUESTS]);
  const everythingOnScreen = useLiveRefetch('active');
  useSubscription(NOTIFICATION_ADDED, {
    onData: ({ data }) => {
      const notification = data.data?.notificationAdded;
      if (!notification) return;
      toast(notification.message);
      notificationLists.refetch();
    },
  });
  useSubscription(MY_ACCESS_CHANGED, {
    onData: () => everythingOnScreen.refetch(),
  });
  useSubscription(ORGANIZATION_CHANGED);
  return null;
}
