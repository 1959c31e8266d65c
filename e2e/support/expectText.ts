import type { Locator } from 'playwright-core';

/** Waits until a locator's text (or an input's value) is exactly `expected`; fails with what it last saw. */
export async function expectText(locator: Locator, expected: string, kind: 'text' | 'value' = 'text', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = ((kind === 'value' ? await locator.inputValue().catch(() => '') : await locator.textContent().catch(() => '')) ?? '').trim();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected "${expected}", still "${last}"`);
}
