// /api/telephony/sms-drafts: free-text SMS from citizens, kept as drafts until an operator
// registers them as cases (channel sms, the sender's number as the citizen's phone, the text as
// the default content) or dismisses them with a reason. Each decision is audited and final.
import { Router } from 'express';
import { z } from 'zod';
import { identifier, requiredText } from '../../workflows/rules/text';
import type { AppDeps } from '../app';
import { recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims } from '../auth/tokens';
import { caseIntake, type RegisteredCase } from '../cases/intake';
import { registrationBody } from '../cases/registration';
import { fieldErrors, HttpError } from '../http/errors';
import { jsonParam, pageOf, rangeParam, sendList } from '../http/simpleRest';
import type { db } from '../../prisma/client';

export const DRAFT_ROLES = ['operator', 'dispatcher'] as const;

export const smsDraftParams = z.object({ id: identifier(200) });

export const smsDraftListQuery = z.object({
  /** open: waiting for an operator (default); registered; dismissed; all. */
  filter: jsonParam(z.strictObject({ state: z.enum(['open', 'registered', 'dismissed', 'all']).default('open') })).default({ state: 'open' }),
  range: rangeParam.optional(),
});

/** Operator intake without what the SMS itself says: channel, phone and time of receipt. */
export const smsDraftRegistrationBody = registrationBody
  .omit({ channel: true, citizenPhone: true, receivedAt: true })
  .extend({ content: requiredText(10_000).optional() });

export const smsDraftDismissBody = z.strictObject({ reason: requiredText(500) });

const DRAFT: db.Prisma.SmsMessageWhereInput = { direction: 'inbound', intent: 'intake' };

const STATE_WHERE: Record<z.output<typeof smsDraftListQuery>['filter']['state'], db.Prisma.SmsMessageWhereInput> = {
  open: { caseId: null, dismissedAt: null },
  registered: { caseId: { not: null } },
  dismissed: { dismissedAt: { not: null } },
  all: {},
};

/** How long registration waits for the new case's row (its workflow's first projection). */
const CASE_VISIBLE_WITHIN_MS = 15_000;

function draftView(m: { id: string; fromNumber: string; toNumber: string; body: string; createdAt: Date; caseId: string | null; dismissedAt: Date | null; dismissedById: string | null }) {
  const state = m.caseId ? 'registered' : m.dismissedAt ? 'dismissed' : 'open';
  return { id: m.id, state, fromNumber: m.fromNumber, toNumber: m.toNumber, body: m.body, receivedAt: m.createdAt, caseId: m.caseId, dismissedAt: m.dismissedAt, dismissedById: m.dismissedById };
}

function actorOf(user: AccessClaims) {
  return { id: user.sub, roles: user.roles, unitId: user.unitId };
}

export function smsDraftRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'taskQueue' | 'log' | 'jwtSecret' | 'now' | 'publicLinkSecret'>): Router {
  const router = Router();
  const registerCase = caseIntake(deps);
  router.use(requireAuth(deps.jwtSecret), requireRoles(...DRAFT_ROLES));

  const refusal = (m: { caseId: string | null; dismissedAt: Date | null }) =>
    m.caseId ? new HttpError(409, 'already_registered', `this SMS was already registered as case ${m.caseId}`) : new HttpError(409, 'already_dismissed', 'this SMS was dismissed');

  router.get('/', async (req, res) => {
    const query = smsDraftListQuery.parse(req.query);
    const where = { ...DRAFT, ...STATE_WHERE[query.filter.state] };
    const [total, rows] = await Promise.all([
      deps.prisma.smsMessage.count({ where }),
      deps.prisma.smsMessage.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageOf(query.range) }),
    ]);
    sendList(res, 'sms-drafts', rows.map(draftView), total, query.range);
  });

  router.post('/:id/register', async (req, res) => {
    const { id } = smsDraftParams.parse(req.params);
    const body = smsDraftRegistrationBody.parse(req.body ?? {});
    // The draft's row stays locked while its case is registered, so that two operators cannot
    // both register it; the link waits for the case's row, which the workflow writes.
    const registered = await deps.prisma.$transaction(
      async (tx) => {
        const [draft] = await tx.$queryRaw<{ id: string; fromNumber: string; body: string; createdAt: Date; caseId: string | null; dismissedAt: Date | null }[]>`
          SELECT "id", "fromNumber", "body", "createdAt", "caseId", "dismissedAt" FROM "SmsMessage"
          WHERE "id" = ${id} AND "direction" = 'inbound' AND "intent" = 'intake' FOR UPDATE`;
        if (!draft) throw new HttpError(404, 'not_found', `no SMS draft ${id}`);
        if (draft.caseId || draft.dismissedAt) throw refusal(draft);
        const registration = registrationBody.safeParse({ ...body, content: body.content ?? draft.body, channel: 'sms', citizenPhone: draft.fromNumber, receivedAt: draft.createdAt.toISOString() });
        // The SMS gives the phone and (unless the operator rewrote it) the content: say which is unfit.
        if (!registration.success) throw new HttpError(400, 'invalid_request', 'the SMS cannot be registered as it is', fieldErrors(registration.error));
        const result: RegisteredCase = await registerCase(registration.data, actorOf(req.user!));
        if (!(await caseVisible(result.caseId))) {
          deps.log.error({ messageId: id, caseId: result.caseId }, 'SMS draft registered, but the case did not appear in time: the draft stays open');
          throw new HttpError(503, 'case_not_visible', `case ${result.caseId} was registered but is not visible yet; the SMS stays a draft: check the case list before registering it again`);
        }
        await tx.smsMessage.update({ where: { id }, data: { caseId: result.caseId } });
        await recordAdminChange(tx, req.user!, { entityType: 'smsMessage', entityId: id, action: 'smsDraftRegistered', before: { caseId: null }, after: { caseId: result.caseId } });
        return result;
      },
      { maxWait: 5_000, timeout: CASE_VISIBLE_WITHIN_MS + 15_000 },
    );
    deps.log.info({ messageId: id, caseId: registered.caseId, actorId: req.user!.sub }, 'SMS draft registered');
    res.status(201).json({ id: registered.caseId, messageId: id, ...registered });
  });

  router.post('/:id/dismiss', async (req, res) => {
    const { id } = smsDraftParams.parse(req.params);
    const { reason } = smsDraftDismissBody.parse(req.body ?? {});
    const now = deps.now?.() ?? new Date();
    const dismissed = await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.smsMessage.updateMany({ where: { id, ...DRAFT, ...STATE_WHERE.open }, data: { dismissedAt: now, dismissedById: req.user!.sub } });
      const row = await tx.smsMessage.findFirst({ where: { id, ...DRAFT } });
      if (!row) throw new HttpError(404, 'not_found', `no SMS draft ${id}`);
      if (count === 0) throw refusal(row);
      await recordAdminChange(tx, req.user!, { entityType: 'smsMessage', entityId: id, action: 'smsDraftDismissed', reason, before: { dismissedAt: null }, after: { dismissedAt: now, dismissedById: req.user!.sub } });
      return row;
    });
    res.json(draftView(dismissed));
  });

  async function caseVisible(caseId: string): Promise<boolean> {
    const deadline = Date.now() + CASE_VISIBLE_WITHIN_MS;
    while (Date.now() < deadline) {
      if (await deps.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } })) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  return router;
}
