// Takes the files of a multipart/form-data request straight from the socket into the store,
// one after the other: each one's type is read from its first bytes, its size is capped while
// it streams, and the request is all or nothing — on any refusal every file already stored for
// it is removed again.
import type { Request } from 'express';
import busboy from 'busboy';
import type { Readable } from 'node:stream';
import { AttachmentTooLargeError, type AttachmentStore, type StoredObject } from '../../storage/attachmentStore';
import { HttpError } from '../http/errors';
import { acceptedContentType, ALLOWED_TYPES_DESCRIPTION } from './contentTypes';
import { cleanFileName } from './fileName';
import { sniffContent } from './sniffContent';

export interface UploadLimits {
  maxBytes: number;
  maxFiles: number;
}

export interface ReceivedFile {
  fileName: string;
  contentType: string;
  stored: StoredObject;
}

export interface ReceivedUpload {
  files: ReceivedFile[];
  fields: Record<string, string>;
}

async function storeFile(source: Readable, rawName: string | undefined, store: AttachmentStore, maxBytes: number): Promise<ReceivedFile> {
  const fileName = cleanFileName(rawName);
  const sniffed = await sniffContent(source);
  if (sniffed.empty) {
    source.destroy();
    throw new HttpError(400, 'empty_file', `${fileName} is empty`);
  }
  const contentType = acceptedContentType(sniffed.detectedMime, fileName);
  if (!contentType) {
    source.destroy();
    const what = sniffed.detectedMime ? `its content is ${sniffed.detectedMime}` : 'its content is of no recognised type';
    throw new HttpError(415, 'unsupported_type', `${fileName} is refused: ${what}; allowed are ${ALLOWED_TYPES_DESCRIPTION}`);
  }
  try {
    return { fileName, contentType, stored: await store.put(sniffed.stream, { maxBytes }) };
  } catch (error) {
    if (error instanceof AttachmentTooLargeError) throw new HttpError(413, 'file_too_large', `${fileName} is larger than the limit of ${maxBytes} bytes`);
    throw error;
  }
}

export async function receiveUpload(req: Request, store: AttachmentStore, limits: UploadLimits): Promise<ReceivedUpload> {
  if (!req.is('multipart/form-data')) throw new HttpError(415, 'unsupported_media_type', 'send the files as multipart/form-data');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send file names as raw UTF-8; busboy would read them as Latin-1.
      defParamCharset: 'utf8',
      limits: { files: limits.maxFiles, fields: 20, fieldNameSize: 100, fieldSize: 1024, parts: limits.maxFiles + 20 },
    });
  } catch (error) {
    throw new HttpError(400, 'invalid_multipart', `the multipart body cannot be read: ${(error as Error).message}`);
  }

  const fields: Record<string, string> = {};
  const files: (ReceivedFile | undefined)[] = [];
  const storing: Promise<void>[] = [];
  let failure: unknown = null;

  await new Promise<void>((resolve) => {
    const fail = (error: unknown) => {
      if (failure) return;
      failure = error;
      resolve();
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new HttpError(400, 'invalid_request', `the field ${name} is too long`));
      else fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      if (failure) {
        stream.resume();
        return;
      }
      // A file's last write may finish after the next one's: keep the order of the request.
      const position = storing.length;
      storing.push(storeFile(stream, info.filename, store, limits.maxBytes).then((file) => void (files[position] = file), fail));
    });
    parser.on('filesLimit', () => fail(new HttpError(413, 'too_many_files', `at most ${limits.maxFiles} files in one upload`)));
    parser.on('fieldsLimit', () => fail(new HttpError(400, 'invalid_request', 'too many fields')));
    parser.on('partsLimit', () => fail(new HttpError(400, 'invalid_request', 'too many parts')));
    parser.on('error', (error: Error) => fail(new HttpError(400, 'invalid_multipart', `the multipart body cannot be read: ${error.message}`)));
    parser.on('close', () => resolve());
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new HttpError(400, 'upload_aborted', 'the client closed the connection before the upload was complete'));
    });
    req.pipe(parser);
  });

  if (failure) {
    // Stop reading: the file being written fails (and removes its temporary object), and the
    // rest of the body is read and dropped while the connection closes.
    req.unpipe(parser);
    parser.destroy();
    req.resume();
  }
  await Promise.allSettled(storing);
  const stored = files.filter((file): file is ReceivedFile => file !== undefined);
  if (!failure && stored.length === 0) failure = new HttpError(400, 'no_files', 'the upload has no file');
  if (failure) {
    await Promise.allSettled(stored.map((file) => store.delete(file.stored.key)));
    if (failure instanceof HttpError && !req.complete) throw new HttpError(failure.status, failure.code, failure.message, failure.fields, { Connection: 'close' });
    throw failure;
  }
  return { files: stored, fields };
}
