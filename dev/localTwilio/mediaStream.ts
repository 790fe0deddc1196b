// Twilio's side of a Media Stream: opens a WebSocket to the application's <Stream url>, sends
// `connected`, `start`, then the caller's audio in real time (160-byte µ-law frames every 20 ms,
// base64, chunk and timestamp counting up; timers aimed at start + n·20 ms so lateness never
// accumulates), and `stop` when the audio is over or the call ends. Bidirectional streams
// (<Connect><Stream>) also take the application's `media`, `mark` and `clear` and answer marks
// when the queued audio would have finished playing.
import { setTimeout as sleep } from 'node:timers/promises';
import twilio from 'twilio';
import WebSocket from 'ws';
import { FRAME_BYTES, FRAME_MS, MULAW_SILENCE, type CallAudio } from './audio';
import type { StreamEnd } from './script';
import { newSid } from './sids';

export type StreamTrack = 'inbound_track' | 'outbound_track' | 'both_tracks';
export type StreamStopReason = 'audio-end' | 'call-end' | 'stop-verb' | 'socket-closed' | 'connect-failed';

export interface StreamSpec {
  url: string;
  name?: string;
  track: StreamTrack;
  customParameters: Record<string, string>;
  /** <Connect><Stream>: the application may send audio and marks back. */
  bidirectional: boolean;
  statusCallback?: string;
  statusCallbackMethod: 'GET' | 'POST';
}

export interface StreamStats {
  streamSid: string;
  name: string | null;
  url: string;
  track: StreamTrack;
  bidirectional: boolean;
  customParameters: Record<string, string>;
  connected: boolean;
  /** Media messages sent on the inbound track (the caller's audio). */
  framesSent: number;
  /** Audio time those frames carry (framesSent × 20 ms). */
  sentMs: number;
  /** How late the latest-sent frame left against its 20 ms schedule. */
  maxLagMs: number;
  /** Media messages received from the application (bidirectional streams). */
  mediaReceived: number;
  /** Marks from the application answered back once their audio had played. */
  marksAcked: number;
  stoppedBy: StreamStopReason | null;
  error: string | null;
}

export interface StreamContext {
  accountSid: string;
  callSid: string;
  authToken: string;
  audio: CallAudio | null;
  end: StreamEnd;
  /** Stream status callbacks (stream-started, stream-stopped, stream-error). */
  postStatus(spec: StreamSpec, params: Record<string, string>): void;
}

const TRACK_NAMES: Record<StreamTrack, ('inbound' | 'outbound')[]> = {
  inbound_track: ['inbound'],
  outbound_track: ['outbound'],
  both_tracks: ['inbound', 'outbound'],
};

export class MediaStreamRun {
  readonly stats: StreamStats;
  private socket: WebSocket | null = null;
  private sequence = 0;
  private stopping = false;
  private playheadMs = 0;
  private readonly markTimers = new Set<NodeJS.Timeout>();
  private readonly pendingMarks = new Map<NodeJS.Timeout, string>();
  private resolveClosed!: () => void;
  /** Settles when the socket is closed (by either side) or could not be opened. */
  readonly closed = new Promise<void>((resolve) => (this.resolveClosed = resolve));

  constructor(readonly spec: StreamSpec, private readonly context: StreamContext) {
    this.stats = {
      streamSid: newSid('MZ'),
      name: spec.name ?? null,
      url: spec.url,
      track: spec.track,
      bidirectional: spec.bidirectional,
      customParameters: spec.customParameters,
      connected: false,
      framesSent: 0,
      sentMs: 0,
      maxLagMs: 0,
      mediaReceived: 0,
      marksAcked: 0,
      stoppedBy: null,
      error: null,
    };
  }

  /** Connects and starts streaming; false (with stats.error) when the socket cannot be opened. */
  async open(): Promise<boolean> {
    // Twilio signs the WebSocket handshake like a GET webhook: the URL alone.
    const signature = twilio.getExpectedTwilioSignature(this.context.authToken, this.spec.url, {});
    const socket = new WebSocket(this.spec.url, { headers: { 'x-twilio-signature': signature }, handshakeTimeout: 10_000 });
    this.socket = socket;
    const opened = await new Promise<boolean>((resolve) => {
      socket.once('open', () => resolve(true));
      socket.once('error', (error) => {
        this.stats.error = error.message;
        resolve(false);
      });
    });
    socket.on('error', (error) => (this.stats.error ??= error.message));
    socket.on('close', () => {
      if (!this.stopping) this.finish('socket-closed');
      this.resolveClosed();
    });
    if (!opened) {
      this.stats.stoppedBy = 'connect-failed';
      this.stopping = true;
      this.resolveClosed();
      this.postStatus('stream-error', { StreamError: this.stats.error ?? 'connection failed' });
      return false;
    }
    this.stats.connected = true;
    if (this.spec.bidirectional) socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    this.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    this.send({
      event: 'start',
      sequenceNumber: this.nextSequence(),
      start: {
        accountSid: this.context.accountSid,
        streamSid: this.stats.streamSid,
        callSid: this.context.callSid,
        tracks: TRACK_NAMES[this.spec.track],
        customParameters: this.spec.customParameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid: this.stats.streamSid,
    });
    this.postStatus('stream-started', {});
    void this.pump();
    return true;
  }

  /** Sends `stop` and closes the socket; later calls do nothing. */
  async stop(reason: StreamStopReason): Promise<void> {
    if (this.stopping) return;
    this.finish(reason);
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.send({ event: 'stop', sequenceNumber: this.nextSequence(), streamSid: this.stats.streamSid, stop: { accountSid: this.context.accountSid, callSid: this.context.callSid } });
      this.socket.close(1000);
    }
    // A server that never completes the closing handshake does not hold the call.
    await Promise.race([this.closed, sleep(2000)]);
    this.socket?.terminate();
  }

