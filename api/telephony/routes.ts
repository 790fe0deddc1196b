// The console's telephony endpoints:
//   /api/telephony/calls                      calls (filters: needsCallback, queued, purpose, …)
//   /api/telephony/calls/:id                  a call with its recordings and transcript
//   /api/telephony/calls/:id/called-back      an operator called a missed caller back (audited)
//   /api/telephony/calls/:id/case             an operator files the call under its case (audited)
//   /api/telephony/calls/:id/transfer         an operator transfers the caller to a unit's duty phone (audited)
//   /api/telephony/live                       the operators' live call feed (Server-Sent Events)
//   /api/cases/:id/calls                      the calls of a case
// Calls carry citizens' phone numbers and voices: the hotline office's roles only, except a
// case's own calls, shown to whoever sees the case (numbers, speech results and transcripts
// masked for units by api/privacy/maskResponses.ts). Every office read is an identity read.
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { recordAdminChange } from '../audit/record';
import { requireRoles, seesCitizenIdentity } from '../auth/access';
import { callReadTargets, recordIdentityRead, recordIdentityReads } from '../cases/identityReads';
import { requireAuth } from '../auth/middleware';
import type { Role } from '../auth/tokens';
import { visibleCaseOf } from '../attachments/access';
import { caseIdParams } from '../cases/params';
import { HttpError } from '../http/errors';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import type { db } from '../../prisma/client';
import { queuedWhere } from '../twilio/calls/callRecords';
import { LiveCallListener } from '../twilio/calls/liveFeed';
import { phoneForms } from '../../lib/phoneNumbers';
import { LiveCallHub } from './liveStream';
import { CALL_WITH_MEDIA, type CallDetail } from './answers';
import { callCaseBody, callIdParams, calledBackBody, callListQuery, callTransferBody, type CallListFilter } from './schemas';
import { transferCall } from './callTransfer';
import { linkCallToCase } from '../twilio/calls/voicePetition';

export type TelephonyConsoleDeps = Pick<AppDeps, 'prisma' | 'log' | 'jwtSecret' | 'now' | 'databaseUrl' | 'twilio' | 'publicBaseUrl'>;

export const CALL_READER_ROLES: Role[] = ['operator', 'dispatcher', 'supervisor', 'admin', 'auditor'];
export const CALLED_BACK_ROLES: Role[] = ['operator', 'dispatcher', 'supervisor'];
/** Who files a call under a case: the roles that register cases. */
export const CALL_FILER_ROLES: Role[] = ['operator', 'dispatcher'];
/** Who transfers a caller to a unit: the roles that take calls from the queue. */
export const CALL_TRANSFER_ROLES: Role[] = ['operator', 'dispatcher'];
export const LIVE_FEED_ROLES: Role[] = ['operator', 'dispatcher', 'supervisor', 'admin'];

function callWhere(filter: CallListFilter, now: Date): db.Prisma.CallWhereInput {
  const and: db.Prisma.CallWhereInput[] = [];
  if (filter.id) and.push({ id: { in: filter.id } });
  if (filter.needsCallback !== undefined) and.push({ needsCallback: filter.needsCallback });
  if (filter.queued !== undefined) and.push(filter.queued ? queuedWhere(undefined, now) : { NOT: queuedWhere(undefined, now) });
  if (filter.purpose) and.push({ purpose: { in: filter.purpose } });
  if (filter.direction) and.push({ direction: filter.direction });
  if (filter.fromNumber) and.push({ fromNumber: { in: phoneForms(filter.fromNumber).length > 0 ? phoneForms(filter.fromNumber) : [filter.fromNumber] } });
  if (filter.caseId) and.push({ caseId: filter.caseId });
  return { AND: and };
}

