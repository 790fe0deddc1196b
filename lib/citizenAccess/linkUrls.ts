// The absolute URLs of the citizen pages that signed links open. The token travels in the
// fragment (#…), which browsers do not send to servers, so it stays out of access logs.
import { signLinkToken, type LinkClaims } from './linkTokens';

export interface CitizenLinkConfig {
  /** PUBLIC_LINK_SECRET */
  secret: string;
  /** PUBLIC_BASE_URL without a trailing slash. */
  baseUrl: string;
}

/** How long a link opens its page. The workflow still decides what is possible (the callback
 * may have ended, the re-review window closed); past this the page only says the link expired. */
export const LINK_LIFETIME_DAYS: Record<LinkClaims['purpose'], number> = { survey: 7, reReview: 60 };

export function citizenLinkUrl(config: CitizenLinkConfig, link: LinkClaims): string {
  return `${config.baseUrl}/citizen/link.html#${signLinkToken(link, config.secret)}`;
}

export function linkExpiry(purpose: LinkClaims['purpose'], now: Date): Date {
  return new Date(now.getTime() + LINK_LIFETIME_DAYS[purpose] * 86_400_000);
}
