import { Box, Table, type TableProps } from '@mantine/core';

/**
 * A table that scrolls sideways inside its own area on narrow screens, so the
 * page itself never does. The area is focusable (keyboard users can scroll
 * it) and named after the table.
 */
export function ScrollTable({ minWidth = 560, ...props }: TableProps & { 'aria-label': string; minWidth?: number }) {
  return (
    <Box role="region" aria-label={props['aria-label']} tabIndex={0} style={{ position: 'relative', overflowX: 'auto', maxWidth: '100%' }}>
      <Table miw={minWidth} {...props} />
    </Box>
  );
}
