// Errors in the spec's shape: a list of { code, description } (XML <errors><error>…) with the
// HTTP status: 404 for what does not exist, 403 for a missing or wrong api_key, and 400 for
// anything else, failures on our side included (the spec's "general service error", e.g.
// the CRM is down); those are logged as errors. Each invalid field is its own entry.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../../config/logger';
import { HttpError } from '../http/errors';
import { databaseRefusal } from '../http/prismaErrors';
import { formatOfPath, sendDocument } from './format';

export interface Open311ErrorEntry {
  /** The HTTP status, as the spec suggests. */
  code: number;
  description: string;
}

function zodEntries(error: ZodError): Open311ErrorEntry[] {
  return error.issues.map((issue) => ({ code: 400, description: issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message }));
}

function httpEntries(error: HttpError): Open311ErrorEntry[] {
  if (!error.fields || Object.keys(error.fields).length === 0) return [{ code: error.status, description: error.message }];
  return Object.entries(error.fields).map(([field, message]) => ({ code: error.status, description: `${field}: ${message}` }));
}

export function open311NotFound(): RequestHandler {
  return (req, _res, next) => next(new HttpError(404, 'not_found', `no Open311 resource ${req.method} ${req.originalUrl.split('?')[0]}`));
}

export function open311ErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const format = formatOfPath(req.path);
    if (error instanceof ZodError) return sendDocument(res, format, 400, 'errors', zodEntries(error));
    const refusal = databaseRefusal(error);
    if (refusal) log.warn({ err: error, url: req.path }, `database refused the input: ${refusal.status}`);
    const known = refusal ?? error;
    if (known instanceof HttpError) {
      if (known.headers) res.set(known.headers);
      return sendDocument(res, format, known.status, 'errors', httpEntries(known));
    }
    // Body parsers' errors carry their status (malformed JSON 400, too large 413).
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendDocument(res, format, status, 'errors', [{ code: status, description: (error as Error).message }]);
    }
    log.error({ err: error, url: req.path }, 'Open311 request failed');
    sendDocument(res, format, 400, 'errors', [{ code: 400, description: 'general service error: the request could not be processed; please tell the hotline office' }]);
  };
}
