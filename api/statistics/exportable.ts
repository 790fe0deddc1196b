// `?format=csv|xlsx` for any JSON table endpoint, in one line:
//
//   router.get('/indicators', exportable(indicatorsTable), handler)
//
// The handler answers its JSON as usual (res.json(body)); with ?format=csv or xlsx the answer
// is instead `toTable(body)`, streamed as a download with a UTF-8 file name. Errors (any status
// from 300 up) still answer JSON. The handler's query schema must accept `format`
// (spread `exportFormatField` into it).
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { contentDisposition } from '../attachments/contentDisposition';
import { HttpError } from '../http/errors';
import { presentForReader } from '../privacy/maskResponses';
import { CSV_CONTENT_TYPE, writeCsv } from '../../statistics/export/csv';
import type { Table } from '../../statistics/export/table';
import { writeXlsx, XLSX_CONTENT_TYPE } from '../../statistics/export/xlsx';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** For the endpoint's query schema: `z.object({ ...exportFormatField, month: … })`. */
export const exportFormatField = { format: z.enum(EXPORT_FORMATS, { error: 'json, csv or xlsx' }).optional() };

/** What the OpenAPI description lists as the answer's media types. */
export const EXPORT_MEDIA_TYPES = ['application/json', 'text/csv', XLSX_CONTENT_TYPE];

/** Streams a table as a download. */
export async function sendTable<Row>(res: Response, table: Table<Row>, format: 'csv' | 'xlsx'): Promise<void> {
  res.status(200);
  res.set({
    'Content-Type': format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
    'Content-Disposition': contentDisposition(`${table.fileName ?? table.title}.${format}`),
    // Statistics are computed per request; a shared cache must not keep a unit's figures.
    'Cache-Control': 'private, no-store',
  });
  if (format === 'csv') await writeCsv(table, res);
  else await writeXlsx(table, res);
}

export function exportable<Body>(toTable: (body: Body, req: Request) => Table<any>): RequestHandler {
  return (req, res, next) => {
    const parsed = exportFormatField.format.safeParse(req.query.format);
    if (!parsed.success) return next(new HttpError(400, 'invalid_request', 'the request has invalid fields', { format: 'json, csv or xlsx' }));
    const format = parsed.data;
    if (format === undefined || format === 'json') return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 300) return json(body);
      // The body as its reader may see it (a unit's: citizens masked, api/privacy) becomes the table.
      presentForReader(res, body).then((shown) => sendTable(res, toTable(shown as Body, req), format)).catch((error: unknown) => {
        // Headers are gone once streaming began: all that is left is to cut the download short.
        req.log?.error({ err: error }, 'statistics export failed');
        res.destroy(error as Error);
      });
      return res;
    };
    next();
  };
}
