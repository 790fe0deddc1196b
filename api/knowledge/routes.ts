// /api/knowledge: the knowledge base. Operators and admins draft and edit articles (a title,
// keywords, several answers) and submit them; an admin other than the text's writers publishes
// or sends back with a reason (review.ts). A published article changes through a revision, a
// draft copy that replaces it on publication, so operators keep the published answer
// meanwhile. Everyone signed in searches and reads published articles; editors and auditors
// also see drafts. Every change is audited.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import type { db } from '../../prisma/client';
import { recordAdminChange, type Tx } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { deleteQuery, idParams } from '../http/fields';
import { conflictOnConstraint } from '../http/prismaErrors';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import { assertArticleAction, type ArticleAction } from './review';
import { searchPublishedArticles } from './search';
import { ARTICLE_WITH_TEXT, presentArticle, type ArticleAnswer, type ArticleSearchHit } from './answers';
import { articleCreateBody, articleListFilter, articleListQuery, articleUpdateBody, retireBody, reviewBody, searchQuery, sendBackBody, type ArticleBody } from './schemas';

const EDITOR_ROLES = ['operator', 'admin'] as const;
/** Who sees drafts and articles in review, not only published ones. */
const DRAFT_READER_ROLES: readonly string[] = [...EDITOR_ROLES, 'auditor'];


const notFound = (id: string) => new HttpError(404, 'not_found', `no article ${id}`);

const readsDrafts = (req: Request) => req.user!.roles.some((role) => DRAFT_READER_ROLES.includes(role));

function articleWhere(filter: z.output<typeof articleListFilter>, publishedOnly: boolean): db.Prisma.KnowledgeArticleWhereInput {
  return {
    id: filter.id ? { in: filter.id } : undefined,
    status: publishedOnly ? 'published' : filter.status ? { in: filter.status } : undefined,
    category: filter.categoryId ? { lineage: { has: filter.categoryId } } : undefined,
    createdById: filter.createdById,
    title: filter.q ? { contains: filter.q, mode: 'insensitive' } : undefined,
  };
}

async function loadArticle(tx: Tx, id: string): Promise<ArticleAnswer> {
  const article = await tx.knowledgeArticle.findUnique({ where: { id }, include: ARTICLE_WITH_TEXT });
  if (!article) throw notFound(id);
  return presentArticle(article);
}

async function assertCategory(tx: Tx, categoryId: string | null): Promise<void> {
  if (categoryId && !(await tx.category.findFirst({ where: { id: categoryId, active: true }, select: { id: true } }))) {
    throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { categoryId: 'no such active category' });
  }
}

/** Gives `articleId` this title, category, keywords and answers (the old answers go). */
async function writeText(tx: Tx, articleId: string, text: Pick<ArticleBody, 'title' | 'categoryId' | 'keywords' | 'answers'>, data: db.Prisma.KnowledgeArticleUncheckedUpdateInput = {}): Promise<void> {
  await tx.knowledgeAnswer.deleteMany({ where: { articleId } });
  await tx.knowledgeArticle.update({ where: { id: articleId }, data: { title: text.title, categoryId: text.categoryId, keywords: text.keywords, ...data } });
  await tx.knowledgeAnswer.createMany({ data: text.answers.map((answer, index) => ({ id: `${articleId}-${index + 1}`, articleId, body: answer.body, sortOrder: index })) });
}

