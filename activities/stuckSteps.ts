// Records a workflow step that failed and now waits (StuckStep), and its recovery, so that
// /healthz and the admin's stuck-cases screen show it. Called by workflows/stuckSteps/guard.ts.
// The owner is a case or a poll campaign; reports from workflows of before poll campaigns had
// guarded steps carry only caseId.
// Both writes are idempotent upserts keyed by workflow and step, since activities are retried.
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';

/** Whose workflow it is: exactly one of the two is set. */
export interface StuckStepSubject {
  workflowId: string;
  caseId: string | null;
  pollCampaignId?: string | null;
}

export interface StuckStepReport extends StuckStepSubject {
  step: string;
  permanent: boolean;
  errorType: string;
  errorMessage: string;
  attempts: number;
  pendingSeq: number | null;
  firstFailedAt: number;
  lastFailedAt: number;
  nextRetryAt: number | null;
}

const stuckStepId = (workflowId: string, step: string) => `${workflowId}:${step}`;

export function createStuckStepActivities(deps: { prisma: PrismaClient; log: Logger }) {
  return {
    async reportStuckStep(report: StuckStepReport): Promise<void> {
      const data = {
        caseId: report.caseId,
        pollCampaignId: report.pollCampaignId ?? null,
        permanent: report.permanent,
        errorType: report.errorType,
        errorMessage: report.errorMessage.slice(0, 4000),
        attempts: report.attempts,
        pendingSeq: report.pendingSeq,
        firstFailedAt: new Date(report.firstFailedAt),
        lastFailedAt: new Date(report.lastFailedAt),
        nextRetryAt: report.nextRetryAt === null ? null : new Date(report.nextRetryAt),
        resolvedAt: null,
      };
      await deps.prisma.stuckStep.upsert({
        where: { id: stuckStepId(report.workflowId, report.step) },
        create: { id: stuckStepId(report.workflowId, report.step), workflowId: report.workflowId, step: report.step, ...data },
        update: data,
      });
      deps.log.error({ caseId: report.caseId, pollCampaignId: report.pollCampaignId, workflowId: report.workflowId, step: report.step, permanent: report.permanent, attempts: report.attempts, error: report.errorMessage }, 'workflow step stuck');
    },

    async reportStepRecovered(input: StuckStepSubject & { step: string; at: number }): Promise<void> {
      await deps.prisma.stuckStep.updateMany({ where: { id: stuckStepId(input.workflowId, input.step), resolvedAt: null }, data: { resolvedAt: new Date(input.at), nextRetryAt: null } });
      deps.log.info({ caseId: input.caseId, pollCampaignId: input.pollCampaignId, workflowId: input.workflowId, step: input.step }, 'workflow step recovered');
    },
  };
}

export type StuckStepActivities = ReturnType<typeof createStuckStepActivities>;
