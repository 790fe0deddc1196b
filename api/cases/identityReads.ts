// Every read of a citizen's unmasked name and phone leaves an audit row: who, in which role and
// unit, when. The row is kept outside the case's own event trail (caseId stays empty) so that
// the case's timeline and replay carry only what happened to the case.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import type { AccessClaims } from '../auth/tokens';

export const IDENTITY_READ = 'citizenIdentityRead';

export async function recordIdentityRead(prisma: PrismaClient, caseId: string, user: AccessClaims): Promise<void> {
  await prisma.auditEvent.create({
    data: {
      idempotencyKey: `${IDENTITY_READ}:${randomUUID()}`, entityType: 'case', entityId: caseId, action: IDENTITY_READ,
      actorId: user.sub, actorRole: user.roles.join(','), actorUnitId: user.unitId, occurredAt: new Date(),
    },
  });
}
