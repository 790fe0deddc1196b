// A unit's free-text search runs over the text as the unit sees it: masked. Matching the stored
// text instead would be an oracle — a search for "小明" or "6666" finding a case whose text
// shows "王**" or "139****6666" tells the unit what the mask hides. So for a unit the database
// narrows the candidates (the same LIKE as for the office), and each candidate's title and
// content, as the unit reads them (masked with the case's own identity, withheld for a
// confidential case, none for a case it is recused from: maskResponses.ts), must still contain
// the words searched.
import type { db, PrismaClient } from '../../prisma/client';
import { identityMasker, RECUSED } from '../../lib/citizenIdentity';
import type { AccessClaims } from '../auth/tokens';
import { CASE_FOR_READER, identitiesOf, readerLineage, treatmentOfCase } from './maskResponses';

/** Candidates read for one unit search; beyond them the search answers the first ones. */
export const UNIT_SEARCH_CANDIDATES = 5000;

export async function unitSearchWhere(prisma: PrismaClient, user: AccessClaims, where: db.Prisma.CaseWhereInput, q: string, orderBy: db.Prisma.CaseOrderByWithRelationInput[]): Promise<db.Prisma.CaseWhereInput> {
  const [candidates, lineage] = await Promise.all([
    prisma.case.findMany({ where, orderBy, take: UNIT_SEARCH_CANDIDATES, select: { ...CASE_FOR_READER, title: true, content: true } }),
    readerLineage(prisma, user.unitId),
  ]);
  const ids = candidates
    .filter((row) => {
      const treatment = treatmentOfCase(row, lineage);
      if (treatment.recuse) return RECUSED.includes(q);
      const { known, withheld } = identitiesOf([row]);
      const mask = identityMasker(known, { withheld, withholdAll: treatment.withhold });
      return mask(row.title).includes(q) || mask(row.content).includes(q);
    })
    .map((row) => row.id);
  return { AND: [where, { id: { in: ids } }] };
}
