import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import express from 'express';
import { createExpressServer } from '../../../src/app/expressHttpServer';

/** Starts `server` on a free port and returns its base URL. */
function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('createExpressServer', () => {
  const app = express();
  app.use(express.json());
  app.post('/echo', (req, res) => {
    res.status(201).json({ got: req.body as unknown, contentType: req.get('content-type'), path: req.path });
  });
  const server = createExpressServer(app);
  /** Each request's and response's prototypes as Node hands them over, before Express sees them. */
  const arrived: { request: object | null; response: object | null }[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    arrived.push({ request: Object.getPrototypeOf(req) as object | null, response: Object.getPrototypeOf(res) as object | null });
  });
  let url: string;

  beforeAll(async () => {
    url = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('builds requests and responses with the app’s own prototypes, so Express has none to change', async () => {
    // Express sets these prototypes with Object.setPrototypeOf on every request; on objects Node built with
    // others, V8 then kept every request's objects through young collections (the server paused 5-8 ms each).
    await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(arrived.length).toBeGreaterThan(0);
    for (const { request, response } of arrived) {
      expect(request).toBe(app.request);
      expect(response).toBe(app.response);
    }
  });

  it('serves the app as Node’s own server would: body, headers, status and Express’s helpers', async () => {
    const response = await fetch(`${url}/echo?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Jo' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ got: { name: 'Jo' }, contentType: 'application/json', path: '/echo' });
  });

  it('answers what the app does not route with Express’s own 404', async () => {
    const response = await fetch(`${url}/nowhere`);
    expect(response.status).toBe(404);
  });
});
