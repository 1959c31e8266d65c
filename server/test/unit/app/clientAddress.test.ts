import type { IncomingMessage } from 'node:http';
import { proxyTrust, upgradeClientAddress } from '../../../src/app/clientAddress';

function upgrade(remoteAddress: string | undefined, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('the client address of a WebSocket upgrade', () => {
  it('is the socket address when the server trusts no proxy, whatever X-Forwarded-For says', () => {
    expect(upgradeClientAddress(upgrade('10.0.0.5', '203.0.113.7'), proxyTrust(false))).toBe('10.0.0.5');
  });

  it('is the client the proxy forwarded when TRUST_PROXY is set (the first address of the chain)', () => {
    expect(upgradeClientAddress(upgrade('10.0.0.5', '203.0.113.7, 10.0.0.9'), proxyTrust(true))).toBe('203.0.113.7');
  });

  it('is the socket address when no X-Forwarded-For came, and "unknown" once the socket is gone', () => {
    expect(upgradeClientAddress(upgrade('10.0.0.5'), proxyTrust(true))).toBe('10.0.0.5');
    expect(upgradeClientAddress(upgrade(undefined, '203.0.113.7'), proxyTrust(true))).toBe('unknown');
  });
});
