// Which keys sign and which verify, from the configuration.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { DEMO_SECRETS, type Env } from '../../config/env';
import { checkpointSigningKey, publicKeyFromBase64 } from './signing';

export function signingKey(env: Pick<Env, 'AUDIT_CHECKPOINT_KEY'>): KeyObject {
  return checkpointSigningKey(env.AUDIT_CHECKPOINT_KEY);
}

/**
 * The keys verification accepts: AUDIT_CHECKPOINT_PUBLIC_KEYS when set (an auditor needs no
 * private key), plus the configured signing key's own unless that is the demo key, whose
 * private half is in the repository and so proves nothing outside a demo.
 */
export function verifyingKeys(env: Pick<Env, 'AUDIT_CHECKPOINT_KEY' | 'AUDIT_CHECKPOINT_PUBLIC_KEYS'>): KeyObject[] {
  const listed = env.AUDIT_CHECKPOINT_PUBLIC_KEYS.map(publicKeyFromBase64);
  const isDemo = env.AUDIT_CHECKPOINT_KEY === DEMO_SECRETS.AUDIT_CHECKPOINT_KEY;
  if (listed.length > 0 && isDemo) return listed;
  return [...listed, createPublicKey(signingKey(env))];
}
