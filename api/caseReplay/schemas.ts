// Query parameters of the replay routes: instants as ISO 8601 with an offset (or Z).
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with an offset, e.g. 2026-11-23T10:00:00+08:00' }).transform((iso) => Date.parse(iso));

/** Without asOf: the latest state. */
export const stateQuery = z.object({ asOf: instant.optional() });

export const stateDiffQuery = z
  .object({ from: instant, to: instant })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
