import { useMediaQuery } from '@mantine/hooks';

/**
 * Whether the screen is phone-sized: below the small breakpoint (48em), the
 * width at which app.css turns tables into cards. Known on the first render,
 * so a page does not flash its laptop layout first.
 */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
}
