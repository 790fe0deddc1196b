// One Media Streams connection, from `connected` to `stop` (or to the socket dropping): the
// audio of each track goes to a temporary file and to the transcriber as it arrives, and when
// the stream ends the WAV is stored and the recording closed. Nothing a sender does ends more
// than its own stream: bad frames are counted, logged once per kind, and skipped.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { mulaw } from 'alawmulaw';
import type { WebSocket } from 'ws';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import type { AttachmentStore } from '../../storage/attachmentStore';
import { SegmentWriter } from '../transcription/segmentWriter';
import type { StreamTrack, Transcriber, TranscriptionSession } from '../transcription/transcriber';
import { FrameTiming } from './frameTiming';
import { parseFrame, type MediaMessage, type StartMessage } from './protocol';
import { beginRecording, DuplicateStreamError, finishRecording, markRecordingFailed, type StartedRecording } from './records';
import { firstDelivery } from '../webhooks/once';
import { STREAM_TOKEN_PARAMETER, verifyStreamToken } from './streamToken';
import { SAMPLE_RATE, TrackRecorder } from './trackRecorder';
import { wavStream } from './wavFile';

export interface SessionDeps {
  prisma: PrismaClient;
  attachmentStore: AttachmentStore;
  log: Logger;
  transcriber: Transcriber;
  /** Where tracks are written while the call lasts. */
  tempDir: string;
  now: () => Date;
  /** The server's secret the <Stream> tokens are signed with (a key is derived from it). */
  streamTokenSecret: string;
}

/** A stream whose token was already used (a replayed `start`), refused like a duplicate. */
class ReplayedStreamTokenError extends Error {}

/** Kinds of frames that are skipped; each is counted and its first occurrence logged. */
type Anomaly = 'binary' | 'json' | 'unknownEvent' | 'invalid' | 'mediaBeforeStart' | 'secondStart' | 'unexpectedTrack' | 'afterStop' | 'transcriber';

interface ActiveStream {
  callSid: string;
  streamSid: string;
  startedAtMs: number;
  tracks: Map<StreamTrack, TrackRecorder>;
  recording: Promise<StartedRecording | undefined>;
  transcription: TranscriptionSession | undefined;
  segments: SegmentWriter;
}

export type SessionOutcome = 'completed' | 'partial' | 'failed' | 'refused' | 'noStream';

