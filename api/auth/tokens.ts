// Short-lived access tokens (JWT, HS256). Roles and unit are claims, checked on every request;
// `sv` is the user's session version when the token was issued, which requireAuth compares with
// the database's (api/auth/sessionGuard.ts): a deactivation, role, unit or password change ends it.
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { identifier } from '../../rules/text';
import { MAX_ACCESS_TTL_SECONDS } from '../../rules/settings';

const ROLES = ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const claimsSchema = z.object({
  sub: identifier(),
  username: identifier(),
  roles: z.array(z.enum(ROLES)),
  unitId: identifier(),
});

export type AccessClaims = z.infer<typeof claimsSchema>;

const tokenClaimsSchema = claimsSchema.extend({ sv: z.number().int().min(0) });

/** What an access token says: the claims plus the session version it was issued under. */
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

/** A verified token: its claims and when it expires (seconds since the epoch). */
export type VerifiedToken = TokenClaims & { exp: number };


const ISSUER = 'hotline12345';
const AUDIENCE = 'hotline12345-api';
const expirySchema = z.number().int();

/**
 * The secret as a key object, made once per secret: given a string, jsonwebtoken first tries to
 * parse it as a PEM public key on every call, fails (an exception), then makes the secret key:
 * 384 µs of CPU a request against 12 µs (`npm run bench:token`).
 */
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

export function signAccessToken(claims: TokenClaims, secret: string, ttlSeconds: number): string {
  if (!(ttlSeconds > 0 && ttlSeconds <= MAX_ACCESS_TTL_SECONDS)) throw new RangeError(`an access token lives 1 to ${MAX_ACCESS_TTL_SECONDS} seconds, not ${ttlSeconds}`);
  return jwt.sign({ sub: claims.sub, username: claims.username, roles: claims.roles, unitId: claims.unitId, sv: claims.sv }, secretKey(secret), { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER, audience: AUDIENCE });
}

/** Throws when the token is malformed, expired, not ours, or without a session version. */
export function verifyAccessToken(token: string, secret: string): VerifiedToken {
  const payload = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
  const claims = tokenClaimsSchema.parse(payload);
  const exp = expirySchema.parse(typeof payload === 'object' ? payload.exp : undefined);
  return { ...claims, exp };
}
