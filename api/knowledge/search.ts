// Search of published articles for operators at first contact. Chinese has no spaces between
// words, so a term matches as a substring (ILIKE, served by the pg_trgm GIN indexes on titles
// and answers) of the title or an answer, or equals a keyword; every term must match. Title
// hits rank first. When nothing matches literally (the caller's wording differs: 居住证怎么办
// vs 居住证如何办理), titles similar by trigrams are offered instead.
import { db, type PrismaClient } from '../../prisma/client';

/** Below this word similarity a title is not offered as a near match. */
const SIMILAR_TITLE_THRESHOLD = 0.35;
const MAX_TERMS = 5;

export type MatchKind = 'text' | 'similarTitle';

/** The terms of a query: split on spaces and Chinese or Latin punctuation. */
export function searchTerms(query: string): string[] {
  const terms = query.split(/[\s,.;:!?，。；：！？、（）()“”"'《》]+/u).filter((term) => term.length > 0);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** `term` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function searchPublishedArticles(prisma: PrismaClient, input: { q: string; categoryId?: string; limit: number }): Promise<{ ids: string[]; match: MatchKind }> {
  const terms = searchTerms(input.q);
  if (terms.length === 0) return { ids: [], match: 'text' };
  const inCategory = input.categoryId
    ? db.Prisma.sql`AND a."categoryId" IN (SELECT c."id" FROM "Category" c WHERE c."lineage" @> ARRAY[${input.categoryId}]::text[])`
    : db.Prisma.empty;
  const termMatches = terms.map(
    (term) => db.Prisma.sql`(a."title" ILIKE ${containsPattern(term)} OR ${term} = ANY(a."keywords") OR EXISTS (SELECT 1 FROM "KnowledgeAnswer" b WHERE b."articleId" = a."id" AND b."body" ILIKE ${containsPattern(term)}))`,
  );
  const titleHits = db.Prisma.join(terms.map((term) => db.Prisma.sql`(a."title" ILIKE ${containsPattern(term)})::int`), ' + ');
  const literal = await prisma.$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "KnowledgeArticle" a
    WHERE a."status" = 'published' ${inCategory} AND ${db.Prisma.join(termMatches, ' AND ')}
    ORDER BY ${titleHits} DESC, similarity(a."title", ${input.q}) DESC, a."publishedAt" DESC NULLS LAST, a."id"
    LIMIT ${input.limit}`;
  if (literal.length > 0) return { ids: literal.map((row) => row.id), match: 'text' };
  const similar = await prisma.$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "KnowledgeArticle" a
    WHERE a."status" = 'published' ${inCategory} AND word_similarity(${input.q}, a."title") >= ${SIMILAR_TITLE_THRESHOLD}
    ORDER BY word_similarity(${input.q}, a."title") DESC, a."id"
    LIMIT ${input.limit}`;
  return { ids: similar.map((row) => row.id), match: 'similarTitle' };
}
