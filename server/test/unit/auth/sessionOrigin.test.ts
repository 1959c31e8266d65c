import { MAX_USER_AGENT_LENGTH, sessionOriginOf } from '../../../src/auth/sessionOrigin';

describe('sessionOriginOf', () => {
  it('keeps a browser’s User-Agent and the client address as they are', () => {
    const chrome = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(sessionOriginOf(chrome, '203.0.113.7')).toEqual({ userAgent: chrome, clientAddress: '203.0.113.7' });
  });

  it('knows nothing rather than something made up: no header, an empty or blank one, an unknown address', () => {
    expect(sessionOriginOf(undefined, 'unknown')).toEqual({ userAgent: null, clientAddress: null });
    expect(sessionOriginOf('', null)).toEqual({ userAgent: null, clientAddress: null });
    expect(sessionOriginOf(' \t\u0085 ', '::1')).toEqual({ userAgent: null, clientAddress: '::1' });
  });

  it('makes any header one readable line no longer than the limit, without text-direction controls', () => {
    const origin = sessionOriginOf(`curl/8.5\u202e\u2066 exe.txt\n\u0001${'y'.repeat(4000)}\ud83d\ude00`, '10.0.0.1');
    expect(origin.userAgent!.startsWith('curl/8.5 exe.txt y')).toBe(true);
    expect(origin.userAgent).toHaveLength(MAX_USER_AGENT_LENGTH);
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    expect(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(origin.userAgent!)).toBe(false);
  });
});
