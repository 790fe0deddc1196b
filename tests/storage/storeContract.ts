// What every AttachmentStore must do, run against each implementation by its own test file.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { AttachmentNotFoundError, AttachmentTooLargeError, type AttachmentStore } from '../../storage/attachmentStore';

export interface StoreUnderTest {
  store: AttachmentStore;
  /** Everything the store holds (objects, temporary files, unfinished uploads), to prove a failure left nothing. */
  contents(): Promise<string[]>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A stream in small chunks, as an upload arrives from the network. */
function chunked(bytes: Buffer, chunkSize = 1000): Readable {
  return Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  })());
}

/** A generated stream of `size` bytes that is never held whole in memory. */
function generated(size: number, seed: Buffer): { stream: Readable; sha256: string } {
  const hash = createHash('sha256');
  let sent = 0;
  while (sent < size) {
    const chunk = seed.subarray(0, Math.min(seed.length, size - sent));
    hash.update(chunk);
    sent += chunk.length;
  }
  const stream = Readable.from((function* () {
    for (let at = 0; at < size; at += seed.length) yield seed.subarray(0, Math.min(seed.length, size - at));
  })());
  return { stream, sha256: hash.digest('hex') };
}

export function behavesLikeAnAttachmentStore(subject: () => StoreUnderTest): void {
  it('stores a stream and gives the same bytes back, with their size and sha-256', async () => {
    const { store } = subject();
    const bytes = randomBytes(25_000);
    const stored = await store.put(chunked(bytes));
    assert.match(stored.key, /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    assert.equal(stored.size, bytes.length);
    assert.equal(stored.sha256, sha256(bytes));
    assert.deepEqual(await buffer(await store.get(stored.key)), bytes);
  });

  it('reads a byte range', async () => {
    const { store } = subject();
    const bytes = randomBytes(5000);
    const { key } = await store.put(chunked(bytes));
    assert.deepEqual(await buffer(await store.get(key, { start: 1000, end: 1999 })), bytes.subarray(1000, 2000));
    assert.deepEqual(await buffer(await store.get(key, { start: 4990, end: 4999 })), bytes.subarray(4990));
  });

  it('streams a file larger than an upload part without holding it', async () => {
    const { store } = subject();
    const size = 12 * 1024 * 1024 + 123;
    const { stream, sha256: expected } = generated(size, randomBytes(64 * 1024));
    const stored = await store.put(stream);
    assert.equal(stored.size, size);
    assert.equal(stored.sha256, expected);
    assert.equal(sha256(await buffer(await store.get(stored.key))), expected);
    await store.delete(stored.key);
  });

  it('refuses a stream past the limit and keeps nothing of it', async () => {
    const { store, contents } = subject();
    const before = await contents();
    await assert.rejects(store.put(chunked(randomBytes(3000)), { maxBytes: 2999 }), AttachmentTooLargeError);
    assert.deepEqual(await contents(), before);
    const exact = await store.put(chunked(randomBytes(2999)), { maxBytes: 2999 });
    assert.equal(exact.size, 2999, 'the limit itself is allowed');
  });

  it('keeps nothing of a stream that fails half-way', async () => {
    const { store, contents } = subject();
    const before = await contents();
    const failing = Readable.from((async function* () {
      yield randomBytes(4000);
      throw new Error('client went away');
    })());
    await assert.rejects(store.put(failing), /client went away/);
    assert.deepEqual(await contents(), before);
  });

  it('reports a missing or malformed key as not found, and deletes idempotently', async () => {
    const { store } = subject();
    await assert.rejects(store.get('2026/11/00000000-0000-4000-8000-000000000000'), AttachmentNotFoundError);
    await assert.rejects(store.get('../../etc/passwd'), AttachmentNotFoundError);
    const { key } = await store.put(chunked(Buffer.from('evidence')));
    await store.delete(key);
    await assert.rejects(store.get(key), AttachmentNotFoundError);
    await store.delete(key);
  });
}
