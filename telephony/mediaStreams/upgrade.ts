// Who may open a media stream: Twilio signs the WebSocket upgrade request like a webhook,
// X-Twilio-Signature over the stream's wss:// URL with no parameters. The URL is rebuilt from
// PUBLIC_BASE_URL (http → ws, https → wss), or without it from the request's own host, as the
// webhook router does (api/twilio/routes.ts).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import twilio from 'twilio';

export const MEDIA_STREAM_PATH = '/telephony/media-stream';

/** The <Stream url> for TwiML: the API's public URL with the WebSocket scheme. */
export function mediaStreamUrl(publicBaseUrl: string): string {
  return publicBaseUrl.replace(/\/+$/, '').replace(/^http(s?):\/\//i, 'ws$1://') + MEDIA_STREAM_PATH;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** The URL Twilio signed: configured, or as this request reached us (a loopback proxy may say https). */
export function signedStreamUrl(req: IncomingMessage, publicBaseUrl: string | undefined): string {
  const pathAndQuery = req.url ?? MEDIA_STREAM_PATH;
  if (publicBaseUrl) return mediaStreamUrl(publicBaseUrl).replace(MEDIA_STREAM_PATH, '') + pathAndQuery;
  const forwarded = isLoopback(req.socket.remoteAddress) ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() : undefined;
  const secure = (req.socket as TLSSocket).encrypted === true || forwarded === 'https' || forwarded === 'wss';
  return `${secure ? 'wss' : 'ws'}://${req.headers.host ?? 'localhost'}${pathAndQuery}`;
}

export type UpgradeCheck = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function checkUpgradeSignature(req: IncomingMessage, authToken: string, publicBaseUrl: string | undefined): UpgradeCheck {
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') return { ok: false, status: 401, reason: 'missing X-Twilio-Signature' };
  if (!twilio.validateRequest(authToken, signature, signedStreamUrl(req, publicBaseUrl), {})) return { ok: false, status: 403, reason: 'invalid Twilio signature' };
  return { ok: true };
}
