// One audit row per admin change, written in the same transaction as the change itself, so that
// nothing is changed without its record (or recorded without being changed).
import { randomUUID } from 'node:crypto';
import type { db } from '../../prisma/client';
import type { AccessClaims } from '../auth/tokens';

export type Tx = db.Prisma.TransactionClient;

export interface AdminChange {
  entityType: string;
  entityId: string;
  action: string;
  reason?: string | null;
  /** The entity before and after the change (null when created / deleted); never secrets. */
  before: unknown;
  after: unknown;
  /** Anything else worth keeping, e.g. the fields that changed or the rows a move rewrote. */
  details?: Record<string, unknown>;
}

/** Dates become ISO strings and Decimals strings, as they would in a response. */
function plainJson(value: unknown): db.Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as db.Prisma.InputJsonValue;
}

export async function recordAdminChange(tx: Tx, actor: AccessClaims, change: AdminChange): Promise<void> {
  await tx.auditEvent.create({
    data: {
      idempotencyKey: `${change.entityType}:${change.entityId}:${randomUUID()}`,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      actorId: actor.sub,
      actorRole: actor.roles.join(','),
      actorUnitId: actor.unitId,
      reason: change.reason ?? null,
      payload: plainJson({ before: change.before, after: change.after, ...change.details }),
      occurredAt: new Date(),
    },
  });
}

/** The fields whose values differ between two versions of a row (timestamps aside). */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  return Object.keys(is).filter((key) => key !== 'updatedAt' && JSON.stringify(was[key]) !== JSON.stringify(is[key]));
}
