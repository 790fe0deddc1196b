// Streams an attachment's bytes to the client: the whole file or one byte range (206), with
// headers that make a browser treat it as exactly the type that was checked at upload.
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../../config/logger';
import { AttachmentNotFoundError, type AttachmentStore } from '../../storage/attachmentStore';
import { HttpError } from '../http/errors';
import { parseRange } from './byteRange';
import { contentDisposition } from './contentDisposition';
import { showsInline } from './contentTypes';

export interface ContentToSend {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export async function sendContent(req: Request, res: Response, store: AttachmentStore, file: ContentToSend, options: { inline: boolean; log: Logger }): Promise<void> {
  const size = file.sizeBytes;
  const etag = `"${file.sha256}"`;
  // A range of a different version would corrupt a resumed download; If-Range guards that.
  const ifRange = req.get('if-range');
  const requested = ifRange !== undefined && ifRange !== etag ? { kind: 'whole' as const } : parseRange(req.get('range'), size);
  if (requested.kind === 'unsatisfiable') {
    throw new HttpError(416, 'range_not_satisfiable', `the file has ${size} bytes`, undefined, { 'Content-Range': `bytes */${size}` });
  }
  const range = requested.kind === 'partial' ? requested.range : undefined;
  let body;
  try {
    body = req.method === 'HEAD' ? null : await store.get(file.storageKey, range);
  } catch (error) {
    if (error instanceof AttachmentNotFoundError) {
      options.log.error({ attachmentId: file.id, storageKey: file.storageKey }, 'attachment bytes missing from the store');
      throw new HttpError(404, 'not_found', `the content of attachment ${file.id} is missing`);
    }
    throw error;
  }
  res.status(range ? 206 : 200);
  res.set({
    'Content-Type': file.contentType,
    'Content-Length': String(range ? range.end - range.start + 1 : size),
    'Content-Disposition': contentDisposition(file.fileName, options.inline && showsInline(file.contentType) ? 'inline' : 'attachment'),
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-cache',
    ETag: etag,
  });
  if (range) res.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  if (!body) {
    res.end();
    return;
  }
  try {
    await pipeline(body, res);
  } catch (error) {
    // Mostly a client that stopped listening (a player seeking elsewhere): nothing to answer.
    options.log.debug({ err: error, attachmentId: file.id }, 'attachment download ended early');
  }
}
