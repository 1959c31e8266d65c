import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startRolegraph, type RolegraphServer } from './rolegraphServer';

/** The product and a browser for one test file: started before its tests, closed after them. */
export interface RolegraphAndChromium {
  readonly server: RolegraphServer;
  readonly browser: Browser;
}

/**
 * Starts Rolegraph (`startRolegraph`) and Chromium before the calling file's
 * tests and closes both after them. Call it at the top of the file; read
 * `server` and `browser` inside hooks and tests (they exist once the file's
 * first `beforeAll` has run, so a later `beforeAll` may use them).
 */
export function rolegraphAndChromium(): RolegraphAndChromium {
  let server: RolegraphServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startRolegraph();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('Rolegraph is not started yet: read it inside a hook or a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet: read it inside a hook or a test');
      return browser;
    },
  };
}
