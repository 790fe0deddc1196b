// Attachments as files under one folder: <root>/<yyyy>/<mm>/<uuid>. A write goes to
// <root>/.incoming/ first and is renamed into place only when complete and flushed, so a
// failed or aborted upload never leaves a file that looks stored (rename is atomic within one
// file system, which is why the temporary folder sits inside the root).
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, AttachmentNotFoundError, newStorageKey, type AttachmentStore, type ByteRange, type PutOptions, type StoredObject } from './attachmentStore';
import { ByteMeter } from './byteMeter';

export class DiskStore implements AttachmentStore {
  readonly incomingDir: string;

  constructor(readonly root: string) {
    this.incomingDir = path.join(root, '.incoming');
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredObject> {
    const key = newStorageKey();
    const temporary = path.join(this.incomingDir, `${randomUUID()}.part`);
    await mkdir(this.incomingDir, { recursive: true });
    const meter = new ByteMeter(options.maxBytes);
    try {
      await pipeline(source, meter, createWriteStream(temporary, { flags: 'wx', flush: true }));
      const final = this.pathOf(key);
      await mkdir(path.dirname(final), { recursive: true });
      await rename(temporary, final);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { key, size: meter.byteCount, sha256: meter.digest() };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    // Opened before the stream is handed out, so that a missing file is a clean error
    // rather than a stream that fails after the response headers are sent.
    const file = await open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new AttachmentNotFoundError(key) : error;
    });
    return file.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}
