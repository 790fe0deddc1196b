// Attachments as objects in an S3-compatible bucket (AWS, MinIO, Ceph, a cloud's object
// storage). Uploads of unknown length go through lib-storage's Upload, which sends one
// PutObject for a small file and a multipart upload otherwise, holding at most
// queueSize × partSize bytes in memory; a failed upload is aborted, so no object appears.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pipeline, Readable } from 'node:stream';
import { assertStorageKey, AttachmentNotFoundError, newStorageKey, type AttachmentStore, type ByteRange, type PutOptions, type StoredObject } from './attachmentStore';
import { ByteMeter } from './byteMeter';

export interface S3StoreOptions {
  client: S3Client;
  bucket: string;
  /** Prepended to every key, e.g. "attachments/", when the bucket is shared. */
  prefix?: string;
}

const PART_SIZE = 8 * 1024 * 1024;

export interface S3Connection {
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** A client for AWS or any S3-compatible service; without keys, the SDK's usual chain applies. */
export function createS3Client(connection: S3Connection): S3Client {
  const config: S3ClientConfig = {
    region: connection.region,
    endpoint: connection.endpoint,
    forcePathStyle: connection.forcePathStyle,
    // Self-hosted S3-compatible services often lack the newer default checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (connection.accessKeyId && connection.secretAccessKey) {
    config.credentials = { accessKeyId: connection.accessKeyId, secretAccessKey: connection.secretAccessKey };
  }
  return new S3Client(config);
}

export class S3Store implements AttachmentStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredObject> {
    const key = newStorageKey();
    const meter = new ByteMeter(options.maxBytes);
    // The stream's own error (too large, client gone) explains a failure better than the SDK's.
    let streamError: Error | null = null;
    const body = pipeline(source, meter, (error) => {
      streamError ??= error ?? null;
    });
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: this.objectKey(key), Body: body }, partSize: PART_SIZE, queueSize: 2 });
    try {
      await upload.done();
      if (streamError) throw streamError;
    } catch (error) {
      // A small upload fails before its one PutObject; this covers a failure after it.
      await this.delete(key).catch(() => undefined);
      throw streamError ?? error;
    }
    return { key, size: meter.byteCount, sha256: meter.digest() };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      if (!(object.Body instanceof Readable)) throw new Error(`the S3 client returned no Node stream for ${key}`);
      return object.Body;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new AttachmentNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  private objectKey(key: string): string {
    return `${this.prefix}${key}`;
  }
}
