// The seam between call audio and speech-to-text. The media-stream server opens one session per
// stream, feeds it the audio as it arrives (both as 16-bit PCM and as the µ-law bytes Twilio
// sent, so a provider takes whichever it wants without converting again) and ends it when the
// stream ends. A session reports what it heard as timed segments; interim ones (final: false)
// may be revised by later ones, final ones are kept (TranscriptSegment rows of the call).

/** Media Streams tracks: inbound is the caller, outbound what the call plays or the operator says. */
export type StreamTrack = 'inbound' | 'outbound';

export interface AudioChunk {
  track: StreamTrack;
  /** Where the chunk starts on the call's time line, in ms since the stream started. */
  startMs: number;
  /** 8 kHz mono 16-bit samples. */
  pcm: Int16Array;
  /** The same samples as G.711 µ-law bytes, as received. */
  mulaw: Uint8Array;
}

export interface TranscriptSegmentEvent {
  startMs: number;
  endMs: number;
  text: string;
  /** Who spoke, when the provider can tell (e.g. the track, or a diarised speaker label). */
  speaker?: string;
  /** False for an interim hypothesis that a later segment replaces. */
  final: boolean;
}

export interface TranscriptionStreamInfo {
  callSid: string;
  streamSid: string;
  tracks: StreamTrack[];
  sampleRate: 8000;
}

export interface TranscriptionSession {
  /** Called for every chunk in arrival order; must not block (queue work, don't await it). */
  write(chunk: AudioChunk): void;
  /** The stream ended (stop or close): flush, emit the last segments, then resolve. */
  end(): Promise<void>;
}

export interface Transcriber {
  /** The TRANSCRIBER setting that selects it (logged with each stream). */
  readonly name: string;
  startSession(info: TranscriptionStreamInfo, onSegment: (segment: TranscriptSegmentEvent) => void): TranscriptionSession;
}
