import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort';

/** Someone the test provider knows. */
export interface ProviderPerson {
  readonly sub: string;
  readonly email: string;
  readonly email_verified: boolean;
  readonly name: string;
  readonly groups?: readonly string[];
  /** The email the sign-in starts with, when the provider answers with another (default: `email`). */
  readonly login_hint?: string;
}

/** How the test provider can spoil the next ID token it issues. */
export type BadIdToken = 'FORGED' | 'EXPIRED' | 'AUDIENCE' | 'NONCE' | 'RESIGNED';

export interface OpenIdProviderProcess {
  /** https://localhost:<port> */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  addPerson(person: ProviderPerson): Promise<void>;
  /**
   * The next token response carries a bad ID token: FORGED is signed by a key
   * the provider does not publish; EXPIRED, AUDIENCE and NONCE are signed by
   * its own key with exp in the past, another aud, or another nonce; RESIGNED
   * is re-signed by its own key unchanged (the control: it must be accepted). Once.
   */
  misbehaveOnce(idToken: BadIdToken): Promise<void>;
  stop(): Promise<void>;
}

export interface TestCertificates {
  /** The folder holding them; removed by `remove`. */
  readonly dir: string;
  /** The certificate authority (PEM): give it to Rolegraph as NODE_EXTRA_CA_CERTS. */
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  remove(): void;
}

/** A certificate authority made for one test run, and a localhost certificate it signed (openssl, in a fresh folder). */
export function makeTestCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolegraph-oidc-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=Rolegraph test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
  fs.writeFileSync(file('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '1',
    '-extfile',
    file('san.ext'),
  );
  return { dir, ca: file('ca.pem'), cert: file('server.pem'), key: file('server.key'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** How long the provider may take to start (it generates two RSA keys). */
const READY_WITHIN_MS = 30_000;

/**
 * Starts a real OpenID provider (oidc-provider) in its own process, over
 * https with a certificate authority made for the test, with one confidential
 * client whose redirect URIs are given.
 */
export async function startOpenIdProvider(tls: TestCertificates, redirectUris: readonly string[]): Promise<OpenIdProviderProcess> {
  const port = await freePort();
  const clientId = 'rolegraph-test';
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'openid-provider', 'provider.mjs')], {
    env: {
      ...process.env,
      PORT: String(port),
      TLS_CERT: tls.cert,
      TLS_KEY: tls.key,
      CLIENT_ID: clientId,
      CLIENT_SECRET: clientSecret,
      REDIRECT_URIS: redirectUris.join(','),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Ready when it says so; a provider that neither says so nor exits within the time is killed, so it cannot
  // keep the test process alive after the suite gave up on it.
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`OpenID provider did not say it was ready within ${READY_WITHIN_MS / 1000} s; it printed: ${JSON.stringify(out)}`));
    }, READY_WITHIN_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\S+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`OpenID provider exited with ${code}`));
    });
  });
  const caPem = fs.readFileSync(tls.ca);
  const post = (pathname: string, body: unknown) =>
    new Promise<void>((resolve, reject) => {
      // node:https with the test CA: the test process itself does not trust it globally.
      const request = https.request(`${issuer}${pathname}`, { method: 'POST', ca: caPem, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`provider answered ${res.statusCode}`))));
      });
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  return {
    issuer,
    clientId,
    clientSecret,
    addPerson: (person) => post('/test/people', person),
    misbehaveOnce: (idToken) => post('/test/misbehave', { idToken }),
    // SIGTERM lets it close its connections; one still open after 5 s does not keep it (and the tests) alive.
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
