// Where the bytes of attachments live (photos, documents, call recordings), behind one
// interface so that the API and the worker's activities store them the same way on disk or in
// S3-compatible object storage. The database row (Attachment) holds the metadata and the key.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/** What a store reports after a complete write. */
export interface StoredObject {
  key: string;
  size: number;
  /** Lower-case hex sha-256 of the bytes, computed while they streamed through. */
  sha256: string;
}

/** Inclusive byte positions, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutOptions {
  /** More bytes than this fail the write with AttachmentTooLargeError and leave nothing. */
  maxBytes?: number;
}

export interface AttachmentStore {
  /** Streams the bytes in; either all of them are stored under a new key or nothing is. */
  put(source: Readable, options?: PutOptions): Promise<StoredObject>;
  /** The bytes of a key, or of a range of them; AttachmentNotFoundError when there are none. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes a key; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export class AttachmentTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
  }
}

export class AttachmentNotFoundError extends Error {
  constructor(key: string) {
    super(`no stored object ${key}`);
  }
}

// Keys are minted by the store, never taken from a request: year/month folders keep
// directories small, and the pattern lets a store refuse anything else (no "../").
const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newStorageKey(now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomUUID()}`;
}

export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new AttachmentNotFoundError(key);
}
