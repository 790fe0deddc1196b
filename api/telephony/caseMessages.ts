// GET /api/cases/:id/messages: the SMS of a case, both ways, with their delivery status (the
// attempts and last error of a send Twilio has not taken yet). Whoever may see the case may see
// them; the citizen's number (also in bodies) is masked for units by api/privacy/maskResponses.ts,
// as elsewhere, and credentials never show.
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { seesCitizenIdentity } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { caseWhere } from '../cases/listQuery';
import { caseIdParams } from '../cases/params';
import { recordIdentityRead } from '../cases/identityReads';
import { HttpError } from '../http/errors';
import { redactSmsBody } from '../twilio/sms/redact';

export function caseMessageRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret' | 'twilio'>): Router {
  // mergeParams: the case number is in the mount path (/api/cases/:id/messages).
  const router = Router({ mergeParams: true });
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (req, res) => {
    const { id } = caseIdParams.parse(req.params);
    const user = req.user!;
    const row = await deps.prisma.case.findFirst({ where: { AND: [{ id }, await caseWhere(deps.prisma, {}, user)] }, select: { id: true } });
    if (!row) throw new HttpError(404, 'not_found', `no case ${id}`);
    const messages = await deps.prisma.smsMessage.findMany({ where: { caseId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const identity = seesCitizenIdentity(user);
    // The hotline's and units' own numbers are no one's identity; any other number is a citizen's.
    const numbers = [...new Set(messages.flatMap((m) => [m.fromNumber, m.toNumber]))];
    const staffNumbers = new Set([deps.twilio.fromNumber, ...(await deps.prisma.unit.findMany({ where: { dutyPhone: { in: numbers } }, select: { dutyPhone: true } })).map((u) => u.dutyPhone!)]);
    if (identity && numbers.some((n) => !staffNumbers.has(n))) await recordIdentityRead(deps.prisma, id, user, 'GET /api/cases/:id/messages');
    res.json(
      messages.map((m) => ({
        id: m.id,
        direction: m.direction,
        fromNumber: m.fromNumber,
        toNumber: m.toNumber,
        body: redactSmsBody(m.body, m.templateCode),
        templateCode: m.templateCode,
        intent: m.intent,
        status: m.status,
        messageSid: m.messageSid,
        attempts: m.attempts,
        lastAttemptAt: m.lastAttemptAt,
        errorCode: m.errorCode,
        errorMessage: m.errorMessage,
        createdAt: m.createdAt,
        sentAt: m.sentAt,
        deliveredAt: m.deliveredAt,
      })),
    );
  });

  return router;
}
