import type { BrowserContext, Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { signInThroughPage, signUpOwner } from '../support/people';

/** A fresh page that records every Content-Security-Policy violation it meets. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; violations: string[] }> {
  const violations: string[] = [];
  await context.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations };
}

const rolegraph = rolegraphAndChromium();

test('the console works under its Content-Security-Policy: every page renders, its live socket connects, nothing is blocked', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  const { page, violations } = await watchedPage(await rolegraph.browser.newContext());
  const acknowledged = new Promise<void>((resolve) => {
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"connection_ack"')) resolve();
      });
    });
  });
  await signInThroughPage(page, rolegraph.server.url, owner);
  await acknowledged;
  for (const path of ['/members', '/teams', '/projects', '/assets', '/access', '/matrix', '/audit', '/notifications', '/settings', '/api-explorer']) {
    await page.goto(`${rolegraph.server.url}${path}`);
    await page.getByTestId('viewer-role').waitFor();
    await page.getByRole('main').waitFor();
  }
  expect(violations).toEqual([]);
}, 120_000);

test('a page of another site cannot frame the console', async () => {
  const page = await (await rolegraph.browser.newContext()).newPage();
  await page.setContent(`<iframe id="console" src="${rolegraph.server.url}/sign-in" width="800" height="600"></iframe>`);
  // setContent returns once the page and its frame have loaded, or failed to.
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame?.url()).not.toBe(`${rolegraph.server.url}/sign-in`);
  expect(frame?.url()).toMatch(/^chrome-error:/);
});

test('the built web app publishes no source maps', async () => {
  const html = await (await fetch(rolegraph.server.url)).text();
  const scripts = [...html.matchAll(/src="(\/static\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    const code = await (await fetch(`${rolegraph.server.url}${script}`)).text();
    expect(code).not.toMatch(/sourceMappingURL=/);
    const map = await fetch(`${rolegraph.server.url}${script}.map`);
    expect(await map.text()).not.toMatch(/^\{"version":3/);
  }
});
