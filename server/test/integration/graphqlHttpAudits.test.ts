import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The GraphQL-over-HTTP conformance suite (graphql-http's serverAudits)
 * against /graphql: every audit passes — no error, no warning — except the
 * optional ("MAY") GET requests without a preflight header, which Apollo
 * Server's CSRF prevention refuses on purpose: a page of another site can
 * send such a GET with the person's cookie. Those may only be notices.
 */
const REFUSED_GETS = new Set([
  'MAY accept application/x-www-form-urlencoded formatted GET requests',
  'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
  'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
]);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('GraphQL over HTTP', () => {
  for (const audit of serverAudits({ url: () => `${t.url}/graphql` })) {
    const expected = REFUSED_GETS.has(audit.name) ? 'notice' : 'ok';
    it(`${audit.name}${expected === 'ok' ? '' : ' (refused: CSRF prevention)'}`, async () => {
      const result = await audit.fn();
      const outcome = result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`;
      if (expected === 'ok') expect(outcome).toBe('ok');
      else expect(result.status).toBe('notice');
    });
  }
});
