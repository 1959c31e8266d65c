import { Box, Table, type TableProps } from '@mantine/core';

/**
 * A table that never widens the page. The area is focusable (keyboard users
 * can scroll it) and named after the table.
 *
 * By default it scrolls sideways inside its own area on narrow screens. With
 * `cards`, below the small breakpoint each row reads as a card instead: its
 * cells stacked, each after its column's name taken from the cell's
 * `data-label` (a cell without one, such as the row's name or its actions,
 * stands unlabelled); cells marked `data-card-head` share the card's first
 * line. The header row stays for screen readers (app.css).
 */
export function ScrollTable({ minWidth = 560, cards = false, ...props }: TableProps & { 'aria-label': string; minWidth?: number; cards?: boolean }) {
  return (
    <Box
      role="region"
      aria-label={props['aria-label']}
      tabIndex={0}
      className={cards ? 'cards-on-phone' : undefined}
      style={{ position: 'relative', overflowX: 'auto', maxWidth: '100%' }}
    >
      <Table miw={minWidth} {...props} />
    </Box>
  );
}
