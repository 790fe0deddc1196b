// One track of a stream on its way to disk: 16-bit PCM samples appended to a temporary raw
// file, so a long call never sits in memory (about one second per track is buffered).
//
// Time line: Twilio stamps every frame with its time since the stream started. A frame that
// arrives a whole frame (20 ms) or more after where the recording has got to means audio was
// lost on the way (or the caller's network dropped out); the gap is filled with silence so the
// recording keeps the call's time (a transcript segment at 01:05 is at 01:05 in the WAV).
// Smaller differences are jitter and ignored. The fill can never run ahead of the wall clock
// (plus one second of slack), so a sender cannot inflate a recording with a made-up timestamp.
import { open, type FileHandle } from 'node:fs/promises';

export const SAMPLE_RATE = 8000;
const SAMPLES_PER_MS = SAMPLE_RATE / 1000;
const FRAME_SAMPLES = 160;
const FLUSH_BYTES = SAMPLE_RATE * 2;
const WALL_CLOCK_SLACK_MS = 1000;
/** Longer than any call the hotline takes; past it frames are dropped (and counted). */
export const MAX_RECORDING_MS = 4 * 60 * 60 * 1000;

export interface AppendResult {
  /** Where the appended samples start, in ms of the recording. */
  startMs: number;
  /** False when the recording is full or the file failed: nothing was kept. */
  kept: boolean;
}

export class TrackRecorder {
  /** Samples in the recording so far, silence fill included. */
  private position = 0;
  private receivedSamples = 0;
  private filledSamples = 0;
  private droppedSamples = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private writes: Promise<void>;
  private file: FileHandle | undefined;
  private failure: Error | undefined;
  private closed = false;

  constructor(readonly path: string) {
    this.writes = open(path, 'w').then(
      (file) => {
        this.file = file;
      },
      (error: Error) => {
        this.failure = error;
      },
    );
  }

  /**
   * Appends a frame. `timestampMs` is Twilio's media.timestamp; `elapsedMs` the wall-clock
   * time since the stream started here, which bounds any silence fill.
   */
  append(pcm: Int16Array, timestampMs: number | undefined, elapsedMs: number): AppendResult {
    if (this.closed || this.failure) return { startMs: this.position / SAMPLES_PER_MS, kept: false };
    if (timestampMs !== undefined) {
      const target = Math.min(timestampMs, elapsedMs + WALL_CLOCK_SLACK_MS, MAX_RECORDING_MS) * SAMPLES_PER_MS;
      const gap = Math.floor(target) - this.position;
      if (gap >= FRAME_SAMPLES) {
        // In pieces of at most a second: a long dropout must not become one huge allocation.
        for (let left = gap; left > 0; left -= SAMPLE_RATE) this.buffer(Buffer.alloc(Math.min(left, SAMPLE_RATE) * 2));
        this.position += gap;
        this.filledSamples += gap;
      }
    }
    const startMs = this.position / SAMPLES_PER_MS;
    if (this.position + pcm.length > MAX_RECORDING_MS * SAMPLES_PER_MS) {
      this.droppedSamples += pcm.length;
      return { startMs, kept: false };
    }
    // Copied (a Uint8Array view is copied byte for byte): the caller may reuse its buffer.
    this.buffer(Buffer.from(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength)));
    this.position += pcm.length;
    this.receivedSamples += pcm.length;
    return { startMs, kept: true };
  }

  private buffer(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.writes = this.writes.then(async () => {
      if (this.failure || !this.file) return;
      try {
        await this.file.write(chunk);
      } catch (error) {
        this.failure = error as Error;
      }
    });
  }

  /** Writes what is buffered and closes the file; the recorder takes nothing afterwards. */
  async close(): Promise<void> {
    if (this.closed) return this.writes;
    this.closed = true;
    this.flush();
    this.writes = this.writes.then(async () => {
      await this.file?.close().catch((error: Error) => {
        this.failure ??= error;
      });
    });
    return this.writes;
  }

  get samples(): number {
    return this.position;
  }

  get stats() {
    return {
      receivedMs: this.receivedSamples / SAMPLES_PER_MS,
      filledMs: this.filledSamples / SAMPLES_PER_MS,
      droppedMs: this.droppedSamples / SAMPLES_PER_MS,
    };
  }

  /** The file error that stopped the recording, if any. */
  get error(): Error | undefined {
    return this.failure;
  }
}
