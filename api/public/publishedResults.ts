// 公开: the results citizens agreed to publish, on the citizen pages. Only a case whose citizen
// consented at intake (publishConsent), that is closed or archived (a reopened case leaves the
// list until it closes again), of a case type the rule publication.caseTypeCodes allows (举报
// never), and not merged into another. Its title, request and the accepted reply are redacted
// for the public (lib/publicRedaction.ts): no name, phone, ID number or address; no staff name.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { PrismaClient, db } from '../../prisma/client';
import { readRuleSetting } from '../../lib/ruleSettings';
import { publicRedactor } from '../../lib/publicRedaction';
import { caseNumber } from '../cases/params';
import { HttpError } from '../http/errors';

export const PUBLISHED_PAGE_SIZE = 20;

export const publishedListQuery = z.object({ page: z.coerce.number().int().min(1).max(500).default(1) });
export const publishedParams = z.object({ caseId: caseNumber });

async function publishedWhere(prisma: PrismaClient): Promise<db.Prisma.CaseWhereInput> {
  const caseTypeCodes = (await readRuleSetting(prisma, 'publication.caseTypeCodes')).filter((code) => code !== 'report');
  // 保密: a confidential case is never published, whatever its citizen consented to.
  return { publishConsent: true, confidential: false, status: { in: ['closed', 'archived'] }, caseTypeCode: { in: caseTypeCodes }, mergedIntoId: null };
}

const SUMMARY = {
  id: true, title: true, content: true, address: true, citizenName: true, citizenPhone: true, receivedAt: true, closedAt: true,
  caseType: { select: { name: true } }, category: { select: { name: true } }, leadUnit: { select: { name: true } },
} as const;

type SummaryRow = db.Prisma.CaseGetPayload<{ select: typeof SUMMARY }>;

type StaffNames = { caseId: string; handlerName: string; reviewerName: string | null };

/** The staff named on these cases' results (one query for a page of cases). */
function staffNamesOf(prisma: PrismaClient, caseIds: string[]): Promise<StaffNames[]> {
  return prisma.caseResult.findMany({ where: { caseId: { in: caseIds } }, select: { caseId: true, handlerName: true, reviewerName: true } });
}

/** The redactor of one case: its citizen, its address, and the staff named on its results. */
function redactorOf(row: SummaryRow, staff: StaffNames[]) {
  const results = staff.filter((s) => s.caseId === row.id);
  return publicRedactor({
    names: [row.citizenName, ...results.flatMap((r) => [r.handlerName, r.reviewerName])].filter((n): n is string => !!n),
    phones: row.citizenPhone ? [row.citizenPhone] : [],
    addresses: row.address ? [row.address] : [],
  });
}

function summary(row: SummaryRow, redact: (text: string) => string) {
  return {
    caseId: row.id,
    title: redact(row.title),
    caseType: row.caseType.name,
    category: row.category?.name ?? null,
    handlingUnit: row.leadUnit?.name ?? null,
    receivedAt: row.receivedAt,
    closedAt: row.closedAt,
  };
}

export function publishedResultRoutes(deps: { prisma: PrismaClient }, limit: RequestHandler): Router {
  const router = Router();

  router.get('/published-results', limit, async (req, res) => {
    const { page } = publishedListQuery.parse(req.query);
    const where = await publishedWhere(deps.prisma);
    const [rows, total] = await Promise.all([
      deps.prisma.case.findMany({ where, select: SUMMARY, orderBy: [{ closedAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * PUBLISHED_PAGE_SIZE, take: PUBLISHED_PAGE_SIZE }),
      deps.prisma.case.count({ where }),
    ]);
    const staff = await staffNamesOf(deps.prisma, rows.map((row) => row.id));
    const items = rows.map((row) => summary(row, redactorOf(row, staff)));
    res.set('Cache-Control', 'public, max-age=60').json({ page, pageSize: PUBLISHED_PAGE_SIZE, total, items });
  });

  router.get('/published-results/:caseId', limit, async (req, res) => {
    const { caseId } = publishedParams.parse(req.params);
    const row = await deps.prisma.case.findFirst({ where: { AND: [{ id: caseId }, await publishedWhere(deps.prisma)] }, select: SUMMARY });
    // Not published and not existing answer alike.
    if (!row) throw new HttpError(404, 'not_found', `no published result ${caseId}`);
    const [staff, result] = await Promise.all([
      staffNamesOf(deps.prisma, [caseId]),
      deps.prisma.caseResult.findFirst({ where: { caseId, reviewOutcome: 'accepted' }, orderBy: { submittedAt: 'desc' }, select: { replyToCitizen: true } }),
    ]);
    const redact = redactorOf(row, staff);
    res.set('Cache-Control', 'public, max-age=60').json({ ...summary(row, redact), content: redact(row.content), reply: result ? redact(result.replyToCitizen) : null });
  });

  return router;
}
