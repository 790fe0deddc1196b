// What the knowledge-base endpoints accept. Exported for the OpenAPI document.
import { z } from 'zod';
import { identifier, requiredLine, requiredText } from '../../rules/text';
import { ArticleStatus } from '../../prisma/generated/enums';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason, reason } from '../http/fields';

export const articleListFilter = z
  .object({
    id: idFilter,
    status: z.union([z.enum(ArticleStatus), z.array(z.enum(ArticleStatus)).max(4)]).transform((v) => (Array.isArray(v) ? v : [v])),
    /** The category and those below it. */
    categoryId: identifier(100),
    createdById: identifier(100),
    /** Part of the title. */
    q: requiredLine(50),
  })
  .partial()
  .strict();

export const ARTICLE_SORTABLE = ['id', 'title', 'status', 'categoryId', 'publishedAt', 'createdAt', 'updatedAt'] as const;

export const articleListQuery = z.object({
  filter: jsonParam(articleListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(ARTICLE_SORTABLE).optional(),
});

// Strict: an answer is its text only (ids and order are the server's), so a client that sends
// more learns it (400 with the field) instead of seeing its keys silently dropped.
const answer = z.object({ body: requiredText(5000) }).strict();

/** The text of an article: a question-like title, keywords, and one or more answers in order. */
export const articleBody = z.object({
  title: requiredLine(200),
  categoryId: identifier(100).nullable().default(null),
  keywords: z
    .array(requiredLine(30))
    .max(20, 'at most 20 keywords')
    .default([])
    .transform((list) => [...new Set(list)]),
  answers: z.array(answer).min(1, 'at least one answer').max(10, 'at most 10 answers'),
  reason: optionalReason,
}).strict();

export const articleCreateBody = articleBody;
/** Replaces the whole text of a draft (react-admin sends the full record). */
export const articleUpdateBody = articleBody;

export const sendBackBody = z.object({ reason });
export const retireBody = z.object({ reason });
export const reviewBody = z.object({ reason: optionalReason });

export const searchQuery = z.object({
  q: requiredLine(100),
  categoryId: identifier(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export type ArticleBody = z.output<typeof articleBody>;
