// The S3 store against moto's S3-compatible server.
import assert from 'node:assert/strict';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { AttachmentTooLargeError } from '../../storage/attachmentStore';
import { S3Store } from '../../storage/s3Store';
import { startS3Server, type RunningS3 } from '../support/s3';
import { behavesLikeAnAttachmentStore } from './storeContract';

describe('S3Store', () => {
  const bucket = 'hotline-attachments';
  let s3: RunningS3;
  let store: S3Store;

  before(async () => {
    s3 = await startS3Server();
    await s3.createBucket(bucket);
    store = new S3Store({ client: s3.client, bucket, prefix: 'attachments/' });
  });

  after(async () => {
    await s3?.stop();
  });

  const contents = async () => {
    const objects = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const uploads = await s3.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    return [...(objects.Contents ?? []).map((o) => o.Key!), ...(uploads.Uploads ?? []).map((u) => `unfinished:${u.Key}`)].sort();
  };

  behavesLikeAnAttachmentStore(() => ({ store, contents }));

  it('aborts a multipart upload that passes the limit after its first part, leaving no parts behind', async () => {
    const before = await contents();
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const tooLong = Readable.from((function* () {
      for (let i = 0; i < 12; i++) yield chunk;
    })());
    await assert.rejects(store.put(tooLong, { maxBytes: 10 * 1024 * 1024 }), AttachmentTooLargeError);
    assert.deepEqual(await contents(), before);
  });

  it('keeps its objects under the prefix', async () => {
    const { key } = await store.put(Readable.from([Buffer.from('录音')]));
    assert.ok((await contents()).includes(`attachments/${key}`));
    assert.equal((await buffer(await store.get(key))).toString(), '录音');
  });
});
