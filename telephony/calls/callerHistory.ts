// The caller's earlier cases, for the operator's screen while the call rings: the same read as
// intake's caller history (api/cases/intake.ts), by the calling number with or without +86.
import type { PrismaClient } from '../../prisma/client';
import type { EarlierCase } from '../../api/cases/intake';

const HISTORY_SIZE = 10;

export function phoneVariants(phone: string): string[] {
  const national = phone.replace(/^\+86/, '');
  return [...new Set([phone, national, `+86${national}`])].filter((p) => /^\+?\d{5,20}$/.test(p));
}

export async function callerHistory(prisma: Pick<PrismaClient, 'case'>, phone: string): Promise<EarlierCase[]> {
  const variants = phoneVariants(phone);
  if (variants.length === 0) return [];
  return prisma.case.findMany({
    where: { citizenPhone: { in: variants } },
    orderBy: { receivedAt: 'desc' },
    take: HISTORY_SIZE,
    select: { id: true, title: true, status: true, receivedAt: true },
  });
}
