import { useEffect } from 'react';

/** How long, at most, a new page may take to show its heading. */
const WAIT_FOR_HEADING_MS = 3000;

/**
 * After the page changes, a focus left on nothing (the dialog that navigated
 * closed under it, e.g. "Create project" opening the new project) goes to
 * the new page's heading, so keyboard and screen reader users start there
 * rather than at the top of the document. A focus that is somewhere (the
 * navigation link just followed) is left where it is.
 */
export function useFocusAfterNavigation(pathname: string): void {
  useEffect(() => {
    let frame = 0;
    const started = performance.now();
    const place = () => {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (!lost) return;
      const heading = document.querySelector<HTMLElement>('#main h1');
      if (!heading) {
        if (performance.now() - started < WAIT_FOR_HEADING_MS) frame = requestAnimationFrame(place);
        return;
      }
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    };
    frame = requestAnimationFrame(place);
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}
