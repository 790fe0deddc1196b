// TRANSCRIBER=funasr: a self-hosted streaming Mandarin recogniser, the FunASR runtime's WebSocket
// service (FUNASR_URL), which government intranets deploy because no audio leaves them. Its
// protocol (github.com/modelscope/FunASR, runtime/docs/websocket_protocol.md) takes one audio
// stream per connection, so each track of a call gets its own: a JSON start message, the 8 kHz
// 16-bit PCM as binary frames, then {"is_speaking": false}. It answers JSON results:
// `2pass-online` / `online` pieces while someone speaks (each adds to the sentence so far) and,
// in 2pass mode, a `2pass-offline` result correcting the whole sentence at its end; `is_final`
// marks the last answer after the end of the audio.
//
// 2pass: the pieces are interim segments, each corrected sentence a final one. online: there is
// no correction, so each piece is kept as it comes. A recogniser that is down or drops the
// connection costs the transcript, never the call's recording (the media stream goes on).
import WebSocket from 'ws';
import type { Logger } from '../../config/logger';
import type { AudioChunk, StreamTrack, Transcriber, TranscriptSegmentEvent, TranscriptionSession, TranscriptionStreamInfo } from './transcriber';

export type FunasrMode = '2pass' | 'online';

export interface FunasrOptions {
  url: string;
  mode: FunasrMode;
  /** The runtime's hotword string: a JSON object of word → weight. */
  hotwords?: string;
  log: Logger;
  /** How long end() waits for the last answer after the end of the audio. */
  finalAnswerTimeoutMs?: number;
}

/** [5, 10, 5]: 600 ms chunks with 300 ms of look-back and look-ahead, the runtime's own default latency. */
const CHUNK_SIZE = [5, 10, 5] as const;
const SAMPLES_PER_MS = 8;
const DEFAULT_FINAL_ANSWER_TIMEOUT_MS = 10_000;
/** Audio kept while the connection opens: 30 s at 16 kB/s; beyond it the recogniser is too slow to help. */
const MAX_PENDING_BYTES = 30 * 16_000;

/** What the runtime answers (runtime/docs/websocket_protocol.md, "Sending Recognition Results"). */
interface FunasrResult {
  mode?: string;
  text?: string;
  is_final?: boolean;
  /** "[[100,200],[200,500]]": each character's span in ms, when the model gives timestamps. */
  timestamp?: string;
  stamp_sents?: { start?: number; end?: number }[];
}

export function funasrTranscriber(options: FunasrOptions): Transcriber {
  return {
    name: 'funasr',
    startSession(info, onSegment): TranscriptionSession {
      const tracks = new Map<StreamTrack, TrackRecognition>();
      return {
        write(chunk: AudioChunk) {
          let recognition = tracks.get(chunk.track);
          if (!recognition) {
            recognition = new TrackRecognition(options, info, chunk.track, chunk.startMs, onSegment);
            tracks.set(chunk.track, recognition);
          }
          recognition.write(chunk);
        },
        async end() {
          await Promise.all([...tracks.values()].map((recognition) => recognition.end()));
        },
      };
    },
  };
}

/** One track's connection to the recogniser, and where its sentences fall on the call's time line. */
class TrackRecognition {
  private readonly socket: WebSocket;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private failed = false;
  /** Ms of audio handed to the socket (the recogniser's own time line starts at `originMs`). */
  private sentMs = 0;
  private sentence = '';
  /** Where the sentence being heard starts, on the recogniser's time line. */
  private sentenceStartMs = 0;
  private readonly answered: Promise<void>;
  private finish!: () => void;

  constructor(
    private readonly options: FunasrOptions,
    private readonly info: TranscriptionStreamInfo,
    private readonly track: StreamTrack,
    /** The call time of the track's first sample: the recogniser counts from it. */
    private readonly originMs: number,
    private readonly onSegment: (segment: TranscriptSegmentEvent) => void,
  ) {
    this.answered = new Promise((resolve) => (this.finish = resolve));
    this.socket = new WebSocket(options.url);
    this.socket.on('open', () => {
      this.socket.send(JSON.stringify({
        mode: options.mode,
        wav_name: `${info.callSid}-${track}`,
        wav_format: 'pcm',
        audio_fs: info.sampleRate,
        is_speaking: true,
        chunk_size: CHUNK_SIZE,
        itn: true,
        ...(options.hotwords ? { hotwords: options.hotwords } : {}),
      }));
      for (const audio of this.pending) this.socket.send(audio);
      this.pending = [];
    });
    this.socket.on('message', (data, isBinary) => this.onAnswer(data, isBinary));
    this.socket.on('error', (error) => this.fail(error.message));
    this.socket.on('close', () => this.finish());
  }

