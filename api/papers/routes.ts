// /api/cases/:id/dispatch-sheet.pdf and /api/cases/:id/results/:resultId/reply-report.pdf: the
// case's papers to print. Whoever may read the case may download them (404 otherwise, as the
// case read), and sees in them what the case read shows: a unit gets the citizen's identity
// masked by the same code (presentForReader), an office role gets it in full and the read is
// audited as an identity read.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps';
import type { PrismaClient } from '../../prisma/client';
import { requireAuth } from '../auth/middleware';
import { seesCitizenIdentity } from '../auth/access';
import { contentDisposition } from '../attachments/contentDisposition';
import { recordIdentityRead } from '../cases/identityReads';
import { caseWhere } from '../cases/listQuery';
import { caseIdParams } from '../cases/params';
import { HttpError } from '../http/errors';
import { identifier } from '../../rules/text';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import { knownIdentityOf, showsIdentity } from '../../lib/citizenIdentity';
import { presentForReader } from '../privacy/maskResponses';
import { dispatchSheetPaper, loadDispatchSheet } from './dispatchSheet';
import { renderPaper, type Paper } from './pdfDocument';
import { loadReplyReport, replyReportPaper } from './replyReport';

export const replyReportParams = caseIdParams.extend({ resultId: identifier(100) });

export type PaperRouteDeps = Pick<AppDeps, 'prisma' | 'jwtSecret' | 'now'>;

async function visibleCase(prisma: PrismaClient, req: Request, id: string) {
  const row = await prisma.case.findFirst({ where: { AND: [{ id }, await caseWhere(prisma, {}, req.user!)] } });
  if (!row) throw new HttpError(404, 'not_found', `no case ${id}`);
  return row;
}

export function paperRoutes(deps: PaperRouteDeps): Router {
  const router = Router({ mergeParams: true });
  const printedAt = () => formatShanghaiMinute((deps.now?.() ?? new Date()).getTime());
  // Per route, not router.use: this router is mounted at /api/cases/:id beside the other case routers.
  const auth = requireAuth(deps.jwtSecret);

  /** The data as this reader may see it (audited when it shows an identity), as a PDF download. */
  async function sendPaper<T>(req: Request, res: Response, row: { id: string; citizenName: string | null; citizenPhone: string | null }, data: T, layout: (data: T, printedAt: string) => Paper, fileName: string, via: string) {
    const seen = (await presentForReader(res, data)) as T;
    if (seesCitizenIdentity(req.user!) && showsIdentity(seen, knownIdentityOf([row]))) await recordIdentityRead(deps.prisma, row.id, req.user!, via);
    const pdf = await renderPaper(layout(seen, printedAt()));
    res.status(200).set({ 'Content-Type': 'application/pdf', 'Content-Disposition': contentDisposition(fileName), 'Cache-Control': 'no-store' }).send(pdf);
  }

  router.get('/dispatch-sheet.pdf', auth, async (req, res) => {
    const { id } = caseIdParams.parse(req.params);
    const row = await visibleCase(deps.prisma, req, id);
    if (!row.dispatchedAt) throw new HttpError(404, 'not_found', `case ${id} has not been dispatched: it has no dispatch sheet`);
    const data = await loadDispatchSheet(deps.prisma, row);
    await sendPaper(req, res, row, data, dispatchSheetPaper, `交办单-${id}.pdf`, 'GET /api/cases/:id/dispatch-sheet.pdf');
  });

  router.get('/results/:resultId/reply-report.pdf', auth, async (req, res) => {
    const { id, resultId } = replyReportParams.parse(req.params);
    const row = await visibleCase(deps.prisma, req, id);
    const result = await deps.prisma.caseResult.findFirst({ where: { id: resultId, caseId: row.id } });
    if (!result) throw new HttpError(404, 'not_found', `case ${id} has no result ${resultId}`);
    const data = await loadReplyReport(deps.prisma, row, result);
    await sendPaper(req, res, row, data, replyReportPaper, `答复报告-${id}-${result.round}.pdf`, 'GET /api/cases/:id/results/:resultId/reply-report.pdf');
  });

  return router;
}
