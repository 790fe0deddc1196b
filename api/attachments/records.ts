// Attachment rows and their audit events, written together.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import type { AccessClaims } from '../auth/tokens';
import { defaultKind, kindFits, type AttachmentKind } from './contentTypes';
import type { ReceivedFile } from './receiveUpload';
import type { AttachmentView } from './schemas';

type AttachmentRow = AttachmentView & { storageKey: string };

/** What callers see: everything but where the bytes are kept. */
export function viewOf(row: AttachmentRow): AttachmentView {
  const { storageKey: _internal, ...view } = row;
  return view;
}

/** Files whose type does not fit the kind asked for (a "photo" that is a PDF). */
export function misfits(files: ReceivedFile[], kind: AttachmentKind | undefined): ReceivedFile[] {
  return kind ? files.filter((file) => !kindFits(kind, file.contentType)) : [];
}

export interface NewAttachments {
  /** Null for an upload not yet tied to a case (cited later by a result). */
  caseId: string | null;
  kind: AttachmentKind | undefined;
  files: ReceivedFile[];
  actor: AccessClaims;
  now: Date;
}

export async function recordAttachments(prisma: PrismaClient, input: NewAttachments): Promise<AttachmentView[]> {
  const rows = input.files.map((file) => ({
    id: randomUUID(),
    caseId: input.caseId,
    kind: input.kind ?? defaultKind(file.contentType),
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.stored.size,
    storageKey: file.stored.key,
    sha256: file.stored.sha256,
    uploadedById: input.actor.sub,
    createdAt: input.now,
  }));
  await prisma.$transaction([
    prisma.attachment.createMany({ data: rows }),
    prisma.auditEvent.createMany({
      data: rows.map((row) => ({
        idempotencyKey: `attachment:${row.id}:added`,
        caseId: row.caseId,
        entityType: 'attachment',
        entityId: row.id,
        action: row.caseId ? 'attachmentAdded' : 'attachmentUploaded',
        actorId: input.actor.sub,
        actorRole: input.actor.roles.join(','),
        actorUnitId: input.actor.unitId,
        payload: { kind: row.kind, fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256: row.sha256 },
        occurredAt: input.now,
      })),
    }),
  ]);
  return rows.map(viewOf);
}

export async function recordRemoval(prisma: PrismaClient, row: AttachmentRow, actor: AccessClaims, reason: string | null, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.attachment.delete({ where: { id: row.id } }),
    prisma.auditEvent.create({
      data: {
        idempotencyKey: `attachment:${row.id}:removed`,
        caseId: row.caseId,
        entityType: 'attachment',
        entityId: row.id,
        action: 'attachmentRemoved',
        actorId: actor.sub,
        actorRole: actor.roles.join(','),
        actorUnitId: actor.unitId,
        reason,
        // What was removed stays on record, including its hash.
        payload: { kind: row.kind, fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256: row.sha256, uploadedAt: row.createdAt.toISOString() },
        occurredAt: now,
      },
    }),
  ]);
}
