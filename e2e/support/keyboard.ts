import type { Page } from 'playwright-core';

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element's
 * accessible name (aria-label, aria-labelledby, its label, else its text)
 * matches, as a keyboard user moves through a page; fails after `limit`
 * presses, naming where the focus went.
 */
export async function tabTo(page: Page, name: RegExp, { backwards = false, limit = 60 } = {}): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return '';
      const labelledBy = element.getAttribute('aria-labelledby');
      const label =
        element.getAttribute('aria-label') ??
        (labelledBy ? document.getElementById(labelledBy.split(' ')[0]!)?.textContent : null) ??
        (element as HTMLInputElement).labels?.[0]?.textContent ??
        element.textContent ??
        '';
      return label
        .replace(/\s*\*$/, '')
        .trim()
        .slice(0, 60);
    });
    if (name.test(focused)) return;
    visited.push(focused);
  }
  throw new Error(`Tab never reached ${name} in ${limit} presses; the focus went through: ${visited.join(' | ')}`);
}

/** One place the focus landed on a Tab press. */
export interface TabStop {
  /** Its accessible name, as tabTo reads it (or its tag when it has none), cut to 40 characters. */
  readonly name: string;
  /**
   * Whether what shows the focus lies inside the viewport (the browser
   * scrolls a focused element into view): across, wholly; down, at least
   * half of it (or of the screen, for something taller). What shows the focus is
   * the element itself, the label of a visually hidden input, or for a code
   * editor's off-screen input textarea, the editor.
   */
  readonly inView: boolean;
}

/** Where the focus lands on each of `presses` Tabs from where it is now. */
export async function tabStops(page: Page, presses: number): Promise<TabStop[]> {
  const stops: TabStop[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return { name: '(page)', inView: true };
        const label = (element as HTMLInputElement).labels?.[0];
        const shown = element.closest<HTMLElement>('.CodeMirror') ?? (element.offsetWidth === 0 && label ? label : element);
        const box = shown.getBoundingClientRect();
        const name =
          (element.getAttribute('aria-label') ?? label?.textContent ?? element.textContent ?? '').trim().slice(0, 40) || element.tagName.toLowerCase();
        const across = box.left >= -0.5 && box.right <= window.innerWidth + 0.5;
        // The browser scrolls no further once an element is mostly in view: half of it (or of the screen) is enough.
        const visibleHeight = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
        const down = visibleHeight >= Math.min(box.height, window.innerHeight) / 2;
        return { name, inView: box.width > 0 && box.height > 0 && across && down };
      }),
    );
  }
  return stops;
}
