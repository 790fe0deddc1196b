// Signed audit checkpoints: one JSON line per checkpoint, holding the heads of the chains that
// moved since the previous one, linked to that previous line by its hash and signed with an
// Ed25519 key the database never sees. Whoever can rewrite the database (its owner, a
// superuser) can recompute a chain, but not these lines kept outside it.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const CHECKPOINT_VERSION = 1;

/** [chainKey, chainSeq, hash] of a chain's last row at the checkpoint. */
export type AnchoredHead = [string, number, string];

export interface CheckpointBody {
  v: typeof CHECKPOINT_VERSION;
  /** 1, 2, … in the file. */
  n: number;
  /** When it was taken. */
  at: string;
  /** Rows recorded from this moment on were looked at (the previous cutoff less an overlap). */
  since: string | null;
  /** SHA-256 of the previous line, or null for the first. */
  prev: string | null;
  heads: AnchoredHead[];
  /** Which key signed it (rotation). */
  keyId: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 signature (base64) of the canonical body. */
  sig: string;
}

/** A private key as configured: PEM, or PKCS#8 DER in base64. */
export function checkpointSigningKey(configured: string): KeyObject {
  const key = configured.includes('BEGIN') ? createPrivateKey(configured) : createPrivateKey({ key: Buffer.from(configured, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_CHECKPOINT_KEY must be an Ed25519 private key');
  return key;
}

export function publicKeyFromBase64(spki: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
}

/** The first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

/** The signed bytes: the body's fields in a fixed order (JSON.stringify keeps insertion order). */
function canonicalBody(body: CheckpointBody): Buffer {
  const { v, n, at, since, prev, heads, keyId } = body;
  return Buffer.from(JSON.stringify({ v, n, at, since, prev, heads, keyId }));
}

export function signCheckpoint(body: Omit<CheckpointBody, 'keyId'>, privateKey: KeyObject): Checkpoint {
  const full: CheckpointBody = { ...body, keyId: keyIdOf(createPublicKey(privateKey)) };
  return { ...full, sig: sign(null, canonicalBody(full), privateKey).toString('base64') };
}

export function lineHash(line: string): string {
  return createHash('sha256').update(line).digest('hex');
}

/** Keys that verification accepts, by key id. */
export function verificationKeys(publicKeys: KeyObject[]): Map<string, KeyObject> {
  return new Map(publicKeys.map((key) => [keyIdOf(key), key]));
}

export function signatureHolds(checkpoint: Checkpoint, keys: Map<string, KeyObject>): boolean {
  const key = keys.get(checkpoint.keyId);
  if (!key || typeof checkpoint.sig !== 'string') return false;
  try {
    return verify(null, canonicalBody(checkpoint), key, Buffer.from(checkpoint.sig, 'base64'));
  } catch {
    return false;
  }
}
