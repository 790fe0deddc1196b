// /api/telephony/blocked-callers: the caller blocklist (issue 20). An operator or dispatcher
// proposes a block of a harassing number (pending); it takes effect only when a supervisor
// approves it, for the proposal's days (at most ivr.blockMaxDays), and ends by itself then; a
// supervisor may reject a proposal or lift an active block early. One live (pending or active)
// block per number. Every change is audited in the same transaction (entityType blockedCaller),
// and every read of the numbers is an identity read.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { recordAdminChange, type Tx } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { recordIdentityReads } from '../cases/identityReads';
import type { AccessClaims, Role } from '../auth/tokens';
import { HttpError } from '../http/errors';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import type { db } from '../../prisma/client';
import { readRuleSettings } from '../../lib/ruleSettings';
import { callerBlockStatus, callerBlockWhere, liveBlockWhere } from '../../lib/callerBlocks';
import type { BlockedCallerAnswer } from './answers';
import { blockApprovalBody, blockIdParams, blockLiftBody, blockListQuery, blockProposalBody, blockRejectionBody, type BlockListFilter } from './blockedCallerSchemas';

export const BLOCK_READER_ROLES: Role[] = ['operator', 'dispatcher', 'supervisor', 'admin', 'auditor'];
export const BLOCK_PROPOSER_ROLES: Role[] = ['operator', 'dispatcher'];
export const BLOCK_REVIEWER_ROLES: Role[] = ['supervisor'];

const DAY_MS = 86_400_000;

function answerOf(row: db.BlockedCaller, now: Date): BlockedCallerAnswer {
  return { ...row, status: callerBlockStatus(row, now) };
}

function listWhere(filter: BlockListFilter, now: Date): db.Prisma.BlockedCallerWhereInput {
  const and: db.Prisma.BlockedCallerWhereInput[] = [];
  if (filter.id) and.push({ id: { in: filter.id } });
  if (filter.status) and.push({ OR: filter.status.map((s) => callerBlockWhere(s, now)) });
  if (filter.number) and.push({ number: filter.number });
  return { AND: and };
}

