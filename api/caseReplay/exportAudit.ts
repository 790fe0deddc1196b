// An exported case file leaves an audit row: who took it, in which role and unit, when. Like
// identity reads (api/cases/identityReads.ts) it is kept outside the case's lifecycle trail
// (caseId stays empty, entityId names the case), so replay and timeline carry only what
// happened to the case.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import type { AccessClaims } from '../auth/tokens';

export const CASE_FILE_EXPORTED = 'caseFileExported';

export async function recordCaseFileExport(prisma: PrismaClient, caseId: string, user: AccessClaims, generatedAt: string): Promise<void> {
  await prisma.auditEvent.create({
    data: {
      idempotencyKey: `${CASE_FILE_EXPORTED}:${randomUUID()}`, entityType: 'case', entityId: caseId, action: CASE_FILE_EXPORTED,
      actorId: user.sub, actorRole: user.roles.join(','), actorUnitId: user.unitId, payload: { generatedAt }, occurredAt: new Date(generatedAt),
    },
  });
}
