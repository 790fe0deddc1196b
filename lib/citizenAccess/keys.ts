// One configured secret (PUBLIC_LINK_SECRET), one derived key per use: a key that signs links
// never encrypts anything, and the reverse.
import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

/** mediaStreamToken: the per-call tokens of TwiML <Stream>s (telephony/mediaStreams/streamToken.ts); queryPassword: the receipts' query passwords (queryPasswords.ts). */
export type KeyPurpose = 'linkSigning' | 'receiptSealing' | 'mediaStreamToken' | 'queryPassword';

/** Derived once per secret and use: HKDF ran on every query password, receipt, link and stream token. */
const derived = new Map<string, KeyObject>();

export function deriveKey(secret: string, purpose: KeyPurpose): KeyObject {
  const id = `${purpose}\n${secret}`;
  let key = derived.get(id);
  if (!key) {
    key = createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'hotline12345', `citizen-access/${purpose}`, 32)));
    derived.set(id, key);
  }
  return key;
}
