// What /api/knowledge answers: an article with its answers in order and the id of its pending
// revision; a search hit says how it matched. The routes build these; the console reads them.
import type { KnowledgeArticleGetPayload, KnowledgeArticleInclude } from '../../prisma/generated/models';
import type { MatchKind } from './search';

export const ARTICLE_WITH_TEXT = {
  answers: { orderBy: { sortOrder: 'asc' }, select: { id: true, body: true, sortOrder: true } },
  revision: { select: { id: true } },
} as const satisfies KnowledgeArticleInclude;
type ArticleWithText = KnowledgeArticleGetPayload<{ include: typeof ARTICLE_WITH_TEXT }>;

export function presentArticle({ revision, ...article }: ArticleWithText) {
  return { ...article, revisionId: revision?.id ?? null };
}

/** GET /api/knowledge/:id and the list's rows. */
export type ArticleAnswer = ReturnType<typeof presentArticle>;

/** GET /api/knowledge/search: a published article and how the query found it. */
export type ArticleSearchHit = ArticleAnswer & { matchedBy: MatchKind };
