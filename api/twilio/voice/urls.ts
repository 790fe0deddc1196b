// Absolute URLs of the IVR's steps, on the base URL Twilio was given (the one webhook
// signatures are checked against), so that every next request is signed for the same host.
import type { Request } from 'express';

export const VOICE_PREFIX = '/telephony/voice';
export const MEDIA_STREAM_PATH = '/telephony/media-stream';
export const OPERATOR_QUEUE = 'operators';

export function publicBaseOf(req: Request, publicBaseUrl: string | undefined): string {
  return publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
}

export interface VoiceUrls {
  /** A step under /telephony/voice, e.g. step('menu', { attempt: 2 }). */
  step(path: string, query?: Record<string, string | number>): string;
  /** ws(s)://<host>/telephony/media-stream */
  mediaStream: string;
}

export function voiceUrls(base: string): VoiceUrls {
  return {
    step: (path, query) => {
      const search = query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
      return `${base}${VOICE_PREFIX}/${path}${search}`;
    },
    mediaStream: `${base.replace(/^http/, 'ws')}${MEDIA_STREAM_PATH}`,
  };
}
