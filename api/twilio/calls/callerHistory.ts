// The caller's earlier cases, for the operator's screen while the call rings: the same read as
// intake's caller history (api/cases/intake.ts), by the calling number with or without +86.
import type { PrismaClient } from '../../../prisma/client';
import type { EarlierCase } from '../../cases/intake';
import { phoneForms } from '../../../lib/phoneNumbers';

const HISTORY_SIZE = 10;

export async function callerHistory(prisma: Pick<PrismaClient, 'case'>, phone: string): Promise<EarlierCase[]> {
  const variants = phoneForms(phone);
  if (variants.length === 0) return [];
  return prisma.case.findMany({
    where: { citizenPhone: { in: variants } },
    orderBy: { receivedAt: 'desc' },
    take: HISTORY_SIZE,
    select: { id: true, title: true, status: true, receivedAt: true },
  });
}
