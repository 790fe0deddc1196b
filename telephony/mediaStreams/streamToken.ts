// A per-call token on every TwiML <Stream>: Twilio signs the WebSocket upgrade over the fixed
// stream URL only, so one captured X-Twilio-Signature would otherwise open any number of streams
// and attach audio to any call. The token, a <Parameter> Twilio hands back in the `start`
// message's customParameters, is HMAC-SHA256 (a key derived from the server's secret, never
// shared with Twilio) over the CallSid and an expiry: a stream is accepted only for the call its
// token names, before the expiry, and once (a replay, even for the same call, is refused).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../../lib/citizenAccess/keys';

/** The <Parameter name> the token travels in. */
export const STREAM_TOKEN_PARAMETER = 'streamToken';
/**
 * Twilio opens the stream as soon as it executes <Start><Stream>, a moment after our TwiML; the
 * margin covers a slow network and clock skew between API processes, not a later reuse.
 */
export const STREAM_TOKEN_TTL_MS = 5 * 60_000;

const VERSION = 'v1';

function mac(secret: string, callSid: string, expiresAtSec: number): string {
  return createHmac('sha256', deriveKey(secret, 'mediaStreamToken')).update(`${VERSION}\n${callSid}\n${expiresAtSec}`).digest('base64url');
}

/**
 * `v1.<expiry, unix seconds>.<base64url HMAC>` for the call's <Stream>. The expiry is rounded up
 * to the next whole minute, so a webhook Twilio retries gets the same TwiML (the same token: it
 * still opens one stream only).
 */
export function signStreamToken(secret: string, callSid: string, now: Date, ttlMs = STREAM_TOKEN_TTL_MS): string {
  const expiresAtSec = Math.ceil((now.getTime() + ttlMs) / 60_000) * 60;
  return `${VERSION}.${expiresAtSec}.${mac(secret, callSid, expiresAtSec)}`;
}

export type StreamTokenCheck = { ok: true; expiresAt: Date } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Whether `token` was signed by us for `callSid` (constant-time), and is still valid at `now`. */
export function verifyStreamToken(secret: string, token: string | undefined, callSid: string, now: Date): StreamTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !/^\d{1,12}$/.test(parts[1]!)) return { ok: false, reason: 'invalid' };
  const expiresAtSec = Number(parts[1]);
  const expected = Buffer.from(mac(secret, callSid, expiresAtSec));
  const given = Buffer.from(parts[2]!);
  // A token of another call fails here: the CallSid is inside the MAC.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  if (expiresAtSec * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt: new Date(expiresAtSec * 1000) };
}
