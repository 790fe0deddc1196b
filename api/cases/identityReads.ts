// Every read of a citizen's unmasked name and phone leaves an audit row: who, in which role and
// unit, when. The row is kept outside the case's own event trail (caseId stays empty) so that
// the case's timeline and replay carry only what happened to the case.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import type { AccessClaims } from '../auth/tokens';

export const IDENTITY_READ = 'citizenIdentityRead';

export async function recordIdentityRead(prisma: PrismaClient, caseId: string, user: AccessClaims, via?: string): Promise<void> {
  await recordIdentityReads(prisma, user, [{ entityType: 'case', entityId: caseId }], via);
}

/** What an identity read was of: a case, or a call not (yet) filed under one, the live feed, or a blocked number. */
export interface IdentityReadTarget {
  entityType: 'case' | 'call' | 'telephony' | 'blockedCaller';
  entityId: string;
}

/**
 * One identity-read row per target (deduplicated), in one statement. `via` names the path read
 * (e.g. 'GET /api/telephony/calls'), kept in the payload for the auditor; a read of a
 * confidential case's identity (保密) is marked `confidential: true` there, for the auditor to
 * single out.
 */
export async function recordIdentityReads(prisma: PrismaClient, user: AccessClaims, targets: IdentityReadTarget[], via?: string): Promise<void> {
  const unique = [...new Map(targets.map((t) => [`${t.entityType}:${t.entityId}`, t])).values()];
  if (unique.length === 0) return;
  const caseIds = unique.filter((t) => t.entityType === 'case').map((t) => t.entityId);
  const confidential = new Set(
    caseIds.length > 0 ? (await prisma.case.findMany({ where: { id: { in: caseIds }, confidential: true }, select: { id: true } })).map((c) => c.id) : [],
  );
  const occurredAt = new Date();
  await prisma.auditEvent.createMany({
    data: unique.map((target) => {
      const marked = target.entityType === 'case' && confidential.has(target.entityId);
      const payload = { ...(via ? { via } : {}), ...(marked ? { confidential: true } : {}) };
      return {
        idempotencyKey: `${IDENTITY_READ}:${randomUUID()}`, entityType: target.entityType, entityId: target.entityId, action: IDENTITY_READ,
        actorId: user.sub, actorRole: user.roles.join(','), actorUnitId: user.unitId, occurredAt, ...(Object.keys(payload).length > 0 ? { payload } : {}),
      };
    }),
  });
}

/** The targets of reading these calls: their cases, and the calls filed under none. */
export function callReadTargets(calls: { id: string; caseId: string | null }[]): IdentityReadTarget[] {
  return calls.map((call) => (call.caseId ? { entityType: 'case', entityId: call.caseId } : { entityType: 'call', entityId: call.id }));
}
