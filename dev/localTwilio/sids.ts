// Identifiers and timestamps shaped as Twilio's: a two-letter prefix and 32 hex digits; dates in
// RFC 2822 with a numeric zone ("Thu, 24 Aug 2023 05:01:45 +0000").
import { randomBytes } from 'node:crypto';

export type SidPrefix = 'CA' | 'SM' | 'RE' | 'MZ' | 'QU' | 'PN';

export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

export function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** E.164 as Twilio accepts it: a plus and up to 15 digits, not starting with 0. */
export const E164 = /^\+[1-9]\d{1,14}$/;
