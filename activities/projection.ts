// Writes the queryable projection of a case and its audit trail. Every write is idempotent:
// activities are retried, so each audit event carries a key derived from the workflow and the
// transition's sequence, and the case row ignores versions older than the one it holds.
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import type { Registration } from '../workflows/petition/types';

export interface RecordRegistrationInput {
  registration: Registration;
  registeredAt: string;
  version: number;
  workflowId: string;
}

export function createProjectionActivities(deps: { prisma: PrismaClient; log: Logger }) {
  return {
    async recordRegistration(input: RecordRegistrationInput): Promise<void> {
      const { registration: r, registeredAt, version, workflowId } = input;
      const idempotencyKey = `${workflowId}:${version}`;
      await deps.prisma.$transaction(async (tx) => {
        if (await tx.auditEvent.findUnique({ where: { idempotencyKey }, select: { id: true } })) return;
        await tx.case.create({
          data: {
            id: r.caseId,
            workflowId,
            channel: r.channel,
            caseTypeCode: r.caseTypeCode,
            categoryId: r.categoryId,
            urgency: r.urgency,
            status: 'registered',
            title: r.title,
            content: r.content,
            citizenName: r.citizenName,
            citizenPhone: r.citizenPhone,
            address: r.address,
            receivedAt: new Date(r.receivedAt),
            registeredAt: new Date(registeredAt),
            registeredById: r.registeredBy.id,
            projectionVersion: version,
          },
        });
        await tx.auditEvent.create({
          data: {
            idempotencyKey,
            caseId: r.caseId,
            entityType: 'case',
            entityId: r.caseId,
            action: 'register',
            actorId: r.registeredBy.id,
            actorRole: r.registeredBy.role,
            actorUnitId: r.registeredBy.unitId,
            payload: { channel: r.channel, caseTypeCode: r.caseTypeCode, categoryId: r.categoryId, urgency: r.urgency },
            occurredAt: new Date(registeredAt),
          },
        });
      });
      deps.log.info({ caseId: r.caseId, version }, 'case registered');
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
