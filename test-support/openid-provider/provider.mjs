// A real OpenID provider for tests (oidc-provider 8), in its own process on
// its own port over https, with its own signing keys generated at start.
// Settings come from the environment:
//   PORT, TLS_CERT, TLS_KEY (PEM files), CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma-separated).
// People are registered by the test: POST /test/people with
//   { sub, email, email_verified, name, groups }.
// Interactions complete by themselves: the person is the one whose email is
// the authorization request's login_hint, and consent is given to what the
// client asked. To test that bad ID tokens are refused, POST /test/misbehave
// with { idToken: 'FORGED' | 'EXPIRED' | 'AUDIENCE' | 'NONCE' | 'RESIGNED' }
// makes the next token response carry an ID token re-signed by another key
// (same kid), or re-signed by the provider's own key after its exp, aud or
// nonce was changed (RESIGNED: nothing changed, the control case); it applies
// once. Everything else — codes, PKCE, ID tokens, discovery, JWKS —
// is oidc-provider's own.
import https from 'node:https';
import fs from 'node:fs';
import { generateKeyPairSync, sign } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `https://localhost:${port}`;
const people = new Map();

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: `test-${Date.now()}` };

const { privateKey: foreignKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let nextIdToken = null;

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The ID token rewritten as asked: its claims changed, signed (RS256) by the provider's key or by a foreign one. */
function misbehave(idToken, mode) {
  const [header, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'EXPIRED') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (mode === 'AUDIENCE') claims.aud = 'another-client';
  if (mode === 'NONCE') claims.nonce = 'not-the-nonce';
  const signed = `${header}.${base64url(claims)}`;
  const signature = sign('sha256', Buffer.from(signed), mode === 'FORGED' ? foreignKey : privateKey).toString('base64url');
  return `${signed}.${signature}`;
}

/** Rewrites the ID token of the token endpoint's JSON answer once, when a misbehaviour was asked for. */
function rewriteTokenResponse(res) {
  const mode = nextIdToken;
  nextIdToken = null;
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    try {
      const body = JSON.parse(Buffer.isBuffer(chunk) ? chunk.toString() : String(chunk));
      if (body.id_token) {
        body.id_token = misbehave(body.id_token, mode);
        const text = JSON.stringify(body);
        if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(text));
        return end(text, ...rest);
      }
    } catch {
      // not JSON: passed on as it is
    }
    return end(chunk, ...rest);
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: process.env.REDIRECT_URIS.split(','),
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['test-cookie-key-0123456789'] },
  async findAccount(_ctx, sub) {
    const person = [...people.values()].find((p) => p.sub === sub);
    if (!person) return undefined;
    return {
      accountId: sub,
      claims: () => ({ sub, email: person.email, email_verified: person.email_verified, name: person.name, groups: person.groups ?? [] }),
    };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;

async function interaction(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    const { prompt, params } = details;
    if (prompt.name === 'login') {
      const person = people.get(String(params.login_hint ?? '').toLowerCase());
      if (!person) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('nobody with that email at this provider');
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    grant.addOIDCScope(String(params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}

const callback = provider.callback();
const server = https.createServer({ cert: fs.readFileSync(process.env.TLS_CERT), key: fs.readFileSync(process.env.TLS_KEY) }, (req, res) => {
  if (req.method === 'POST' && req.url === '/test/people') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const person = JSON.parse(body);
      people.set((person.login_hint ?? person.email).toLowerCase(), person);
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'POST' && req.url === '/test/misbehave') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      nextIdToken = JSON.parse(body).idToken ?? null;
      res.writeHead(204).end();
    });
    return;
  }
  if (req.url?.startsWith('/interaction/')) return void interaction(req, res);
  if (req.method === 'POST' && req.url === '/token' && nextIdToken) rewriteTokenResponse(res);
  return callback(req, res);
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