  private finish(reason: StreamStopReason): void {
    this.stopping = true;
    this.stats.stoppedBy ??= reason;
    for (const timer of this.markTimers) clearTimeout(timer);
    this.markTimers.clear();
    this.postStatus('stream-stopped', {});
  }

  private async pump(): Promise<void> {
    const audio = this.context.audio;
    const tracks = TRACK_NAMES[this.spec.track];
    // Without audio the caller is silent until the call ends.
    const frames = audio ? Math.ceil(audio.mulaw.length / FRAME_BYTES) : Infinity;
    const silence = Buffer.alloc(FRAME_BYTES, MULAW_SILENCE);
    const started = performance.now();
    for (let index = 0; !this.stopping; index++) {
      const due = started + index * FRAME_MS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (this.stopping || this.socket?.readyState !== WebSocket.OPEN) return;
      if (index >= frames && this.context.end === 'audioEnd') {
        await this.stop('audio-end');
        return;
      }
      this.stats.maxLagMs = Math.max(this.stats.maxLagMs, Math.round(performance.now() - due));
      const voice = audio && index < frames ? frameOf(audio.mulaw, index) : silence;
      for (const track of tracks) {
        // The outbound track is what the caller hears (<Say>/<Play>): not synthesised here.
        const payload = track === 'inbound' ? voice : silence;
        this.send({
          event: 'media',
          sequenceNumber: this.nextSequence(),
          media: { track, chunk: String(index + 1), timestamp: String(index * FRAME_MS), payload: payload.toString('base64') },
          streamSid: this.stats.streamSid,
        });
      }
      if (tracks.includes('inbound')) {
        this.stats.framesSent += 1;
        this.stats.sentMs += FRAME_MS;
      }
    }
  }

  /** What a bidirectional stream's application sends; anything malformed is ignored, as Twilio does. */
  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary || this.stopping) return;
    let message: { event?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    const now = performance.now();
    if (message.event === 'media' && typeof message.media?.payload === 'string') {
      this.stats.mediaReceived += 1;
      const ms = Buffer.from(message.media.payload, 'base64').length / 8;
      this.playheadMs = Math.max(this.playheadMs, now) + ms;
    } else if (message.event === 'mark' && typeof message.mark?.name === 'string') {
      const name = message.mark.name;
      const timer = setTimeout(() => this.ackMark(timer, name), Math.max(0, this.playheadMs - now));
      this.markTimers.add(timer);
      this.pendingMarks.set(timer, name);
    } else if (message.event === 'clear') {
      // Cleared audio is dropped; its marks are answered at once.
      this.playheadMs = now;
      for (const [timer, name] of this.pendingMarks) {
        clearTimeout(timer);
        this.ackMark(timer, name);
      }
    }
  }

  private ackMark(timer: NodeJS.Timeout, name: string): void {
    this.markTimers.delete(timer);
    this.pendingMarks.delete(timer);
    if (this.stopping) return;
    this.stats.marksAcked += 1;
    this.send({ event: 'mark', sequenceNumber: this.nextSequence(), streamSid: this.stats.streamSid, mark: { name } });
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private nextSequence(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  private postStatus(event: string, extra: Record<string, string>): void {
    if (!this.spec.statusCallback) return;
    this.context.postStatus(this.spec, {
      AccountSid: this.context.accountSid,
      CallSid: this.context.callSid,
      StreamSid: this.stats.streamSid,
      StreamName: this.spec.name ?? this.stats.streamSid,
      StreamEvent: event,
      Timestamp: new Date().toISOString(),
      ...extra,
    });
  }
}

function frameOf(samples: Buffer, index: number): Buffer {
  const frame = samples.subarray(index * FRAME_BYTES, (index + 1) * FRAME_BYTES);
  if (frame.length === FRAME_BYTES) return frame;
  // The last frame is padded with silence: Twilio's frames are always 20 ms.
  return Buffer.concat([frame, Buffer.alloc(FRAME_BYTES - frame.length, MULAW_SILENCE)]);
}
