// Signed links (签名链接) sent to citizens by SMS: the token names the case, what the link is
// for and until when; HMAC-SHA256 makes it unforgeable. Format, URL-safe and short enough for
// an SMS: base64url(JSON claims) "." base64url(first 16 bytes of the HMAC).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { identifier } from '../../rules/text';
import { deriveKey } from './keys';

export const LINK_PURPOSES = ['survey', 'reReview'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** A case number; the signature vouches for it, this only keeps odd text out of queries. */
const caseId = identifier(20);

/** What a link lets its holder do, and on what. Short keys and codes keep the SMS short. */
const claimsSchema = z.discriminatedUnion('p', [
  z.object({ p: z.literal('s'), c: caseId, r: z.number().int().min(1), e: z.number().int() }),
  z.object({ p: z.literal('r'), c: caseId, e: z.number().int() }),
]);

export type LinkClaims =
  /** Answer the satisfaction survey of the case's callback `round`. */
  | { purpose: 'survey'; caseId: string; round: number; expiresAt: Date }
  /** Ask for a re-review of the closed case. */
  | { purpose: 'reReview'; caseId: string; expiresAt: Date };

export type LinkCheck = { ok: true; link: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** 128 bits of the HMAC: forgery stays out of reach and the link stays short. */
const SIGNATURE_BYTES = 16;

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', deriveKey(secret, 'linkSigning')).update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

export function signLinkToken(link: LinkClaims, secret: string): string {
  const e = Math.floor(link.expiresAt.getTime() / 1000);
  const claims = link.purpose === 'survey' ? { p: 's', c: link.caseId, r: link.round, e } : { p: 'r', c: link.caseId, e };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** Checks the signature first (constant time), then the expiry: an expired link was genuine. */
export function verifyLinkToken(token: string, secret: string, now: Date): LinkCheck {
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'invalid' };
  const [payload, signed] = parts as [string, string];
  // Compared as text: base64url decoding ignores the spare bits of the last character, so
  // comparing decoded bytes would accept several spellings of one signature.
  const expected = Buffer.from(signature(secret, payload).toString('base64url'));
  const given = Buffer.from(signed);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const claims = parsed.data;
  const expiresAt = new Date(claims.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  const link: LinkClaims = claims.p === 's' ? { purpose: 'survey', caseId: claims.c, round: claims.r, expiresAt } : { purpose: 'reReview', caseId: claims.c, expiresAt };
  return { ok: true, link };
}
