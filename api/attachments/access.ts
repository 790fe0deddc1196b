// Who may see, add and remove attachments.
//
// - A case's attachments: whoever can see the case (units: their subtree's cases).
// - An upload not yet tied to a case: its uploader (and auditors, who read everything), until
//   a result that cites it ties it to the case.
// - Call recordings carry the citizen's voice. DOMAIN.md says "handling units can play it", so
//   units that see the case may play them, as the hotline office may; every read is logged,
//   as reading a citizen's identity is.
// - A call recording not (yet) tied to a case (a voicemail, a call not registered as a case):
//   the hotline office's roles, who work the missed-call list.
import type { PrismaClient } from '../../prisma/client';
import type { AccessClaims, Role } from '../auth/tokens';
import { seesCitizenIdentity } from '../auth/access';
import { caseWhere } from '../cases/listQuery';
import { HttpError } from '../http/errors';
import { isRecused, readerLineage } from '../privacy/maskResponses';

/** Roles that take part in handling cases; auditors and admins change nothing of a case. */
export const UPLOADER_ROLES: Role[] = ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor'];

export async function visibleCaseOf(prisma: PrismaClient, user: AccessClaims, caseId: string) {
  const row = await prisma.case.findFirst({ where: { AND: [{ id: caseId }, await caseWhere(prisma, {}, user)] }, select: { id: true, status: true, resultSubmittedAt: true } });
  if (!row) throw new HttpError(404, 'not_found', `no case ${caseId}`);
  return row;
}

/** The attachment if the user may see it; 404 otherwise, so that its existence does not leak. */
export async function visibleAttachment(prisma: PrismaClient, user: AccessClaims, id: string) {
  const row = await prisma.attachment.findUnique({ where: { id } });
  const notFound = new HttpError(404, 'not_found', `no attachment ${id}`);
  if (!row) throw notFound;
  if (row.caseId === null) {
    if (row.kind === 'recording' && row.uploadedById === null) {
      if (!seesCitizenIdentity(user)) throw notFound;
      return row;
    }
    if (row.uploadedById !== user.sub && !user.roles.includes('auditor')) throw notFound;
    return row;
  }
  const visible = await prisma.case.count({ where: { AND: [{ id: row.caseId }, await caseWhere(prisma, {}, user)] } });
  if (visible === 0) throw notFound;
  return row;
}

/**
 * A unit never hears the citizen of a confidential case (保密), nor of a case it is complained
 * about in (回避): no call recording, voicemail or Media Streams audio (any attachment that is a
 * recording or audio). It reads the transcript as the masking layer gives it (withheld, or
 * redacted), or nothing. 403, so that the console can say why.
 */
export async function refuseConfidentialAudio(prisma: PrismaClient, user: AccessClaims, row: { id: string; caseId: string | null; kind: string; contentType: string }): Promise<void> {
  if (seesCitizenIdentity(user) || row.caseId === null) return;
  const isAudio = row.kind === 'recording' || row.contentType.startsWith('audio/') || (await prisma.recording.count({ where: { attachmentId: row.id } })) > 0;
  if (!isAudio) return;
  const [owning, lineage] = await Promise.all([
    prisma.case.findUnique({ where: { id: row.caseId }, select: { confidential: true, complainedUnitId: true } }),
    readerLineage(prisma, user.unitId),
  ]);
  if (owning?.confidential) throw new HttpError(403, 'forbidden', 'the case is confidential (保密): units read the transcript, not the call audio', { attachmentId: 'confidential case audio' });
  if (owning && isRecused(owning, lineage)) throw new HttpError(403, 'forbidden', 'your unit is the one complained about (回避): the citizen’s words are not given to it', { attachmentId: 'recused' });
}
