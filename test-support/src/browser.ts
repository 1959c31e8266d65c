import http from 'node:http';
import https from 'node:https';

/** One answer, redirects not followed. */
export interface PlainResponse {
  readonly status: number;
  readonly location: string | null;
  readonly setCookies: readonly string[];
  readonly body: string;
}

/**
 * A browser's way through redirects without a browser: GET requests, each
 * redirect followed by hand, cookies kept per host, a given certificate
 * authority trusted for https. Used to walk a sign-in through an OpenID
 * provider in integration tests.
 */
export class RedirectWalker {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly ca?: Buffer) {}

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  get(url: string): Promise<PlainResponse> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.host)?.entries() ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(target, { method: 'GET', ca: this.ca, headers: cookies ? { cookie: cookies } : {} }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          const setCookies = res.headers['set-cookie'] ?? [];
          const jar = this.jar.get(target.host) ?? new Map<string, string>();
          for (const line of setCookies) {
            const [pair] = line.split(';');
            const at = pair!.indexOf('=');
            const name = pair!.slice(0, at).trim();
            const value = pair!.slice(at + 1).trim();
            if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
            else jar.set(name, value);
          }
          this.jar.set(target.host, jar);
          const location = res.headers.location ? new URL(res.headers.location, target).href : null;
          resolve({ status: res.statusCode ?? 0, location, setCookies, body });
        });
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** GETs `url` and follows redirects until an answer is not one, or `stopAt` says to stop at a URL (not fetched). */
  async follow(url: string, stopAt: (url: string) => boolean = () => false, maxHops = 20): Promise<{ url: string; response: PlainResponse | null }> {
    let current = url;
    for (let hop = 0; hop < maxHops; hop++) {
      if (hop > 0 && stopAt(current)) return { url: current, response: null };
      const response = await this.get(current);
      if (!response.location || response.status < 300 || response.status >= 400) return { url: current, response };
      current = response.location;
    }
    throw new Error(`more than ${maxHops} redirects from ${url}`);
  }
}
