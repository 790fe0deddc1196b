// Reads the first bytes of an upload to learn its type from them, then hands on a stream that
// still yields every byte (the head first), so the upload is never held whole in memory.
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

/** Enough for file-type to look inside an Office (zip) container at its first entries. */
const SAMPLE_BYTES = 64 * 1024;

export interface SniffedStream {
  /** What the bytes are, by their magic numbers; undefined when file-type cannot tell. */
  detectedMime: string | undefined;
  /** True when the stream ended before a single byte. */
  empty: boolean;
  stream: Readable;
}

export async function sniffContent(source: Readable, sampleBytes = SAMPLE_BYTES): Promise<SniffedStream> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < sampleBytes) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const headBytes = Buffer.concat(head);
  const detected = await fileTypeFromBuffer(headBytes);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      yield headBytes;
      if (ended) return;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } finally {
      // Stopped early (too large, refused): let the source go as well.
      await chunks.return?.();
    }
  }
  return { detectedMime: detected?.mime, empty: headLength === 0, stream: Readable.from(replay(), { objectMode: false }) };
}
