// A pass-through stage that hashes and counts the bytes of a write as they go by, and fails
// the write as soon as it grows past the limit (so an oversized upload is never read to its end).
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AttachmentTooLargeError } from './attachmentStore';

export class ByteMeter extends Transform {
  private readonly hash = createHash('sha256');
  private count = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.maxBytes) {
      callback(new AttachmentTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  // Not named `size`: lib-storage would read that as the length of the body before it starts.
  get byteCount(): number {
    return this.count;
  }

  /** Hex sha-256 of everything that passed; call once, after the stream has finished. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
