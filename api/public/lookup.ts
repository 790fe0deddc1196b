// A citizen looks a case up by its number and a check: the 6-digit query password from the
// receipt, or the last 4 digits of the phone the case was registered with. The answer carries
// no personal data.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { secretText } from '../../rules/text';
import { caseNumber } from '../cases/params';
import { queryPasswordMatches } from '../../lib/citizenAccess/queryPasswords';
import type { PrismaClient } from '../../prisma/client';
import { HttpError } from '../http/errors';
import { acceptedReply } from './caseView';
import { checkCaseSecret } from './caseChecks';
import type { Logger } from '../../config/logger';

export const lookupParams = z.object({ caseId: caseNumber });
export const lookupQuery = z.object({ check: secretText(6).regex(/^(\d{4}|\d{6})$/, 'the 6-digit query password or the last 4 digits of your phone') });

/** The steps of a case a citizen is shown (never who did them or why). */
const PUBLIC_STEPS: Record<string, string> = {
  registered: 'registered',
  answeredDirectly: 'answered',
  dispatched: 'dispatched',
  signedFor: 'accepted by the unit',
  extensionDecided: 'deadline extended',
  unitApproved: 'result submitted',
  reviewed: 'result reviewed',
  closed: 'closed',
  reReviewRequested: 're-review requested',
  archived: 'archived',
};

export function lookupRoutes(deps: { prisma: PrismaClient; log: Logger; publicLinkSecret: string }, limit: RequestHandler): Router {
  const router = Router();

  router.get('/cases/:caseId', limit, async (req, res) => {
    const { caseId } = lookupParams.parse(req.params);
    const { check } = lookupQuery.parse(req.query);
    const row = await deps.prisma.case.findUnique({
      where: { id: caseId },
      select: { id: true, status: true, caseTypeCode: true, registeredAt: true, handleDueAt: true, closedAt: true, citizenPhone: true, queryPasswordHash: true, leadUnit: { select: { name: true } } },
    });
    const matches =
      row !== null &&
      (await checkCaseSecret(deps, caseId, 'web', async () =>
        check.length === 4 ? row.citizenPhone !== null && row.citizenPhone.endsWith(check) : row.queryPasswordHash !== null && (await queryPasswordMatches(row.queryPasswordHash, check, caseId, deps.publicLinkSecret)),
      ));
    // One answer for "no such case" and "wrong check", so that numbers cannot be probed.
    if (!row || !matches) throw new HttpError(404, 'not_found', 'no case matches this number and check');
    const [events, reply] = await Promise.all([
      deps.prisma.auditEvent.findMany({ where: { caseId, action: { in: Object.keys(PUBLIC_STEPS) } }, orderBy: { id: 'asc' }, select: { action: true, occurredAt: true } }),
      ['closed', 'archived', 'reReview'].includes(row.status) ? acceptedReply(deps.prisma, caseId) : null,
    ]);
    res.set('Cache-Control', 'no-store').json({
      caseId: row.id,
      status: row.status,
      caseTypeCode: row.caseTypeCode,
      handlingUnit: row.leadUnit?.name ?? null,
      registeredAt: row.registeredAt,
      dueAt: row.handleDueAt,
      closedAt: row.closedAt,
      reply,
      timeline: events.map((e) => ({ step: e.action, label: PUBLIC_STEPS[e.action], at: e.occurredAt })),
    });
  });

  return router;
}
