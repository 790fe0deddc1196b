// 保密 and 回避 on a registered case, changed by the office with a reason and audited in the same
// transaction (docs/security.md):
//   POST /api/cases/:id/confidentiality    { confidential, reason }       supervisors only
//   POST /api/cases/:id/complained-unit     { complainedUnitId, reason }   dispatchers, supervisors
// Both are projection fields written at registration (workflows/petition/types.ts Registration)
// that the workflow never changes afterwards, so the office changes them here, on the row; the
// audit row (entity case:<id>, outside the case's lifecycle trail) is their history. 409 when
// the case is already in that state; nothing changes on a refusal.
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/client';
import { identifier, requiredLine } from '../../rules/text';
import { recordAdminChange } from '../audit/record';
import type { AccessClaims, Role } from '../auth/tokens';
import { HttpError } from '../http/errors';

/** Who sets or lifts 保密: a supervisor, as for other decisions that override a citizen's protection. */
export const CONFIDENTIALITY_ROLES: Role[] = ['supervisor'];
/** Who names the unit complained about: those who dispatch, and supervisors. */
export const COMPLAINED_UNIT_ROLES: Role[] = ['dispatcher', 'supervisor'];

export const confidentialityBody = z.object({ confidential: z.boolean(), reason: requiredLine(500) }).strict();
export const complainedUnitBody = z.object({ complainedUnitId: identifier(100).nullable(), reason: requiredLine(500) }).strict();

export const CONFIDENTIALITY_CHANGED = 'confidentialityChanged';
export const COMPLAINED_UNIT_CHANGED = 'complainedUnitChanged';

export async function changeConfidentiality(prisma: PrismaClient, user: AccessClaims, caseId: string, body: z.output<typeof confidentialityBody>) {
  return prisma.$transaction(async (tx) => {
    // Claimed by the condition, so that two supervisors' clicks cannot both change it.
    const { count } = await tx.case.updateMany({ where: { id: caseId, confidential: !body.confidential }, data: { confidential: body.confidential } });
    if (count === 0) {
      if ((await tx.case.count({ where: { id: caseId } })) === 0) throw new HttpError(404, 'not_found', `no case ${caseId}`);
      throw new HttpError(409, 'invalidState', body.confidential ? 'the case is confidential already' : 'the case is not confidential');
    }
    await recordAdminChange(tx, user, {
      entityType: 'case', entityId: caseId, action: CONFIDENTIALITY_CHANGED, reason: body.reason,
      before: { confidential: !body.confidential }, after: { confidential: body.confidential },
    });
    return tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { id: true, confidential: true, complainedUnitId: true } });
  });
}

export async function changeComplainedUnit(prisma: PrismaClient, user: AccessClaims, caseId: string, body: z.output<typeof complainedUnitBody>) {
  if (body.complainedUnitId && !(await prisma.unit.findUnique({ where: { id: body.complainedUnitId }, select: { id: true } }))) {
    throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { complainedUnitId: 'no such unit' });
  }
  return prisma.$transaction(async (tx) => {
    const before = await tx.case.findUnique({ where: { id: caseId }, select: { complainedUnitId: true } });
    if (!before) throw new HttpError(404, 'not_found', `no case ${caseId}`);
    const refusal = new HttpError(409, 'invalidState', body.complainedUnitId ? `the case names ${body.complainedUnitId} already` : 'the case names no unit complained about');
    if (before.complainedUnitId === body.complainedUnitId) throw refusal;
    // Conditional on what was read: a concurrent change makes this one a 409, not a lost update.
    const { count } = await tx.case.updateMany({ where: { id: caseId, complainedUnitId: before.complainedUnitId }, data: { complainedUnitId: body.complainedUnitId } });
    if (count === 0) throw refusal;
    await recordAdminChange(tx, user, {
      entityType: 'case', entityId: caseId, action: COMPLAINED_UNIT_CHANGED, reason: body.reason,
      before: { complainedUnitId: before.complainedUnitId }, after: { complainedUnitId: body.complainedUnitId },
    });
    return tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { id: true, confidential: true, complainedUnitId: true } });
  });
}
