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
