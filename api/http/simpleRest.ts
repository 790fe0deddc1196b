// react-admin's simple-REST conventions for the admin resources' lists:
//   ?filter={"active":true,"id":["a","b"]}&range=[0,24]&sort=["name","ASC"]
// answered with a Content-Range header. Without a range the whole (filtered) list comes back,
// which is what the console's pickers of small reference tables ask for.
import type { Response } from 'express';
import { z } from 'zod';
import { carrierText, identifier } from '../../rules/text';

/** The most rows one page may ask for. */
export const MAX_PAGE_ROWS = 1000;

/** A query parameter holding JSON, validated by `schema`. */
export function jsonParam<T extends z.ZodType>(schema: T) {
  return carrierText()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** react-admin's getMany asks `filter={"id":[…]}`; a single id is accepted too. */
export const idFilter = z.union([identifier(200), z.array(identifier(200)).max(MAX_PAGE_ROWS)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const rangeParam = jsonParam(
  z.tuple([z.number().int().min(0), z.number().int().min(0)]).refine(([start, end]) => end >= start && end - start < MAX_PAGE_ROWS, `[start, end] with end ≥ start, at most ${MAX_PAGE_ROWS} rows`),
);

export function sortParam<const S extends readonly [string, ...string[]]>(sortable: S) {
  return jsonParam(z.tuple([z.enum(sortable), z.enum(['ASC', 'DESC'])]));
}

export type Range = [number, number];

/** Prisma's skip/take for a range (all rows without one). */
export function pageOf(range: Range | undefined): { skip?: number; take?: number } {
  return range ? { skip: range[0], take: range[1] - range[0] + 1 } : {};
}

export function orderOf<F extends string>(sort: [F, 'ASC' | 'DESC']): Record<F, 'asc' | 'desc'> {
  return { [sort[0]]: sort[1] === 'ASC' ? 'asc' : 'desc' } as Record<F, 'asc' | 'desc'>;
}

/** Sends one page with `Content-Range: <resource> <first>-<last>/<total>`. */
/** `total` null: unknown, more than the page shows (Content-Range's `*`, RFC 9110 §14.4). */
export function sendList(res: Response, resource: string, rows: unknown[], total: number | null, range: Range | undefined): void {
  const start = range?.[0] ?? 0;
  const end = rows.length === 0 ? start : start + rows.length - 1;
  // app.ts's CORS exposes Content-Range to consoles served elsewhere.
  res.set('Content-Range', `${resource} ${start}-${end}/${total ?? '*'}`).json(rows);
}
