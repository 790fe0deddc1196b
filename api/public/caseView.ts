// What of a case a citizen is shown on the public pages: never who handled it or why, never
// the citizen's own personal data.
import type { PrismaClient } from '../../prisma/client';

/** The reply to the citizen of the result the hotline office accepted last. */
export async function acceptedReply(prisma: PrismaClient, caseId: string): Promise<string | null> {
  const result = await prisma.caseResult.findFirst({ where: { caseId, reviewOutcome: 'accepted' }, orderBy: { submittedAt: 'desc' }, select: { replyToCitizen: true } });
  return result?.replyToCitizen ?? null;
}
