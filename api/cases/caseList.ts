// One page of the case list, built to stay fast on a city's millions of cases:
// - the count is exact up to LIST_COUNT_CAP and beyond it only "more" (counting every row of a
//   broad filter costs more than the page; past 40 pages people narrow the filter instead);
// - the page's ids come first, read along the sort index, then the page's rows alone: a deep
//   page reads past ids, not whole rows (offset 10,000 at 1M: p99 87 → 24 ms);
// - a row is its list columns (CASE_LIST_COLUMNS), not the citizen's words and every counter, or
//   only the fields a view asks for (listFields.ts);
// - `after` (listCursor.ts) starts the page after a row instead of at an offset.
import type { db, PrismaClient } from '../../prisma/client';
import { CASE_LIST_COLUMNS, type CaseListColumn } from './answers';

/** Counted exactly up to here; past it the total is unknown ("more than"). */
export const LIST_COUNT_CAP = 1_000;

type ListRow = Pick<db.Case, CaseListColumn>;

export interface CasePage {
  rows: ListRow[];
  /** null: more than LIST_COUNT_CAP cases match. */
  total: number | null;
}

/**
 * The page's rows carry `columns` (every list column unless a view asked for fewer fields,
 * listFields.ts); the columns not read are absent from the rows.
 */
export async function casePage(
  prisma: PrismaClient,
  where: db.Prisma.CaseWhereInput,
  orderBy: db.Prisma.CaseOrderByWithRelationInput[],
  [start, end]: [number, number],
  columns: readonly CaseListColumn[] = CASE_LIST_COLUMNS,
  /** Rows after a cursor's row (keyset paging): the page starts there and `start` is not skipped. */
  after?: db.Prisma.CaseWhereInput,
): Promise<CasePage> {
  const select = Object.fromEntries(columns.map((column) => [column, true])) as { [Column in CaseListColumn]: true };
  const [counted, ids] = await Promise.all([
    // In the list's own order: a capped count is a limited subquery, which Prisma orders by id
    // unless told otherwise, and since case numbers grow with time PostgreSQL then walks the
    // primary key from the oldest case looking for, say, the open ones (350–470 ms at 1M).
    prisma.case.count({ where, orderBy, take: LIST_COUNT_CAP + 1 }),
    prisma.case.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy,
      skip: after ? 0 : start,
      take: end - start + 1,
      select: { id: true },
    }),
  ]);
  const byId = new Map((await prisma.case.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select })).map((row) => [row.id, row]));
  // A case is never deleted, so each id read a moment ago still has its row.
  const rows = ids.flatMap(({ id }) => byId.get(id) ?? []);
  return { rows, total: counted > LIST_COUNT_CAP ? null : counted };
}
