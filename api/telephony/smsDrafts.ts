// /api/telephony/sms-drafts: free-text SMS from citizens, kept as drafts until an operator
// registers them as cases (channel sms, the sender's number as the citizen's phone, the text as
// the default content) or dismisses them with a reason. Each decision is audited and final.
// A text marked 【保密】/保密： (rules/confidentialMark.ts) registers a confidential case (实名保密),
// whatever the operator's form says, with the mark taken off its content.
import { Router } from 'express';
import { z } from 'zod';
import { identifier, requiredText } from '../../rules/text';
import type { AppDeps } from '../deps';
import { recordAdminChange, type Tx } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims } from '../auth/tokens';
import { IntakeKeyReused, intakeStatus, type IntakeDoorDeps, type IntakeOutcome } from '../cases/intake';
import { caseOfIntake, intakeScope } from '../cases/intakeRequests';
import { registrationBody } from '../cases/registration';
import { fieldErrors, HttpError } from '../http/errors';
import { jsonParam, pageOf, rangeParam, sendList } from '../http/simpleRest';
import type { db } from '../../prisma/client';
import { smsDraftView } from './answers';
import { confidentialMarkOf } from '../../rules/confidentialMark';

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

function actorOf(user: AccessClaims) {
  return { id: user.sub, roles: user.roles, unitId: user.unitId };
}

export function smsDraftRoutes(deps: Pick<AppDeps, 'prisma' | 'log' | 'jwtSecret' | 'now'> & IntakeDoorDeps): Router {
  const router = Router();
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
    sendList(res, 'sms-drafts', rows.map(smsDraftView), total, query.range);
  });

  router.post('/:id/register', async (req, res) => {
    const { id } = smsDraftParams.parse(req.params);
    const body = smsDraftRegistrationBody.parse(req.body ?? {});
    const draft = await deps.prisma.smsMessage.findFirst({ where: { id, ...DRAFT }, select: { fromNumber: true, body: true, createdAt: true, caseId: true, dismissedAt: true } });
    if (!draft) throw new HttpError(404, 'not_found', `no SMS draft ${id}`);
    if (draft.dismissedAt) throw refusal(draft);
    const asked = confidentialMarkOf(draft.body);
    const registration = registrationBody.safeParse({
      // The form's content starts as the SMS text: its mark is taken off there too.
      ...body, content: body.content === undefined ? asked.text : asked.confidential ? confidentialMarkOf(body.content).text : body.content,
      confidential: body.confidential || asked.confidential,
      channel: 'sms', citizenPhone: draft.fromNumber, receivedAt: draft.createdAt.toISOString(),
    });
    // The SMS gives the phone and (unless the operator rewrote it) the content: say which is unfit.
    if (!registration.success) throw new HttpError(400, 'invalid_request', 'the SMS cannot be registered as it is', fieldErrors(registration.error));
    // The draft's id is the key: a retry, or a second operator with the same form, gets the same
    // case. A new key is recorded only while the draft is open, its row locked meanwhile.
    let outcome: IntakeOutcome;
    try {
      outcome = await deps.intake.register({ registration: registration.data, registeredBy: actorOf(req.user!), scope: intakeScope.smsDraft, key: id, guard: (tx) => lockOpenDraft(tx, id) });
    } catch (error) {
      if (!(error instanceof IntakeKeyReused)) throw error;
      await linkDraft(id, error.caseId, req.user!);
      throw new HttpError(409, 'already_registered', `this SMS was already registered as case ${error.caseId}`);
    }
    const { caseId } = outcome.registered;
    // Not listed yet (202): the draft stays open until a retry finds the case listed.
    if (outcome.visible) await linkDraft(id, caseId, req.user!);
    deps.log.info({ messageId: id, caseId, actorId: req.user!.sub, replayed: outcome.replayed }, 'SMS draft registered');
    res.status(intakeStatus(outcome)).json({ id: caseId, messageId: id, ...outcome.registered });
  });

  router.post('/:id/dismiss', async (req, res) => {
    const { id } = smsDraftParams.parse(req.params);
    const { reason } = smsDraftDismissBody.parse(req.body ?? {});
    const now = deps.now?.() ?? new Date();
    const dismissed = await deps.prisma.$transaction(async (tx) => {
      // Locked as registration locks it: a registration under way has recorded its key first.
      await tx.$queryRaw`SELECT 1 FROM "SmsMessage" WHERE "id" = ${id} FOR UPDATE`;
      const registeredAs = await caseOfIntake(tx, intakeScope.smsDraft, id);
      if (registeredAs) throw new HttpError(409, 'already_registered', `this SMS was already registered as case ${registeredAs}`);
      const { count } = await tx.smsMessage.updateMany({ where: { id, ...DRAFT, ...STATE_WHERE.open }, data: { dismissedAt: now, dismissedById: req.user!.sub } });
      const row = await tx.smsMessage.findFirst({ where: { id, ...DRAFT } });
      if (!row) throw new HttpError(404, 'not_found', `no SMS draft ${id}`);
      if (count === 0) throw refusal(row);
      await recordAdminChange(tx, req.user!, { entityType: 'smsMessage', entityId: id, action: 'smsDraftDismissed', reason, before: { dismissedAt: null }, after: { dismissedAt: now, dismissedById: req.user!.sub } });
      return row;
    });
    res.json(smsDraftView(dismissed));
  });

  /**
   * Locks the draft for the transaction that records its key; refuses one dismissed, or
   * registered without a key (before keys were kept). One registered with a key goes on: its
   * key is taken, so the request gets that registration's answer (or 409 for another form).
   */
  async function lockOpenDraft(tx: Tx, id: string): Promise<void> {
    const [draft] = await tx.$queryRaw<{ caseId: string | null; dismissedAt: Date | null }[]>`
      SELECT "caseId", "dismissedAt" FROM "SmsMessage" WHERE "id" = ${id} AND "direction" = 'inbound' AND "intent" = 'intake' FOR UPDATE`;
    if (!draft) throw new HttpError(404, 'not_found', `no SMS draft ${id}`);
    if (draft.dismissedAt || (draft.caseId && !(await caseOfIntake(tx, intakeScope.smsDraft, id)))) throw refusal(draft);
  }

  /** Links the draft to its case once the case is listed (the link needs its row), audited once. */
  async function linkDraft(id: string, caseId: string, user: AccessClaims): Promise<void> {
    if (!(await deps.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } }))) return;
    await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.smsMessage.updateMany({ where: { id, caseId: null }, data: { caseId } });
      if (count === 1) await recordAdminChange(tx, user, { entityType: 'smsMessage', entityId: id, action: 'smsDraftRegistered', before: { caseId: null }, after: { caseId } });
    });
  }

  return router;
}
