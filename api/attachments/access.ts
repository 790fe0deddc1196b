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