export function telephonyConsoleRoutes(deps: TelephonyConsoleDeps): Router {
  const router = Router();
  const now = () => deps.now?.() ?? new Date();
  const hub = new LiveCallHub(deps.prisma, deps.databaseUrl ? new LiveCallListener(deps.databaseUrl, deps.log) : null, deps.log);
  router.use(requireAuth(deps.jwtSecret));

  router.get('/calls', requireRoles(...CALL_READER_ROLES), async (req, res) => {
    const query = callListQuery.parse(req.query);
    const where = callWhere(query.filter, now());
    const [total, rows] = await Promise.all([
      deps.prisma.call.count({ where }),
      deps.prisma.call.findMany({ where, orderBy: [orderOf(query.sort), { id: 'asc' }], ...pageOf(query.range) }),
    ]);
    await recordIdentityReads(deps.prisma, req.user!, callReadTargets(rows), 'GET /api/telephony/calls');
    sendList(res, 'calls', rows, total, query.range);
  });

  router.get('/calls/:id', requireRoles(...CALL_READER_ROLES), async (req, res) => {
    const { id } = callIdParams.parse(req.params);
    const call = await deps.prisma.call.findUnique({ where: { id }, include: CALL_WITH_MEDIA });
    if (!call) throw new HttpError(404, 'not_found', `no call ${id}`);
    await recordIdentityReads(deps.prisma, req.user!, callReadTargets([call]), 'GET /api/telephony/calls/:id');
    const answer: CallDetail = call;
    res.json(answer);
  });

  router.post('/calls/:id/called-back', requireRoles(...CALLED_BACK_ROLES), async (req, res) => {
    const { id } = callIdParams.parse(req.params);
    const { reason } = calledBackBody.parse(req.body ?? {});
    const user = req.user!;
    const updated = await deps.prisma.$transaction(async (tx) => {
      const before = await tx.call.findUnique({ where: { id } });
      if (!before) throw new HttpError(404, 'not_found', `no call ${id}`);
      const { count } = await tx.call.updateMany({ where: { id, needsCallback: true }, data: { needsCallback: false, calledBackAt: now(), calledBackById: user.sub } });
      if (count === 0) throw new HttpError(409, 'invalidState', before.calledBackAt ? 'the call was called back already' : 'the call is not waiting for a call-back');
      const after = await tx.call.findUniqueOrThrow({ where: { id } });
      await recordAdminChange(tx, user, { entityType: 'call', entityId: id, action: 'calledBack', reason: reason ?? null, before: { needsCallback: before.needsCallback }, after: { needsCallback: false, calledBackAt: after.calledBackAt, calledBackById: after.calledBackById }, details: { fromNumber: after.fromNumber, caseId: after.caseId } });
      return after;
    });
    res.json(updated);
  });

  router.post('/calls/:id/case', requireRoles(...CALL_FILER_ROLES), async (req, res) => {
    const { id } = callIdParams.parse(req.params);
    const { caseId, reason } = callCaseBody.parse(req.body ?? {});
    const user = req.user!;
    const call = await deps.prisma.call.findUnique({ where: { id }, select: { caseId: true } });
    if (!call) throw new HttpError(404, 'not_found', `no call ${id}`);
    if (call.caseId && call.caseId !== caseId) throw new HttpError(409, 'invalidState', `the call is filed under case ${call.caseId} already`);
    const actor = { id: user.sub, roles: user.roles, unitId: user.unitId };
    if (!(await linkCallToCase(deps.prisma, id, caseId, { now, actor, reason: reason ?? null }))) throw new HttpError(404, 'not_found', `no case ${caseId} (a case just registered is listed within seconds: send the request again)`);
    res.json(await deps.prisma.call.findUniqueOrThrow({ where: { id } }));
  });

  router.post('/calls/:id/transfer', requireRoles(...CALL_TRANSFER_ROLES), async (req, res) => {
    const { id } = callIdParams.parse(req.params);
    const { unitId, reason } = callTransferBody.parse(req.body ?? {});
    res.json(await transferCall(deps, req, req.user!, { callId: id, unitId, reason: reason ?? null }));
  });

  router.get('/live', requireRoles(...LIVE_FEED_ROLES), async (req, res) => {
    // The feed streams callers' numbers as they ring: opening it is an identity read.
    await recordIdentityReads(deps.prisma, req.user!, [{ entityType: 'telephony', entityId: 'liveCallFeed' }], 'GET /api/telephony/live');
    await hub.attach(req, res);
  });

  return router;
}

/** /api/cases/:id/calls: a case's calls, for whoever sees the case. */
export function caseCallRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router({ mergeParams: true });
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (req, res) => {
    const { id } = caseIdParams.parse(req.params);
    const found = await visibleCaseOf(deps.prisma, req.user!, id);
    const calls = await deps.prisma.call.findMany({ where: { caseId: found.id }, orderBy: [{ startedAt: 'asc' }, { id: 'asc' }], include: CALL_WITH_MEDIA });
    // Units get them masked on the way out (api/privacy/maskResponses.ts); the office's read is recorded.
    if (seesCitizenIdentity(req.user!) && calls.length > 0) await recordIdentityRead(deps.prisma, found.id, req.user!, 'GET /api/cases/:id/calls');
    res.json(calls);
  });

  return router;
}
