// What the message-template endpoints accept. Exported for the OpenAPI document.
import { z } from 'zod';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason } from '../http/fields';

export const templateListFilter = z.object({ id: idFilter, channel: z.string().max(20), q: z.string().trim().min(1).max(50) }).partial().strict();

export const TEMPLATE_SORTABLE = ['id', 'channel', 'updatedAt'] as const;

export const templateListQuery = z.object({
  filter: jsonParam(templateListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(TEMPLATE_SORTABLE).optional(),
});

export const templateParams = z.object({ id: z.string().min(1).max(100) });

/** The texts; their placeholders are checked against what the template's renderer fills in. */
export const templateUpdateBody = z
  .object({
    /** Chinese text, as sent. */
    body: z.string().trim().min(1, 'required').max(500, 'at most 500 characters'),
    bodyEn: z.string().trim().max(1000, 'at most 1000 characters').nullable(),
    description: z.string().trim().min(1, 'required').max(200),
    reason: optionalReason,
  })
  .partial();

export type TemplateUpdateBody = z.output<typeof templateUpdateBody>;
