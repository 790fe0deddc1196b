// A result may cite (attachmentIds) files of its own case, or files its submitter uploaded
// and has not yet tied to a case; the projection then ties the latter to the case. Anything
// else is refused before the command reaches the workflow, so a result never cites a file
// that is not there or not the submitter's.
import type { PrismaClient } from '../../prisma/client';

/** Field errors for the attachment ids that may not be cited, or null when all may. */
export async function citationProblems(prisma: PrismaClient, caseId: string, userId: string, attachmentIds: string[]): Promise<Record<string, string> | null> {
  if (attachmentIds.length === 0) return null;
  const rows = await prisma.attachment.findMany({ where: { id: { in: attachmentIds } }, select: { id: true, caseId: true, uploadedById: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const problems: Record<string, string> = {};
  attachmentIds.forEach((id, index) => {
    const row = byId.get(id);
    const citable = row !== undefined && (row.caseId === caseId || (row.caseId === null && row.uploadedById === userId));
    if (!citable) problems[`attachmentIds.${index}`] = 'no attachment of this case or upload of yours with this id';
  });
  return Object.keys(problems).length > 0 ? problems : null;
}

/** Whether a submitted result of the case cites the file (its resultSubmitted audit payload). */
export async function isCitedByResult(prisma: PrismaClient, caseId: string, attachmentId: string): Promise<boolean> {
  const count = await prisma.auditEvent.count({ where: { caseId, action: 'resultSubmitted', payload: { path: ['result', 'attachmentIds'], array_contains: [attachmentId] } } });
  return count > 0;
}
