import { Center, Loader, VisuallyHidden } from '@mantine/core';

/**
 * Shown while a page's code arrives: a spinner, announced once to screen
 * readers as "Loading page" (a polite status, so it interrupts nothing).
 */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  return (
    <Center h={fullScreen ? '100vh' : 240} role="status" aria-live="polite">
      <Loader aria-hidden />
      <VisuallyHidden>Loading page</VisuallyHidden>
    </Center>
  );
}
