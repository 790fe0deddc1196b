// The receipt's 6-digit query password, kept as an HMAC under a server key (derived from
// PUBLIC_LINK_SECRET) bound to the case number. A slow hash cannot protect a secret with 10⁶
// values from someone holding the database: argon2 only made each guess cost ~20 ms, so a dump
// still fell in hours. An HMAC cannot be guessed at all without the key, which the database does
// not hold, and costs microseconds per intake instead of an argon2 hash. Hashes stored before
// (argon2, "$argon2…") still verify. Changing PUBLIC_LINK_SECRET invalidates the HMACs, like
// the receipts it sealed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verify as verifyArgon2 } from '@node-rs/argon2';
import { deriveKey } from './keys';

const PREFIX = 'hmac-sha256$';

export function hashQueryPassword(password: string, caseId: string, secret: string): string {
  return PREFIX + createHmac('sha256', deriveKey(secret, 'queryPassword')).update(`${caseId}\n${password}`).digest('base64url');
}

/** Whether `password` is the one `stored` was made from for this case; never throws. */
export async function queryPasswordMatches(stored: string, password: string, caseId: string, secret: string): Promise<boolean> {
  if (stored.startsWith(PREFIX)) {
    const expected = Buffer.from(hashQueryPassword(password, caseId, secret));
    const actual = Buffer.from(stored);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  return verifyArgon2(stored, password).catch(() => false);
}
