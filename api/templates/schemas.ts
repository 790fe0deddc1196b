// What the message-template endpoints accept. Exported for the OpenAPI document.
import { z } from 'zod';
import { identifier, multiLineText, requiredLine, requiredText } from '../../rules/text';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason } from '../http/fields';

export const templateListFilter = z.object({ id: idFilter, channel: identifier(20), q: requiredLine(50) }).partial().strict();

export const TEMPLATE_SORTABLE = ['id', 'channel', 'updatedAt'] as const;

export const templateListQuery = z.object({
  filter: jsonParam(templateListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(TEMPLATE_SORTABLE).optional(),
});

export const templateParams = z.object({ id: identifier(100) });

/** The texts; their placeholders are checked against what the template's renderer fills in. */
export const templateUpdateBody = z
  .object({
    /** Chinese text, as sent. */
    body: requiredText(500),
    bodyEn: multiLineText(1000).nullable(),
    description: requiredLine(200),
    reason: optionalReason,
  })
  .partial();

export type TemplateUpdateBody = z.output<typeof templateUpdateBody>;
