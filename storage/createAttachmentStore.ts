// The store the configuration names (ATTACHMENT_STORE), for the API and the worker alike.
import type { Env } from '../config/env';
import type { AttachmentStore } from './attachmentStore';
import { DiskStore } from './diskStore';
import { createS3Client, S3Store } from './s3Store';

export function createAttachmentStore(env: Env): AttachmentStore {
  if (env.ATTACHMENT_STORE === 'disk') return new DiskStore(env.attachmentDir);
  const client = createS3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
  // loadEnv refuses ATTACHMENT_STORE=s3 without a bucket.
  return new S3Store({ client, bucket: env.S3_BUCKET! });
}
