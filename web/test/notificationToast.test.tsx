import { act, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { NOTIFICATION_TOAST_MS, notificationToastText, useNotificationToast } from '../src/app/notificationToast';

let toast: (message: string) => void = () => undefined;
function Toaster() {
  toast = useNotificationToast();
  return null;
}

function renderToaster() {
  return render(
    <MantineProvider>
      <Notifications />
      <Toaster />
    </MantineProvider>,
  );
}

const toasts = () => screen.queryAllByRole('alert');

/** Lets the time pass, a step at a time so the toast's exit transition (its own timer, set as it starts leaving) ends too. */
function pass(ms: number) {
  for (let step = 0; step < ms; step += 250) {
    act(() => {
      jest.advanceTimersByTime(250);
    });
  }
}

describe('live notifications as toasts', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    act(() => notifications.clean());
    jest.useRealTimers();
  });

  it('says one notification in its own words, and how many with the newest once several arrived', () => {
    expect(notificationToastText(1, "Hana Abe shared Project 'Q3' with you")).toBe("Hana Abe shared Project 'Q3' with you");
    expect(notificationToastText(3, "Hana Abe shared Project 'Q3' with you")).toBe("3 new notifications. The newest: Hana Abe shared Project 'Q3' with you");
  });

  it('gathers a burst of twenty notifications into one toast, and starts a new one after it closed', () => {
    renderToaster();
    act(() => {
      for (let i = 1; i <= 20; i++) toast(`Shared project ${i} with you`);
    });
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]!.textContent).toContain('20 new notifications. The newest: Shared project 20 with you');

    pass(NOTIFICATION_TOAST_MS - 500);
    expect(toasts()).toHaveLength(1);
    pass(1500);
    expect(toasts()).toHaveLength(0);

    act(() => toast('Kim Lee added you to Data'));
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]!.textContent).toContain('Kim Lee added you to Data');
    expect(toasts()[0]!.textContent).not.toContain('new notifications');
  });

  it('a toast the person closes starts the count again', () => {
    renderToaster();
    act(() => toast('first'));
    act(() => toast('second'));
    expect(toasts()[0]!.textContent).toContain('2 new notifications. The newest: second');
    act(() => screen.getByRole('button').click());
    pass(1000);
    expect(toasts()).toHaveLength(0);
    act(() => toast('third'));
    expect(toasts()[0]!.textContent).toContain('third');
    expect(toasts()[0]!.textContent).not.toContain('new notifications');
  });
});
