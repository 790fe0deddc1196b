// Signed links (签名链接) sent to citizens by SMS: the token names the case, what the link is
// for and until when; HMAC-SHA256 makes it unforgeable. Format, URL-safe and short enough for
// an SMS: base64url(JSON claims) "." base64url(first 16 bytes of the HMAC).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { deriveKey } from './keys';

export const LINK_PURPOSES = ['survey', 'reReview'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** What a link lets its holder do, and on what. Short keys keep the SMS short. */
const claimsSchema = z.discriminatedUnion('p', [
  z.object({ p: z.literal('survey'), c: z.string().min(1), cb: z.string().min(1), exp: z.number().int() }),
  z.object({ p: z.literal('reReview'), c: z.string().min(1), exp: z.number().int() }),
]);

export type LinkClaims =
  | { purpose: 'survey'; caseId: string; callbackId: string; expiresAt: Date }
  | { purpose: 'reReview'; caseId: string; expiresAt: Date };

export type LinkCheck = { ok: true; link: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** 128 bits of the HMAC: forgery stays out of reach and the link stays short. */
const SIGNATURE_BYTES = 16;

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', deriveKey(secret, 'linkSigning')).update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

export function signLinkToken(link: LinkClaims, secret: string): string {
  const exp = Math.floor(link.expiresAt.getTime() / 1000);
  const claims = link.purpose === 'survey' ? { p: link.purpose, c: link.caseId, cb: link.callbackId, exp } : { p: link.purpose, c: link.caseId, exp };
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
  const expiresAt = new Date(claims.exp * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  const link: LinkClaims = claims.p === 'survey' ? { purpose: 'survey', caseId: claims.c, callbackId: claims.cb, expiresAt } : { purpose: 'reReview', caseId: claims.c, expiresAt };
  return { ok: true, link };
}
