import { hashSecret } from '../auth/secretTokens';
import type { Configuration } from 'openid-client' with { 'resolution-mode': 'import' };

/**
 * openid-client (v6) is an ES module; this CommonJS server loads it once,
 * on first use, with a dynamic import.
 */
type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
let loaded: Promise<OpenIdClient> | undefined;
export function openIdClient(): Promise<OpenIdClient> {
  loaded ??= import('openid-client');
  return loaded;
}

/** What a connection needs to talk to its provider. */
export interface ProviderSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string | null;
}

/** How long one discovery stays in memory: key rotation and metadata changes are seen within this. */
const DISCOVERY_TTL_MS = 5 * 60 * 1000;
const discoveries = new Map<string, { at: number; config: Promise<Configuration> }>();

/**
 * Discovery (/.well-known/openid-configuration) of the issuer, for this
 * client; throws what the provider got wrong. ID tokens are checked against
 * the provider's published keys (JWKS) even though they arrive from its token
 * endpoint over TLS: a token signed by any other key is refused.
 */
export async function discoverProvider(settings: ProviderSettings, options: { fresh?: boolean } = {}): Promise<Configuration> {
  const key = hashSecret(JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]));
  const cached = discoveries.get(key);
  if (!options.fresh && cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const client = await openIdClient();
  const config = client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    undefined,
    settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
    { timeout: 10, execute: [client.enableNonRepudiationChecks] },
  );
  discoveries.set(key, { at: Date.now(), config });
  config.catch(() => discoveries.delete(key));
  return config;
}
