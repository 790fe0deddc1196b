// /api/stuck-cases: the workflow steps that failed and wait (StuckStep, written by the
// workflows' step guard), for admins, supervisors and auditors; an admin retries one
// workflow's steps or all of them, after fixing the cause (docs/stuck-cases.md). A step belongs
// to a case's workflow or a poll campaign's. A retry is a signal to that workflow, audited with
// the admin's reason.
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporalClient } from '../temporalClient';
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { Role } from '../auth/tokens';
import { HttpError } from '../http/errors';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import type { RetryAllAnswer, StuckStepRow } from './answers';
import { retryStuckStepsSignal } from '../../workflows/stuckSteps/definitions';
import { retryBody, stuckCaseListQuery, stuckStepParams } from './schemas';

export const STUCK_CASE_READERS: Role[] = ['admin', 'supervisor', 'auditor'];
export const STUCK_CASE_RETRIERS: Role[] = ['admin'];

/** At most this many workflows are signalled by one "retry all". */
export const RETRY_ALL_LIMIT = 1000;

export function stuckCaseRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'jwtSecret' | 'log'>): Router {
  const router = Router();
  const client = temporalClient(deps);
  router.use(requireAuth(deps.jwtSecret));

  /** Signals one workflow; false when it no longer runs (nothing left to retry). */
  const signalRetry = async (workflowId: string, actorId: string): Promise<boolean> => {
    try {
      await client.workflow.getHandle(workflowId).signal(retryStuckStepsSignal, { actorId });
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  };

  router.get('/', requireRoles(...STUCK_CASE_READERS), async (req, res) => {
    const { filter, range, sort } = stuckCaseListQuery.parse(req.query);
    const where = {
      resolvedAt: filter.resolved ? { not: null } : null,
      ...(filter.caseId ? { caseId: filter.caseId } : {}),
      ...(filter.pollCampaignId ? { pollCampaignId: filter.pollCampaignId } : {}),
      ...(filter.step ? { step: filter.step } : {}),
      ...(filter.permanent !== undefined ? { permanent: filter.permanent } : {}),
    };
    const [total, rows] = await Promise.all([
      deps.prisma.stuckStep.count({ where }),
      deps.prisma.stuckStep.findMany({ where, orderBy: [orderOf(sort), { id: 'asc' }], ...pageOf(range) }),
    ]);
    // A case whose registration is the stuck write has no row yet: the list says so.
    const caseIds = rows.flatMap((r) => (r.caseId === null ? [] : [r.caseId]));
    const pollIds = rows.flatMap((r) => (r.pollCampaignId === null ? [] : [r.pollCampaignId]));
    const [cases, polls] = await Promise.all([
      deps.prisma.case.findMany({ where: { id: { in: caseIds } }, select: { id: true } }),
      deps.prisma.pollCampaign.findMany({ where: { id: { in: pollIds } }, select: { id: true, title: true } }),
    ]);
    const visible = new Set(cases.map((c) => c.id));
    const pollTitles = new Map(polls.map((p) => [p.id, p.title]));
    const answer = rows.map((row): StuckStepRow => ({
      ...row,
      caseVisible: row.caseId !== null && visible.has(row.caseId),
      pollTitle: row.pollCampaignId === null ? null : (pollTitles.get(row.pollCampaignId) ?? null),
    }));
    sendList(res, 'stuck-cases', answer, total, range);
  });

  router.post('/retry', requireRoles(...STUCK_CASE_RETRIERS), async (req, res) => {
    const { reason } = retryBody.parse(req.body);
    const open = await deps.prisma.stuckStep.findMany({ where: { resolvedAt: null }, select: { workflowId: true }, distinct: ['workflowId'], orderBy: { workflowId: 'asc' }, take: RETRY_ALL_LIMIT });
    let signalled = 0;
    for (const { workflowId } of open) if (await signalRetry(workflowId, req.user!.sub)) signalled += 1;
    await deps.prisma.$transaction((tx) => recordAdminChange(tx, req.user!, { entityType: 'stuckSteps', entityId: 'all', action: 'stuckStepsRetried', reason, before: null, after: null, details: { workflows: open.length, signalled } }));
    deps.log.info({ actorId: req.user!.sub, signalled }, 'stuck steps retried by hand (all)');
    const answer: RetryAllAnswer = { workflows: open.length, signalled };
    res.json(answer);
  });

  router.post('/:id/retry', requireRoles(...STUCK_CASE_RETRIERS), async (req, res) => {
    const { id } = stuckStepParams.parse(req.params);
    const { reason } = retryBody.parse(req.body);
    const row = await deps.prisma.stuckStep.findUnique({ where: { id } });
    if (!row) throw new HttpError(404, 'not_found', `no stuck step ${id}`);
    if (row.resolvedAt) throw new HttpError(409, 'already_recovered', `this step recovered at ${row.resolvedAt.toISOString()}`);
    const signalled = await signalRetry(row.workflowId, req.user!.sub);
    if (!signalled) {
      // Ended by other means (terminated by hand in Temporal): nothing will retry it, so it
      // leaves the list rather than keep /healthz degraded for ever.
      await deps.prisma.$transaction(async (tx) => {
        await tx.stuckStep.update({ where: { id }, data: { resolvedAt: new Date(), nextRetryAt: null } });
        await recordAdminChange(tx, req.user!, { entityType: 'stuckStep', entityId: id, action: 'stuckStepClosed', reason, before: null, after: null, details: { caseId: row.caseId, pollCampaignId: row.pollCampaignId, step: row.step, why: 'workflow no longer runs' } });
      });
      throw new HttpError(409, 'workflow_closed', `the workflow ${row.workflowId} no longer runs; the step was taken off the list`);
    }
    await deps.prisma.$transaction((tx) => recordAdminChange(tx, req.user!, { entityType: 'stuckStep', entityId: id, action: 'stuckStepRetried', reason, before: null, after: null, details: { caseId: row.caseId, pollCampaignId: row.pollCampaignId, step: row.step, attempts: row.attempts } }));
    deps.log.info({ caseId: row.caseId, pollCampaignId: row.pollCampaignId, step: row.step, actorId: req.user!.sub }, 'stuck step retried by hand');
    res.status(202).json({ id, caseId: row.caseId, pollCampaignId: row.pollCampaignId, signalled });
  });

  return router;
}
