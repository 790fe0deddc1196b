// One configured secret (PUBLIC_LINK_SECRET), one derived key per use: a key that signs links
// never encrypts anything, and the reverse.
import { hkdfSync } from 'node:crypto';

/** mediaStreamToken: the per-call tokens of TwiML <Stream>s (telephony/mediaStreams/streamToken.ts); queryPassword: the receipts' query passwords (queryPasswords.ts). */
export type KeyPurpose = 'linkSigning' | 'receiptSealing' | 'mediaStreamToken' | 'queryPassword';

export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'hotline12345', `citizen-access/${purpose}`, 32));
}