  write(chunk: AudioChunk): void {
    if (this.failed) return;
    // Int16Array is little-endian on every platform Node runs on, as the runtime wants it.
    const audio = Buffer.from(chunk.pcm.buffer, chunk.pcm.byteOffset, chunk.pcm.byteLength);
    this.sentMs += chunk.pcm.length / SAMPLES_PER_MS;
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(audio);
    } else if (this.socket.readyState === WebSocket.CONNECTING) {
      if (this.pendingBytes + audio.length > MAX_PENDING_BYTES) return this.fail('the recogniser did not accept the connection within 30 s of audio');
      this.pending.push(audio);
      this.pendingBytes += audio.length;
    }
  }

  /** The end of the audio: says so, then waits for the last answer (or the connection's end). */
  async end(): Promise<void> {
    if (!this.failed) {
      if (this.socket.readyState === WebSocket.CONNECTING) await Promise.race([new Promise((resolve) => this.socket.once('open', resolve)), this.answered]);
      if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ is_speaking: false }));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(() => {
        this.options.log.warn({ callSid: this.info.callSid, track: this.track }, 'FunASR sent no final answer in time; its transcript may lack the last sentence');
        resolve();
      }, this.options.finalAnswerTimeoutMs ?? DEFAULT_FINAL_ANSWER_TIMEOUT_MS)));
      await Promise.race([this.answered, timeout]);
      clearTimeout(timer);
    }
    this.socket.terminate();
  }

  private onAnswer(data: WebSocket.RawData, isBinary: boolean): void {
    let result: FunasrResult;
    try {
      if (isBinary) throw new Error('binary');
      result = JSON.parse(data.toString()) as FunasrResult;
    } catch {
      this.options.log.warn({ callSid: this.info.callSid, track: this.track }, 'FunASR sent something that is not a JSON result; ignored');
      return;
    }
    const text = typeof result.text === 'string' ? result.text : '';
    if (result.mode === '2pass-offline' || result.mode === 'offline') this.sentenceCorrected(text, result);
    else if (text !== '' && result.mode === '2pass-online') {
      this.sentence += text;
      this.emit(this.sentenceStartMs, this.sentMs, this.sentence, false);
    }
    else if (text !== '' && result.mode === 'online') {
      // No correction will come: each piece is kept, from where the last one ended.
      this.emit(this.sentenceStartMs, this.sentMs, text, true);
      this.sentenceStartMs = this.sentMs;
    }
    if (result.is_final === true) this.finish();
  }

  private sentenceCorrected(text: string, result: FunasrResult): void {
    const [startMs, endMs] = this.spanOf(result) ?? [this.sentenceStartMs, this.sentMs];
    if (text.trim() !== '') this.emit(startMs, endMs, text, true);
    this.sentence = '';
    this.sentenceStartMs = Math.max(endMs, this.sentenceStartMs);
  }

  /**
   * The sentence's span from the result's own timestamps, when they fit the audio sent and come
   * after the previous sentence; otherwise null (the span is then where the sentence was heard).
   */
  private spanOf(result: FunasrResult): [number, number] | null {
    let spans: number[][] = [];
    if (Array.isArray(result.stamp_sents) && result.stamp_sents.length > 0) {
      spans = result.stamp_sents.map((s) => [Number(s.start), Number(s.end)]);
    } else if (typeof result.timestamp === 'string') {
      try {
        const parsed: unknown = JSON.parse(result.timestamp);
        if (Array.isArray(parsed)) spans = parsed.filter((s): s is number[] => Array.isArray(s) && s.length === 2);
      } catch {
        return null;
      }
    }
    if (spans.length === 0) return null;
    const start = spans[0]![0]!;
    const end = spans[spans.length - 1]![1]!;
    const fits = Number.isFinite(start) && Number.isFinite(end) && start >= this.sentenceStartMs && start <= end && end <= this.sentMs;
    return fits ? [start, end] : null;
  }

  private emit(startMs: number, endMs: number, text: string, final: boolean): void {
    this.onSegment({ startMs: this.originMs + startMs, endMs: this.originMs + endMs, text, speaker: this.track, final });
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.pending = [];
    this.options.log.warn({ callSid: this.info.callSid, track: this.track, url: this.options.url, reason }, 'FunASR recognition failed; the call is recorded without this track’s transcript');
    this.finish();
  }
}
