// Twilio's side of a Media Stream, for tests and the benchmark: real speech made with espeak-ng
// and sox as 8 kHz µ-law, and a WebSocket client that signs its upgrade as Twilio does and
// sends connected / start / media (160-byte, 20 ms frames, in real time) / stop.
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import WebSocket from 'ws';
import { signStreamToken, STREAM_TOKEN_PARAMETER } from '../../telephony/mediaStreams/streamToken';
import { speakChinese } from './audio';
import { TEST_LINK_SECRET } from './links';
import { TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from './twilio';

export const FRAME_BYTES = 160;
export const FRAME_MS = 20;

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;
export const newStreamSid = () => `MZ${randomBytes(16).toString('hex')}`;

/** Mandarin speech as raw 8 kHz mono µ-law bytes (what Twilio streams), made on the fly. */
export async function speechMulaw(text: string): Promise<Buffer> {
  return (await speakChinese(text)).mulaw;
}

/** µ-law silence (0xFF is zero), `ms` long. */
export function silenceMulaw(ms: number): Buffer {
  return Buffer.alloc((ms * 8000) / 1000, 0xff);
}

export function mediaStreamWsUrl(apiUrl: string): string {
  return `${apiUrl.replace(/^http/, 'ws')}/telephony/media-stream`;
}

export interface StreamClientOptions {
  /** Sent instead of the valid signature; null sends none. */
  signature?: string | null;
  authToken?: string;
  /** The API's PUBLIC_LINK_SECRET, which signs the <Stream> tokens; default the test API's. */
  streamTokenSecret?: string;
}

/** The stream token our TwiML gives `callSid`'s <Stream> (as the test API signs it). */
export function streamTokenFor(callSid: string, options: { secret?: string; now?: Date; ttlMs?: number } = {}): string {
  return signStreamToken(options.secret ?? TEST_LINK_SECRET, callSid, options.now ?? new Date(), options.ttlMs);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StreamIdentity {
  callSid: string;
  streamSid: string;
  tracks?: ('inbound' | 'outbound')[];
  customParameters?: Record<string, string>;
  /** The start message's stream token: default a valid one for the call (as our TwiML gives it); null sends none. */
  streamToken?: string | null;
}

export class TwilioStreamClient {
  private sequence = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly framesSent = { inbound: 0, outbound: 0 };
  private readonly chunkNo = { inbound: 0, outbound: 0 };
  /** Where each track's media clock has got to, in frames (skipped frames included). */
  private readonly clock = { inbound: 0, outbound: 0 };

  private constructor(
    readonly ws: WebSocket,
    readonly identity: StreamIdentity,
    private readonly streamTokenSecret: string = TEST_LINK_SECRET,
  ) {
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens the socket as Twilio would (signed), or rejects with the refused upgrade's status. */
  static async connect(url: string, identity: StreamIdentity, options: StreamClientOptions = {}): Promise<TwilioStreamClient> {
    const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(options.authToken ?? TEST_TWILIO_AUTH_TOKEN, url, {}) : options.signature;
    const ws = new WebSocket(url, { headers: signature === null ? {} : { 'x-twilio-signature': signature }, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
      ws.once('error', reject);
    });
    ws.on('error', () => undefined);
    return new TwilioStreamClient(ws, identity, options.streamTokenSecret);
  }

  sendJson(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  private next(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  connected(): void {
    this.sendJson({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  }

  start(): void {
    const { callSid, streamSid, tracks = ['inbound'], streamToken } = this.identity;
    const token = streamToken === undefined ? streamTokenFor(callSid, { secret: this.streamTokenSecret }) : streamToken;
    const customParameters = { ...this.identity.customParameters, ...(token === null ? {} : { [STREAM_TOKEN_PARAMETER]: token }) };
    this.sendJson({
      event: 'start',
      sequenceNumber: this.next(),
      start: { accountSid: TEST_TWILIO_ACCOUNT_SID, streamSid, callSid, tracks, customParameters, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
      streamSid,
    });
  }

  /** One media frame; `timestampMs` defaults to where this track's frames have got to. */
  media(bytes: Buffer, options: { track?: 'inbound' | 'outbound'; timestampMs?: number } = {}): void {
    const track = options.track ?? 'inbound';
    this.chunkNo[track] += 1;
    const timestampMs = options.timestampMs ?? this.clock[track] * FRAME_MS;
    this.clock[track] = Math.floor(timestampMs / FRAME_MS) + 1;
    this.framesSent[track] += 1;
    this.sendJson({
      event: 'media',
      sequenceNumber: this.next(),
      media: { track, chunk: String(this.chunkNo[track]), timestamp: String(timestampMs), payload: bytes.toString('base64') },
      streamSid: this.identity.streamSid,
    });
  }

  /**
   * Streams audio in 20 ms frames paced by the wall clock, as a call produces it. `skipFrames`
   * leaves frames out (their time still passes: a dropout). Returns the send lateness of each
   * frame in ms (how far behind its schedule it went out).
   */
  async streamAudio(audio: Buffer, options: { track?: 'inbound' | 'outbound'; skipFrames?: Set<number>; realTime?: boolean } = {}): Promise<number[]> {
    const track = options.track ?? 'inbound';
    const lateness: number[] = [];
    const startedAt = performance.now();
    const firstTimestamp = this.clock[track] * FRAME_MS;
    const frames = Math.ceil(audio.length / FRAME_BYTES);
    for (let i = 0; i < frames; i++) {
      if (options.realTime !== false) {
        const due = startedAt + i * FRAME_MS;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        lateness.push(Math.max(0, performance.now() - due));
      }
      if (this.ws.readyState !== WebSocket.OPEN) break;
      const frame = audio.subarray(i * FRAME_BYTES, (i + 1) * FRAME_BYTES);
      // A skipped frame's time passes (the next timestamp shows it) but it never arrives.
      if (options.skipFrames?.has(i)) continue;
      this.media(frame, { track, timestampMs: firstTimestamp + i * FRAME_MS });
    }
    return lateness;
  }

  stop(): void {
    this.sendJson({ event: 'stop', sequenceNumber: this.next(), streamSid: this.identity.streamSid, stop: { accountSid: TEST_TWILIO_ACCOUNT_SID, callSid: this.identity.callSid } });
  }

  /** Sends what is queued, then stops and closes normally. */
  async finish(): Promise<void> {
    this.stop();
    this.ws.close(1000);
    await this.closed;
  }

  /** Drops the TCP connection without a closing handshake (a crashed peer, a cut network). */
  async cut(): Promise<void> {
    // Let queued frames reach the server first: a cut network loses in-flight data, not this.
    await new Promise<void>((resolve) => (this.ws.bufferedAmount === 0 ? resolve() : setTimeout(resolve, 50)));
    this.ws.terminate();
    await this.closed;
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
