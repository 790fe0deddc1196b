// The API's last middleware: every error as { error: { code, message, fields? } } with its
// status. Only what nobody anticipated is a 500 (logged as an error, with its stack).
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../../config/logger';
import { fieldErrors, HttpError } from './errors';
import { databaseRefusal } from './prismaErrors';
import { temporalUnavailable } from './temporalErrors';

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof ZodError) {
      res.status(400).json({ error: { code: 'invalid_request', message: 'the request has invalid fields', fields: fieldErrors(error) } });
      return;
    }
    const refusal = databaseRefusal(error);
    if (refusal) log.warn({ err: error, url: req.path }, `database refused the input: ${refusal.status}`);
    const unavailable = refusal ? null : temporalUnavailable(error);
    if (unavailable) log.warn({ err: error, url: req.path }, 'Temporal did not answer in time: 503');
    const known = refusal ?? unavailable ?? error;
    if (known instanceof HttpError) {
      if (known.headers) res.set(known.headers);
      res.status(known.status).json({ error: { code: known.code, message: known.message, fields: known.fields } });
      return;
    }
    // body-parser errors carry a status (malformed JSON, too large).
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: (error as Error).message } });
      return;
    }
    log.error({ err: error }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
