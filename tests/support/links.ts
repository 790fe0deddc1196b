// The citizen-link settings the test API and the test workers share, so that a link an SMS
// carries opens in the test API.
import type { CitizenLinkConfig } from '../../lib/citizenAccess/linkUrls';

export const TEST_LINK_SECRET = 'test-public-link-secret-0123456789-abcdef';

export const TEST_LINKS: CitizenLinkConfig = { secret: TEST_LINK_SECRET, baseUrl: 'https://12345.test' };

/** The token of a citizen link found in an SMS body. */
export function tokenInSms(body: string): string {
  const match = /\/citizen\/link\.html#([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(body);
  if (!match) throw new Error(`no citizen link in: ${body}`);
  return match[1]!;
}