export class MediaStreamSession {
  private state: 'awaitingStart' | 'streaming' | 'ended' = 'awaitingStart';
  private stream: ActiveStream | undefined;
  private stopReceived = false;
  private duplicate = false;
  /** The start message's stream token was missing, forged, of another call or expired. */
  private refused = false;
  private readonly anomalies = new Map<Anomaly, number>();
  private readonly timing = new FrameTiming();
  private frames = 0;
  private dtmfs = 0;
  private marks = 0;
  private log: Logger;
  private finishing: Promise<SessionOutcome> | undefined;
  private resolveFinished!: (outcome: SessionOutcome) => void;
  /** Resolves when the stream is stored (or found unusable) after the socket closed or stopped; never rejects. */
  readonly finished = new Promise<SessionOutcome>((resolve) => {
    this.resolveFinished = resolve;
  });
  /** performance.now() of the last frame, for the idle sweep. */
  lastMessageAt = performance.now();

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: SessionDeps,
  ) {
    this.log = deps.log.child({ connectionId: randomUUID() });
    socket.on('message', (data, isBinary) => {
      this.lastMessageAt = performance.now();
      try {
        this.receive(data as Buffer, isBinary);
      } catch (error) {
        // A bug on one frame must not take the process (or the stream) down.
        this.log.error({ err: error }, 'media stream frame handling failed');
      }
    });
    // ws reports protocol violations (an oversized frame, bad UTF-8) here, then closes.
    socket.on('error', (error) => this.log.warn({ err: error }, 'media stream socket error'));
    socket.on('close', (code) => void this.finish(`closed (${code})`));
  }

  /** Closes the socket; the stream is kept as partial unless it had stopped. */
  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
    else this.socket.terminate();
  }

  terminate(): void {
    this.socket.terminate();
  }

  private anomaly(kind: Anomaly, reason: string): void {
    const count = (this.anomalies.get(kind) ?? 0) + 1;
    this.anomalies.set(kind, count);
    if (count === 1) this.log.warn({ kind, reason }, 'media stream frame skipped');
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.state === 'ended') {
      this.anomaly('afterStop', 'frame after the stream ended');
      return;
    }
    const frame = parseFrame(data, isBinary);
    if (!frame.ok) {
      this.anomaly(frame.kind, frame.reason);
      return;
    }
    const message = frame.message;
    switch (message.event) {
      case 'connected':
        return;
      case 'start':
        if (this.state !== 'awaitingStart') this.anomaly('secondStart', 'a second start message');
        else this.start(message);
        return;
      case 'media':
        if (this.state !== 'streaming') this.anomaly('mediaBeforeStart', 'media before start');
        else this.media(message);
        return;
      case 'dtmf':
        // The digit is not logged: callers key in case passwords.
        this.dtmfs += 1;
        return;
      case 'mark':
        this.marks += 1;
        return;
      case 'stop':
        this.stopReceived = true;
        void this.finish('stop');
        // Twilio closes the socket after stop; closing from here too frees it either way.
        this.close(1000, 'stream stopped');
        return;
    }
  }

  private start(message: StartMessage): void {
    const { callSid, streamSid, tracks, customParameters } = message.start;
    // Audio is taken only for the call our TwiML gave this token to, before its expiry.
    const token = customParameters[STREAM_TOKEN_PARAMETER];
    const check = verifyStreamToken(this.deps.streamTokenSecret, token, callSid, this.deps.now());
    if (!check.ok) {
      this.state = 'ended';
      this.refused = true;
      this.log.warn({ callSid, streamSid, reason: check.reason }, 'media stream refused: its stream token is not valid for this call');
      this.close(1008, `stream token ${check.reason}`);
      return;
    }
    this.state = 'streaming';
    this.log = this.log.child({ callSid, streamSid });
    const unique = [...new Set(tracks)].sort() as StreamTrack[]; // inbound (the caller) first
    const recorders = new Map(unique.map((track) => [track, new TrackRecorder(path.join(this.deps.tempDir, `${streamSid}-${randomUUID()}-${track}.pcm`))] as const));
    // Each token opens one stream: a replay (even for the same call) is refused.
    const claimed = firstDelivery(this.deps.prisma, { dedupeKey: `mediaStreamToken:${token!.split('.')[2]}`, kind: 'mediaStream.start', sid: callSid, params: { streamSid } });
    const { [STREAM_TOKEN_PARAMETER]: _token, ...described } = customParameters;
    const recording = claimed
      .then((fresh) => {
        if (!fresh) throw new ReplayedStreamTokenError();
        return beginRecording(this.deps.prisma, { callSid, streamSid, customParameters: described, at: this.deps.now() });
      })
      .then(
        (started) => started,
        (error: unknown) => {
          if (error instanceof DuplicateStreamError || error instanceof ReplayedStreamTokenError) {
            this.duplicate = true;
            this.log.warn(error instanceof ReplayedStreamTokenError ? 'a stream token was used a second time; refused' : 'a stream with this StreamSid was already recorded; refused');
            this.close(1008, error instanceof ReplayedStreamTokenError ? 'stream token already used' : 'duplicate stream');
          } else {
            this.log.error({ err: error }, 'could not open the recording; retried when the stream ends');
          }
          return undefined;
        },
      );
    // A refused stream's words are not the call's either.
    const segments = new SegmentWriter(this.deps.prisma, callSid, this.log, recording, () => !this.duplicate);
    let transcription: TranscriptionSession | undefined;
    try {
      transcription = this.deps.transcriber.startSession({ callSid, streamSid, tracks: unique, sampleRate: SAMPLE_RATE }, (segment) => segments.accept(segment));
    } catch (error) {
      this.anomaly('transcriber', (error as Error).message);
    }
    this.stream = { callSid, streamSid, startedAtMs: performance.now(), tracks: recorders, recording, transcription, segments };
    this.log.info({ tracks: unique, transcriber: this.deps.transcriber.name }, 'media stream started');
  }

  private media(message: MediaMessage): void {
    const stream = this.stream!;
    const { track, payload, timestamp } = message.media;
    const recorder = stream.tracks.get(track);
    if (!recorder) {
      this.anomaly('unexpectedTrack', `media on the ${track} track, which start did not announce`);
      return;
    }
    const now = performance.now();
    this.timing.arrived(track, now);
    const bytes = Buffer.from(payload, 'base64');
    const pcm = mulaw.decode(bytes);
    const appended = recorder.append(pcm, timestamp === undefined ? undefined : Number(timestamp), now - stream.startedAtMs);
    this.frames += 1;
    if (!appended.kept || !stream.transcription) return;
    try {
      stream.transcription.write({ track, startMs: appended.startMs, pcm, mulaw: bytes });
    } catch (error) {
      this.anomaly('transcriber', (error as Error).message);
      stream.transcription = undefined;
    }
  }

  private finish(why: string): Promise<SessionOutcome> {
    this.finishing ??= this.store(why)
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'media stream could not be finished');
        return 'failed' as const;
      })
      .then((outcome) => {
        this.resolveFinished(outcome);
        return outcome;
      });
    return this.finishing;
  }

  private async store(why: string): Promise<SessionOutcome> {
    this.state = 'ended';
    const stream = this.stream;
    const counts = { frames: this.frames, dtmf: this.dtmfs, marks: this.marks, skipped: Object.fromEntries(this.anomalies) };
    if (!stream) {
      if (this.refused) return 'refused';
      this.log.info({ why, ...counts }, 'media stream closed before it started');
      return 'noStream';
    }
    const recorders = [...stream.tracks.values()];
    await Promise.all(recorders.map((recorder) => recorder.close()));
    if (stream.transcription) {
      await stream.transcription.end().catch((error: Error) => this.anomaly('transcriber', error.message));
    }
    const removeTemp = () => Promise.all(recorders.map((recorder) => rm(recorder.path, { force: true })));
    let recording = await stream.recording;
    if (this.duplicate) {
      await removeTemp();
      return 'refused';
    }
    // The database may have been away when the stream started; one more try now.
    recording ??= await beginRecording(this.deps.prisma, { callSid: stream.callSid, streamSid: stream.streamSid, customParameters: {}, at: this.deps.now() });
    const segmentCount = await stream.segments.drain();
    const outcome = this.stopReceived ? 'completed' : 'partial';
    const samples = Math.max(...recorders.map((recorder) => recorder.samples));
    const durationMs = (samples / SAMPLE_RATE) * 1000;
    const trackStats = Object.fromEntries([...stream.tracks].map(([track, recorder]) => [track, recorder.stats]));
    const summary = { why, outcome, durationMs, ...counts, tracks: trackStats, transcriptSegments: segmentCount, ...this.timing.summary() };
    const fileError = recorders.find((recorder) => recorder.error)?.error;
    if (fileError) {
      this.log.error({ err: fileError, ...summary }, 'media stream audio could not be written');
      await markRecordingFailed(this.deps.prisma, recording.recordingId, fileError.message, this.deps.now());
      await removeTemp();
      return 'failed';
    }
    try {
      const stored = await finishRecording(this.deps.prisma, this.deps.attachmentStore, {
        recordingId: recording.recordingId,
        callSid: stream.callSid,
        streamSid: stream.streamSid,
        outcome,
        durationMs,
        stats: { frames: this.frames, tracks: trackStats, skipped: counts.skipped },
        wav: wavStream(recorders.map((recorder) => ({ path: recorder.path, samples: recorder.samples }))),
        at: this.deps.now(),
      });
      await removeTemp();
      this.log.info({ ...summary, attachmentId: stored.attachmentId, caseId: stored.caseId, sizeBytes: stored.sizeBytes }, 'media stream recorded');
      return outcome;
    } catch (error) {
      // The audio stays in the temporary files, named in the log, for an operator to recover.
      this.log.error({ err: error, ...summary, tempFiles: recorders.map((recorder) => recorder.path) }, 'media stream recording could not be stored');
      await markRecordingFailed(this.deps.prisma, recording.recordingId, (error as Error).message, this.deps.now()).catch(() => undefined);
      return 'failed';
    }
  }
}
