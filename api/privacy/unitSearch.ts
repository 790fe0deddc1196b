// A unit's free-text search runs over the text as the unit sees it: masked. Matching the stored
// text instead would be an oracle — a search for "小明" or "6666" finding a case whose text
// shows "王**" or "139****6666" tells the unit what the mask hides. So for a unit the database
// narrows the candidates (the same LIKE as for the office), and each candidate's title and
// content, masked with the case's own identity, must still contain the words searched.
import type { db, PrismaClient } from '../../prisma/client';
import { identityMasker, knownIdentityOf } from '../../lib/citizenIdentity';

/** Candidates read for one unit search; beyond them the search answers the first ones. */
export const UNIT_SEARCH_CANDIDATES = 5000;

export async function unitSearchWhere(prisma: PrismaClient, where: db.Prisma.CaseWhereInput, q: string, orderBy: db.Prisma.CaseOrderByWithRelationInput[]): Promise<db.Prisma.CaseWhereInput> {
  const candidates = await prisma.case.findMany({ where, orderBy, take: UNIT_SEARCH_CANDIDATES, select: { id: true, title: true, content: true, citizenName: true, citizenPhone: true } });
  const ids = candidates
    .filter((row) => {
      const mask = identityMasker(knownIdentityOf([row]));
      return mask(row.title).includes(q) || mask(row.content).includes(q);
    })
    .map((row) => row.id);
  return { AND: [where, { id: { in: ids } }] };
}