export function knowledgeRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret));
  const editors = requireRoles(...EDITOR_ROLES);
  const reviewers = requireRoles('admin');
  const editor = (req: Request) => ({ id: req.user!.sub, isAdmin: req.user!.roles.includes('admin') });

  /**
   * Runs `change` on the article in one transaction with its audit row, and answers with the
   * article it leaves (a revision's publication leaves the original; a deletion, none). The
   * audit row is the resulting article's.
   */
  const transition = (
    req: Request,
    action: ArticleAction,
    auditAction: string,
    reason: string | null | undefined,
    change: (tx: Tx, article: ArticleAnswer) => Promise<{ resultId: string | null; details?: Record<string, unknown> }>,
  ) =>
    conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          const { id } = idParams.parse(req.params);
          // Row lock: two reviewers deciding at once take turns, the second sees the first's result.
          await tx.$executeRaw`SELECT 1 FROM "KnowledgeArticle" WHERE "id" = ${id} FOR UPDATE`;
          const before = await loadArticle(tx, id);
          assertArticleAction(action, before, editor(req));
          const { resultId, details } = await change(tx, before);
          const after = resultId === null ? null : await loadArticle(tx, resultId);
          await recordAdminChange(tx, req.user!, { entityType: 'knowledgeArticle', entityId: resultId ?? id, action: auditAction, reason, before, after, details });
          return after ?? before;
        }),
      'the article changed meanwhile; reload it',
    );

  router.get('/', async (req, res) => {
    const query = articleListQuery.parse(req.query);
    const where = articleWhere(query.filter ?? {}, !readsDrafts(req));
    const orderBy: db.Prisma.KnowledgeArticleOrderByWithRelationInput[] = [orderOf(query.sort ?? ['updatedAt', 'DESC']), { id: 'asc' }];
    const [total, rows] = await Promise.all([deps.prisma.knowledgeArticle.count({ where }), deps.prisma.knowledgeArticle.findMany({ where, orderBy, include: ARTICLE_WITH_TEXT, ...pageOf(query.range) })]);
    sendList(res, 'knowledge', rows.map(presentArticle), total, query.range);
  });

  router.get('/search', async (req, res) => {
    const query = searchQuery.parse(req.query);
    const { ids, match } = await searchPublishedArticles(deps.prisma, query);
    const rows = await deps.prisma.knowledgeArticle.findMany({ where: { id: { in: ids } }, include: ARTICLE_WITH_TEXT });
    const ranked = ids.flatMap((id) => rows.filter((row) => row.id === id)).map((row) => ({ ...presentArticle(row), matchedBy: match }) satisfies ArticleSearchHit);
    sendList(res, 'knowledge', ranked, ranked.length, undefined);
  });

  router.get('/:id', async (req, res) => {
    const { id } = idParams.parse(req.params);
    const article = await loadArticle(deps.prisma, id);
    if (article.status !== 'published' && !readsDrafts(req)) throw notFound(id);
    res.json(article);
  });

  router.post('/', editors, async (req, res) => {
    const { reason, ...text } = articleCreateBody.parse(req.body);
    const id = `kb-${randomUUID()}`;
    const created = await deps.prisma.$transaction(async (tx) => {
      await assertCategory(tx, text.categoryId);
      await tx.knowledgeArticle.create({ data: { id, title: text.title, status: 'draft', createdById: req.user!.sub, updatedById: req.user!.sub } });
      await writeText(tx, id, text);
      const article = await loadArticle(tx, id);
      await recordAdminChange(tx, req.user!, { entityType: 'knowledgeArticle', entityId: id, action: 'articleCreated', reason, before: null, after: article });
      return article;
    });
    res.status(201).json(created);
  });

  router.put('/:id', editors, async (req, res) => {
    const { reason, ...text } = articleUpdateBody.parse(req.body);
    const updated = await transition(req, 'edit', 'articleUpdated', reason, async (tx, article) => {
      await assertCategory(tx, text.categoryId);
      await writeText(tx, article.id, text, { updatedById: req.user!.sub });
      return { resultId: article.id };
    });
    res.json(updated);
  });

  router.post('/:id/submit', editors, async (req, res) => {
    const { reason } = reviewBody.parse(req.body ?? {});
    res.json(
      await transition(req, 'submit', 'articleSubmitted', reason, async (tx, article) => {
        await tx.knowledgeArticle.update({ where: { id: article.id }, data: { status: 'inReview', submittedById: req.user!.sub, reviewComment: null } });
        return { resultId: article.id };
      }),
    );
  });

  router.post('/:id/publish', reviewers, async (req, res) => {
    const { reason } = reviewBody.parse(req.body ?? {});
    res.json(
      await transition(req, 'publish', 'articlePublished', reason, async (tx, article) => {
        const published = { status: 'published' as const, publishedAt: new Date(), reviewedById: req.user!.sub, reviewComment: null };
        if (!article.revisionOfId) {
          await tx.knowledgeArticle.update({ where: { id: article.id }, data: published });
          return { resultId: article.id };
        }
        // A revision takes the published article's place: same id, new text; the copy goes.
        await writeText(tx, article.revisionOfId, article, { ...published, updatedById: article.updatedById, submittedById: article.submittedById });
        await tx.knowledgeArticle.delete({ where: { id: article.id } });
        return { resultId: article.revisionOfId, details: { fromRevision: article.id } };
      }),
    );
  });

  router.post('/:id/send-back', reviewers, async (req, res) => {
    const { reason } = sendBackBody.parse(req.body);
    res.json(
      await transition(req, 'sendBack', 'articleSentBack', reason, async (tx, article) => {
        await tx.knowledgeArticle.update({ where: { id: article.id }, data: { status: 'draft', reviewedById: req.user!.sub, reviewComment: reason } });
        return { resultId: article.id };
      }),
    );
  });

  router.post('/:id/retire', reviewers, async (req, res) => {
    const { reason } = retireBody.parse(req.body);
    res.json(
      await transition(req, 'retire', 'articleRetired', reason, async (tx, article) => {
        // An open revision would have nothing left to replace: it goes too (the audit row names it).
        if (article.revisionId) await tx.knowledgeArticle.delete({ where: { id: article.revisionId } });
        await tx.knowledgeArticle.update({ where: { id: article.id }, data: { status: 'retired' } });
        return { resultId: article.id, details: article.revisionId ? { discardedRevision: article.revisionId } : undefined };
      }),
    );
  });

  router.post('/:id/revisions', editors, async (req, res) => {
    const { reason } = reviewBody.parse(req.body ?? {});
    const revisionId = `kb-${randomUUID()}`;
    const revision = await transition(req, 'revise', 'articleRevisionStarted', reason, async (tx, article) => {
      await tx.knowledgeArticle.create({ data: { id: revisionId, title: article.title, status: 'draft', revisionOfId: article.id, createdById: req.user!.sub, updatedById: req.user!.sub } });
      await writeText(tx, revisionId, article);
      return { resultId: revisionId, details: { revisionOf: article.id } };
    });
    res.status(201).json(revision);
  });

  router.delete('/:id', editors, async (req, res) => {
    const { reason } = deleteQuery.parse(req.query);
    res.json(
      await transition(req, 'delete', 'articleDeleted', reason, async (tx, article) => {
        await tx.knowledgeArticle.delete({ where: { id: article.id } });
        return { resultId: null };
      }),
    );
  });

  return router;
}
