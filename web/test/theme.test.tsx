import { act, fireEvent, render, screen } from '@testing-library/react';
import { Loader, Menu, MantineProvider, Notification } from '@mantine/core';
import { readableColors, theme } from '../src/app/theme';

function withTheme(children: React.ReactNode) {
  return render(
    <MantineProvider theme={theme} cssVariablesResolver={readableColors}>
      {children}
    </MantineProvider>,
  );
}

describe('the theme’s accessibility defaults', () => {
  it('a loading spinner is a status named by its label (a bare span may not carry one)', () => {
    withTheme(<Loader aria-label="Loading" />);
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
  });

  it('a notification’s close button has a name', () => {
    withTheme(<Notification title="Access ended">You no longer have access to this organization.</Notification>);
    expect(screen.getByRole('button', { name: 'Dismiss notification' })).toBeTruthy();
  });

  it('an open menu holds only its label and items, and focuses the item marked data-autofocus', async () => {
    jest.useFakeTimers();
    try {
      withTheme(
        <Menu transitionProps={{ duration: 0 }}>
          <Menu.Target>
            <button type="button">Open</button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Your organizations</Menu.Label>
            <Menu.Item disabled>Acme · Owner</Menu.Item>
            <Menu.Item data-autofocus>Create organization</Menu.Item>
          </Menu.Dropdown>
        </Menu>,
      );
      fireEvent.click(screen.getByRole('button', { name: 'Open' }));
      await act(async () => {
        await jest.runAllTimersAsync();
      });
      const menu = document.querySelector('[role="menu"]')!;
      const focusable = [...menu.querySelectorAll('[tabindex]')].filter((e) => e.getAttribute('role') !== 'menuitem');
      expect(focusable).toEqual([]);
      expect(document.activeElement?.textContent).toBe('Create organization');
    } finally {
      jest.useRealTimers();
    }
  });
});
