import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AttachmentTooLargeError } from '../../storage/attachmentStore';
import { DiskStore } from '../../storage/diskStore';
import { behavesLikeAnAttachmentStore } from './storeContract';

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

describe('DiskStore', () => {
  let root: string;
  let store: DiskStore;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'disk-store-'));
    store = new DiskStore(root);
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  behavesLikeAnAttachmentStore(() => ({ store, contents: () => filesUnder(root) }));

  it('writes under a temporary name and leaves no temporary file after success or an abort', async () => {
    const stored = await store.put(Readable.from([Buffer.from('photo bytes')]));
    assert.ok((await filesUnder(root)).includes(path.join(...stored.key.split('/'))));
    await assert.rejects(store.put(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), { maxBytes: 15 }), AttachmentTooLargeError);
    assert.deepEqual(await readdir(store.incomingDir), []);
  });
});