/** Serialises the changes of one number's blocks, so that two proposals cannot both be the live one. */
async function lockNumber(tx: Tx, number: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`blockedCaller:${number}`}, 0))`;
}

export function blockedCallerRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret' | 'now'>): Router {
  const router = Router();
  const now = () => deps.now?.() ?? new Date();
  router.use(requireAuth(deps.jwtSecret));

  /** Loads a block for a decision, under its number's lock; 404 when there is none. */
  async function lockedBlock(tx: Tx, id: string): Promise<db.BlockedCaller> {
    const found = await tx.blockedCaller.findUnique({ where: { id }, select: { number: true } });
    if (!found) throw new HttpError(404, 'not_found', `no blocked caller ${id}`);
    await lockNumber(tx, found.number);
    return tx.blockedCaller.findUniqueOrThrow({ where: { id } });
  }

  async function decide(id: string, user: AccessClaims, change: (before: db.BlockedCaller, at: Date) => { data: db.Prisma.BlockedCallerUpdateInput; action: string; reason: string | null }): Promise<BlockedCallerAnswer> {
    return deps.prisma.$transaction(async (tx) => {
      const before = await lockedBlock(tx, id);
      const at = now();
      const { data, action, reason } = change(before, at);
      const after = await tx.blockedCaller.update({ where: { id }, data });
      await recordAdminChange(tx, user, { entityType: 'blockedCaller', entityId: id, action, reason, before: answerOf(before, at), after: answerOf(after, at), details: { number: after.number } });
      return answerOf(after, at);
    });
  }

  router.get('/', requireRoles(...BLOCK_READER_ROLES), async (req, res) => {
    const query = blockListQuery.parse(req.query);
    const at = now();
    const where = listWhere(query.filter, at);
    const [total, rows] = await Promise.all([
      deps.prisma.blockedCaller.count({ where }),
      deps.prisma.blockedCaller.findMany({ where, orderBy: [orderOf(query.sort), { id: 'asc' }], ...pageOf(query.range) }),
    ]);
    // Blocked numbers are citizens' numbers: reading them is an identity read, as for calls.
    await recordIdentityReads(deps.prisma, req.user!, rows.map((row) => ({ entityType: 'blockedCaller', entityId: row.id })), 'GET /api/telephony/blocked-callers');
    sendList(res, 'blocked-callers', rows.map((row) => answerOf(row, at)), total, query.range);
  });

  router.get('/:id', requireRoles(...BLOCK_READER_ROLES), async (req, res) => {
    const { id } = blockIdParams.parse(req.params);
    const row = await deps.prisma.blockedCaller.findUnique({ where: { id } });
    if (!row) throw new HttpError(404, 'not_found', `no blocked caller ${id}`);
    await recordIdentityReads(deps.prisma, req.user!, [{ entityType: 'blockedCaller', entityId: id }], 'GET /api/telephony/blocked-callers/:id');
    res.json(answerOf(row, now()));
  });

  router.post('/', requireRoles(...BLOCK_PROPOSER_ROLES), async (req, res) => {
    const body = blockProposalBody.parse(req.body ?? {});
    const user = req.user!;
    const settings = await readRuleSettings(deps.prisma, ['ivr.blockMaxDays', 'ivr.blockDefaultDays']);
    const maxDays = settings['ivr.blockMaxDays'];
    const days = body.days ?? Math.min(settings['ivr.blockDefaultDays'], maxDays);
    if (days > maxDays) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { days: `at most ${maxDays} days (rule setting ivr.blockMaxDays)` });
    const created = await deps.prisma.$transaction(async (tx) => {
      await lockNumber(tx, body.number);
      const at = now();
      const live = await tx.blockedCaller.findFirst({ where: liveBlockWhere(body.number, at), select: { id: true, decision: true } });
      if (live) throw new HttpError(409, 'invalidState', `${body.number} has a ${live.decision === 'pending' ? 'pending' : 'active'} block already (${live.id})`);
      const row = await tx.blockedCaller.create({ data: { id: randomUUID(), number: body.number, reason: body.reason, days, proposedById: user.sub, proposedAt: at } });
      await recordAdminChange(tx, user, { entityType: 'blockedCaller', entityId: row.id, action: 'blockProposed', reason: body.reason, before: null, after: answerOf(row, at), details: { number: row.number } });
      return answerOf(row, at);
    });
    res.status(201).json(created);
  });

  router.post('/:id/approve', requireRoles(...BLOCK_REVIEWER_ROLES), async (req, res) => {
    const { id } = blockIdParams.parse(req.params);
    const { comment } = blockApprovalBody.parse(req.body ?? {});
    res.json(await decide(id, req.user!, (before, at) => {
      if (before.decision !== 'pending') throw new HttpError(409, 'invalidState', `the block is ${callerBlockStatus(before, at)}, not pending`);
      return { action: 'blockApproved', reason: comment ?? null, data: { decision: 'approved', reviewedById: req.user!.sub, reviewedAt: at, reviewComment: comment ?? null, expiresAt: new Date(at.getTime() + before.days * DAY_MS) } };
    }));
  });

  router.post('/:id/reject', requireRoles(...BLOCK_REVIEWER_ROLES), async (req, res) => {
    const { id } = blockIdParams.parse(req.params);
    const { comment } = blockRejectionBody.parse(req.body ?? {});
    res.json(await decide(id, req.user!, (before, at) => {
      if (before.decision !== 'pending') throw new HttpError(409, 'invalidState', `the block is ${callerBlockStatus(before, at)}, not pending`);
      return { action: 'blockRejected', reason: comment, data: { decision: 'rejected', reviewedById: req.user!.sub, reviewedAt: at, reviewComment: comment } };
    }));
  });

  router.post('/:id/lift', requireRoles(...BLOCK_REVIEWER_ROLES), async (req, res) => {
    const { id } = blockIdParams.parse(req.params);
    const { reason } = blockLiftBody.parse(req.body ?? {});
    res.json(await decide(id, req.user!, (before, at) => {
      if (callerBlockStatus(before, at) !== 'active') throw new HttpError(409, 'invalidState', `the block is ${callerBlockStatus(before, at)}, not active`);
      return { action: 'blockLifted', reason, data: { decision: 'lifted', liftedById: req.user!.sub, liftedAt: at, liftReason: reason } };
    }));
  });

  return router;
}
