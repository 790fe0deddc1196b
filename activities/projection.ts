// Writes the queryable projection of a case and its audit trail: one statement per batch of
// events (activities/projectionStatement.ts over the rows of activities/projectionRows.ts).
// Idempotent, because activities are retried: a batch whose last audit event is written is
// skipped, rows are upserted by their workflow-issued ids, and the case row ignores a state
// older than the one it holds.
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import { projectionBatch, type ProjectCaseInput } from './projectionRows';
import { PROJECTION_STATEMENT } from './projectionStatement';

export type { ProjectCaseInput } from './projectionRows';

export function createProjectionActivities(deps: { prisma: PrismaClient; log: Logger }) {
  return {
    async projectCase(input: ProjectCaseInput): Promise<void> {
      const { state, events } = input;
      const batch = projectionBatch(input, new Date());
      const [answer] = await deps.prisma.$queryRawUnsafe<{ applied: boolean }[]>(PROJECTION_STATEMENT, JSON.stringify(batch));
      deps.log.info(
        { caseId: state.caseId, seq: state.seq, events: events.map((e) => e.type), status: state.status, applied: answer?.applied ?? false },
        'case projected',
      );
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
