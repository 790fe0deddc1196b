// Short-lived access tokens (JWT, HS256). Roles and unit are claims, checked on every request.
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { identifier } from '../../workflows/rules/text';

const ROLES = ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const claimsSchema = z.object({
  sub: identifier(),
  username: identifier(),
  roles: z.array(z.enum(ROLES)),
  unitId: identifier(),
});

export type AccessClaims = z.infer<typeof claimsSchema>;

const ISSUER = 'hotline12345';
const AUDIENCE = 'hotline12345-api';

export function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER, audience: AUDIENCE });
}

/** Throws when the token is malformed, expired, or not ours. */
export function verifyAccessToken(token: string, secret: string): AccessClaims {
  const payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
  return claimsSchema.parse(payload);
}
