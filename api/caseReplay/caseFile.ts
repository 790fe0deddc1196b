// The case file (案卷) an auditor takes away: one JSON document holding the case's projection,
// its full audit trail, its Temporal event history (every run), the state replayed from the
// trail, and who generated it when with which version of the application.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/client';
import type { AccessClaims } from '../auth/tokens';
import { lifecycleEvents, replayEvents } from '../../rules/lifecycle/replay';
import { fetchWorkflowHistories } from './temporalHistory';

export const CASE_FILE_FORMAT = 'hotline12345.case-file/v1';

export interface CaseFileDeps {
  prisma: PrismaClient;
  client: Client;
  version: string;
  now: () => Date;
}

/** The case's projection: its row (never the query password's hash) and the rows around it. */
async function projectionOf(prisma: PrismaClient, caseId: string) {
  const row = await prisma.case.findUnique({
    where: { id: caseId },
    include: {
      assignments: { orderBy: { dispatchedAt: 'asc' } },
      results: { orderBy: { submittedAt: 'asc' } },
      callbacks: { orderBy: { round: 'asc' } },
      urges: { orderBy: { createdAt: 'asc' } },
      supervisions: { orderBy: { issuedAt: 'asc' } },
      returnRequests: { orderBy: { requestedAt: 'asc' } },
      extensionRequests: { orderBy: { requestedAt: 'asc' } },
      reReviewRequests: { orderBy: { requestedAt: 'asc' } },
    },
  });
  if (!row) return null;
  const { queryPasswordHash: _hidden, ...projection } = row;
  return projection;
}

/** Null for an unknown case. */
export async function buildCaseFile(deps: CaseFileDeps, caseId: string, user: AccessClaims) {
  const projection = await projectionOf(deps.prisma, caseId);
  if (!projection) return null;
  // Everything recorded about the case: its lifecycle, attachments and calls (caseId), and the
  // reads of it kept apart from its lifecycle (entityId, e.g. identity reads).
  const auditTrail = await deps.prisma.auditEvent.findMany({ where: { OR: [{ caseId }, { entityType: 'case', entityId: caseId }] }, orderBy: { id: 'asc' } });
  const replayed = replayEvents(lifecycleEvents(caseId, auditTrail));
  const temporalHistory = await fetchWorkflowHistories(deps.client, projection.workflowId);
  return {
    format: CASE_FILE_FORMAT,
    generated: { at: deps.now().toISOString(), by: { id: user.sub, username: user.username, roles: user.roles, unitId: user.unitId }, appVersion: deps.version },
    caseId,
    projection,
    auditTrail: auditTrail.map((e) => ({ ...e, id: String(e.id) })),
    replayedState: { last: replayed.last && { seq: replayed.last.seq, at: new Date(replayed.last.at).toISOString() }, state: replayed.state },
    temporalHistory,
  };
}
