import { UAParser } from 'ua-parser-js';

/** Longest raw User-Agent shown when it names no known browser. */
const RAW_LENGTH = 60;

/**
 * A session's device in words, from the User-Agent it signed in with:
 * "Firefox 131 on Linux", "Chrome 131 on Mac OS", or for a program the start
 * of its User-Agent ("curl/8.5.0"); "Unknown device" when none was recorded.
 */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os } = new UAParser(userAgent).getResult();
  if (!browser.name) return userAgent.length > RAW_LENGTH ? `${userAgent.slice(0, RAW_LENGTH)}…` : userAgent;
  const name = browser.major ? `${browser.name} ${browser.major}` : browser.name;
  return os.name ? `${name} on ${os.name}` : name;
}
