// Keeps the final segments a transcription session reports as TranscriptSegment rows of the
// call, one insert at a time in the order they came (the session's callback cannot wait).
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import type { TranscriptSegmentEvent } from './transcriber';

export class SegmentWriter {
  private queue: Promise<void>;
  private written = 0;

  /** `ready`: resolves once the call's row exists (segments reference it); `keep`: false once the stream is refused. */
  constructor(
    private readonly prisma: Pick<PrismaClient, 'transcriptSegment'>,
    private readonly callId: string,
    private readonly log: Logger,
    ready: Promise<unknown> = Promise.resolve(),
    private readonly keep: () => boolean = () => true,
  ) {
    this.queue = ready.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Interim segments are not stored: a later final one covers the same audio. */
  accept(segment: TranscriptSegmentEvent): void {
    if (!segment.final) return;
    const text = segment.text.trim();
    if (text === '' || !Number.isFinite(segment.startMs) || !Number.isFinite(segment.endMs) || segment.endMs < segment.startMs) {
      this.log.warn({ segment }, 'transcriber emitted an unusable segment; skipped');
      return;
    }
    this.queue = this.queue.then(async () => {
      if (!this.keep()) return;
      try {
        await this.prisma.transcriptSegment.create({
          data: { id: randomUUID(), callId: this.callId, startMs: Math.round(segment.startMs), endMs: Math.round(segment.endMs), speaker: segment.speaker ?? null, text },
        });
        this.written += 1;
      } catch (error) {
        this.log.error({ err: error, callId: this.callId }, 'could not store a transcript segment');
      }
    });
  }

  /** Resolves when every accepted segment is stored (or has failed and been logged). */
  async drain(): Promise<number> {
    await this.queue;
    return this.written;
  }
}
