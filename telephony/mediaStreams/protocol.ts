// Twilio's Media Streams messages (one JSON text frame each): connected, start, media, dtmf,
// mark, stop. Fields Twilio documents and we do not use are let through; what we rely on is
// checked here, so a frame either parses into a typed message or is reported with a reason.
// Sids are refused when malformed; other text is cleaned by the text policy.
import { z } from 'zod';
import { carrierText, identifier, singleLineText } from '../../rules/text';

/** Sids end up in file names and keys: letters, digits, '_' and '-' only. */
const sid = identifier(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');
const word = singleLineText(100);
const track = z.enum(['inbound', 'outbound']);

/** One media frame is 20 ms (160 bytes); a whole second in one frame is already suspicious. */
export const MAX_FRAME_BYTES = 8000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const connectedMessage = z.object({ event: z.literal('connected'), protocol: word.optional(), version: word.optional() });

export const startMessage = z.object({
  event: z.literal('start'),
  sequenceNumber: word.optional(),
  streamSid: sid.optional(),
  start: z.object({
    streamSid: sid,
    accountSid: sid,
    callSid: sid,
    tracks: z.array(track).min(1).default(['inbound']),
    /** Kept on the call's row when the voice webhooks have not created it yet. */
    customParameters: z.record(word, singleLineText(1000)).default({}),
    mediaFormat: z.object({
      encoding: z.literal('audio/x-mulaw'),
      sampleRate: z.literal(8000),
      channels: z.literal(1),
    }),
  }),
});

export const mediaMessage = z.object({
  event: z.literal('media'),
  sequenceNumber: word.optional(),
  streamSid: sid.optional(),
  media: z.object({
    track: track.default('inbound'),
    chunk: word.optional(),
    /** Milliseconds since the stream started, as a string. */
    timestamp: identifier(10).regex(/^\d{1,10}$/, 'whole milliseconds').optional(),
    /** Audio bytes in base64, decoded by the recorder. */
    payload: carrierText()
      .max(Math.ceil(MAX_FRAME_BYTES / 3) * 4, `at most ${MAX_FRAME_BYTES} bytes of audio`)
      .refine((value) => value.length % 4 === 0 && BASE64.test(value), 'not base64'),
  }),
});

export const dtmfMessage = z.object({
  event: z.literal('dtmf'),
  streamSid: sid.optional(),
  dtmf: z.object({ track: word.optional(), digit: identifier(1).regex(/^[0-9*#A-D]$/, 'a key: 0-9, *, #, A-D') }),
});

export const markMessage = z.object({ event: z.literal('mark'), streamSid: sid.optional(), mark: z.object({ name: singleLineText(256) }) });

export const stopMessage = z.object({
  event: z.literal('stop'),
  streamSid: sid.optional(),
  stop: z.object({ accountSid: word.optional(), callSid: word.optional() }).optional(),
});

const streamMessage = z.discriminatedUnion('event', [connectedMessage, startMessage, mediaMessage, dtmfMessage, markMessage, stopMessage]);

export type StreamMessage = z.infer<typeof streamMessage>;
export type StartMessage = z.infer<typeof startMessage>;
export type MediaMessage = z.infer<typeof mediaMessage>;

export const KNOWN_EVENTS = new Set(['connected', 'start', 'media', 'dtmf', 'mark', 'stop']);

export type ParsedFrame =
  | { ok: true; message: StreamMessage }
  /** kind: what is wrong, for counting; reason: the detail, for the first log line of its kind. */
  | { ok: false; kind: 'binary' | 'json' | 'unknownEvent' | 'invalid'; reason: string };

export function parseFrame(data: Buffer | string, isBinary: boolean): ParsedFrame {
  if (isBinary) return { ok: false, kind: 'binary', reason: 'binary frame (Twilio sends JSON text frames)' };
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch (error) {
    return { ok: false, kind: 'json', reason: (error as Error).message };
  }
  const event = json && typeof json === 'object' ? (json as { event?: unknown }).event : undefined;
  if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) {
    return { ok: false, kind: 'unknownEvent', reason: `unknown event ${JSON.stringify(event)?.slice(0, 40)}` };
  }
  const parsed = streamMessage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, kind: 'invalid', reason: `${event}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` };
  }
  return { ok: true, message: parsed.data };
}
