import { Loader, Menu, Modal, Notification, PasswordInput, Tooltip, createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * The web app's look and its accessibility defaults for Mantine's components:
 * names for close buttons, menus that hold only their items, spinners that are
 * statuses, tooltips that open for the keyboard and touch too, a password's
 * show button the keyboard reaches, and colors dark enough to read. Tested in
 * test/theme.test.tsx.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'md',
  autoContrast: true,
  components: {
    // Every dialog's close button is named for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // ... and every notification's, whose message is also as dark as other dimmed text (Mantine's own gray reads at 3.3:1).
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    }),
    // A menu holds menu items only, without Mantine's hidden focus placeholder (a focusable child a menu may not have):
    // opening a menu focuses its first item instead, the one each menu marks `data-autofocus`.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // A spinner is a status, which its label ("Loading") names: a bare span may not carry a label.
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
    // A tooltip (often the reason a button is disabled) opens on focus and touch as well as hover: Mantine's default is hover only.
    Tooltip: Tooltip.extend({ defaultProps: { events: { hover: true, focus: true, touch: true } } }),
    // A password's (or a secret's) show button is a named toggle in the Tab order (Mantine leaves it out, hidden from
    // screen readers): "Show as text", pressed or not.
    // Mantine toggles it on Space and on a pointer press; Enter, as on any button, presses it too.
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        visibilityToggleButtonProps: {
          'aria-label': 'Show as text',
          tabIndex: 0,
          onKeyDown: (event: React.KeyboardEvent<HTMLButtonElement>) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            event.currentTarget.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
          },
        },
      },
    }),
  },
});

/**
 * Text dark enough to read (at least 4.5:1): dimmed text, a field's error
 * message (and its value while the field is invalid), the text of light
 * badges, avatars, buttons and the active navigation link, and the white
 * label of a red button (every "Delete", "Remove" and "Stop sharing": on
 * shade 8, Mantine's filled red, it reads at 4.48:1).
 */
export const readableColors: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-red-filled': 'var(--mantine-color-red-9)',
    '--mantine-color-red-filled-hover': 'color-mix(in srgb, var(--mantine-color-red-9) 85%, black)',
    ...Object.fromEntries(
      Object.keys(t.colors).map((color) => [`--mantine-color-${color}-light-color`, `color-mix(in srgb, var(--mantine-color-${color}-9) 75%, black)`]),
    ),
  },
  dark: {},
});
