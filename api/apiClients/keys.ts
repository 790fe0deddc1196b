// API keys of Open311 clients: random, shown once, kept only as a sha-256 hash. A plain hash
// (not argon2) is enough because the key has 256 bits of entropy, and it lets a request find
// its client by an index lookup.
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'o311_';

export function newApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
