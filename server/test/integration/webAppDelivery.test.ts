import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * How the built web app travels: compressed as the browser asks, hashed
 * files under /static cached for good, index.html revalidated on every load,
 * a missing hashed file a 404, and every other path (the app's own routes,
 * /assets among them) the app.
 */

interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body as sent, before any decoding. */
  readonly body: Buffer;
}

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode the answer). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** A raw POST of a GraphQL query. */
function rawGraphQL(url: string, query: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query }));
  });
}

const INDEX_HTML = '<!doctype html><title>Rolegraph</title><link rel="icon" href="/favicon.svg"><div id="root"></div>';
/** A script big enough to be worth compressing. */
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word number ${i}`))};\n`;

let webDist: string;
let t: TestServer;

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'rolegraph-web-'));
  fs.mkdirSync(path.join(webDist, 'static'));
  fs.writeFileSync(path.join(webDist, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(webDist, 'static', 'index-AbC123xy.js'), SCRIPT);
  fs.writeFileSync(path.join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"></svg>');
  t = await startTestServer({ WEB_DIST_DIR: webDist });
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('compression', () => {
  it('a hashed script comes brotli-compressed when the browser accepts br, gzip when it accepts only gzip', async () => {
    const brotli = await rawGet(`${t.url}/static/index-AbC123xy.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT);
    expect(brotli.body.length).toBeLessThan(SCRIPT.length / 3);

    const gzip = await rawGet(`${t.url}/static/index-AbC123xy.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(SCRIPT);
  });

  it('without Accept-Encoding the file comes as it is', async () => {
    const plain = await rawGet(`${t.url}/static/index-AbC123xy.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('a GraphQL answer is never compressed, however large (its secrets must not leak through compressed sizes), and never stored by caches', async () => {
    const query = `{ ${Array.from({ length: 60 }, (_, i) => `typeNameNumber${i}: __typename`).join(' ')} }`;
    const answer = await rawGraphQL(t.url, query, { 'accept-encoding': 'gzip, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body.toString())).toMatchObject({ data: { typeNameNumber0: 'Query', typeNameNumber59: 'Query' } });
  });

  it('a small GraphQL answer is not worth compressing', async () => {
    const small = await rawGraphQL(t.url, '{ __typename }', { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ data: { __typename: 'Query' } });
  });
});

describe('caching', () => {
  it('hashed files under /static are cached for a year, immutable', async () => {
    const response = await rawGet(`${t.url}/static/index-AbC123xy.js`);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  it('index.html is revalidated on every load, whichever path serves it', async () => {
    for (const page of ['/', '/sign-in', '/members', '/index.html']) {
      const response = await rawGet(`${t.url}${page}`);
      expect({ page, status: response.status, cacheControl: response.headers['cache-control'] }).toEqual({ page, status: 200, cacheControl: 'no-cache' });
      expect(response.body.toString()).toBe(INDEX_HTML);
    }
  });

  it('the favicon is served', async () => {
    const response = await rawGet(`${t.url}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });
});

describe('paths', () => {
  it('a missing file under /static is a 404, not the app', async () => {
    for (const missing of ['/static/index-gone0000.js', '/static/', '/static/nested/missing.css']) {
      const response = await rawGet(`${t.url}${missing}`);
      expect({ missing, status: response.status }).toEqual({ missing, status: 404 });
      expect(response.body.toString()).not.toContain('<div id="root">');
    }
  });

  it('a file at the root the build does not have is a 404, not the app: /favicon.ico, /robots.txt, /apple-touch-icon.png', async () => {
    for (const missing of ['/favicon.ico', '/robots.txt', '/apple-touch-icon.png', '/sitemap.xml']) {
      const response = await rawGet(`${t.url}${missing}`);
      expect({ missing, status: response.status }).toEqual({ missing, status: 404 });
      expect(response.body.toString()).not.toContain('<div id="root">');
    }
    expect((await rawGet(`${t.url}/favicon.svg`)).status).toBe(200);
  });

  it("the app's own routes named like files still get the app: /assets, /assets/<id>, /static-looking names elsewhere", async () => {
    for (const page of ['/assets', '/assets/', '/assets/3f1c2a9e-0000-4000-8000-000000000001', '/assets/index-AbC123xy.js', '/projects/p1', '/staticky']) {
      const response = await rawGet(`${t.url}${page}`);
      expect({ page, status: response.status }).toEqual({ page, status: 200 });
      expect(response.body.toString()).toBe(INDEX_HTML);
    }
  });
});
