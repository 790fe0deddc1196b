// Writes the queryable projection of a case and its audit trail: one statement per batch of
// events (activities/projectionStatement.ts over the rows of activities/projectionRows.ts).
// Idempotent, because activities are retried: a batch whose last audit event is written is
// skipped, rows are upserted by their workflow-issued ids, and the case row ignores a state
// older than the one it holds.
import type { Logger } from '../config/logger';
import { queryPrepared, type PrismaClient } from '../prisma/client';
import { storableJson } from '../prisma/textGuard';
import { projectionBatch, type ProjectCaseInput } from './projectionRows';
import { PROJECTION_STATEMENT } from './projectionStatement';

export type { ProjectCaseInput } from './projectionRows';

export function createProjectionActivities(deps: { prisma: PrismaClient; log: Logger }) {
  return {
    async projectCase(input: ProjectCaseInput): Promise<void> {
      const { state, events } = input;
      // A NUL or a lone surrogate in a case's text would make jsonb refuse the whole batch, and the
      // case's projection fail for good: cleaned as the client's guard cleans (prisma/textGuard.ts).
      const batch = storableJson(projectionBatch(input, new Date()));
      if (batch.cleaned) deps.log.warn({ caseId: state.caseId, seq: state.seq }, 'text a door did not clean was cleaned before PostgreSQL');
      const [answer] = await queryPrepared<{ applied: boolean }>(deps.prisma, PROJECTION_STATEMENT, [JSON.stringify(batch.value)]);
      deps.log.info(
        { caseId: state.caseId, seq: state.seq, events: events.map((e) => e.type), status: state.status, applied: answer?.applied ?? false },
        'case projected',
      );
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
