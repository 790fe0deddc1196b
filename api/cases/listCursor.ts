// Keyset paging of the case list (`after`): a client walking a whole list (a warehouse's nightly
// copy, an export) asks for the rows after the last one it has instead of an offset, so page 4,000
// costs what page 1 does and a case registered meanwhile neither repeats a row nor skips one.
// The cursor names the sort it was made for, the last row's value of the sort column and its id
// (the tiebreak of every sort): opaque to clients, checked when it comes back.
import { z } from 'zod';
import type { db } from '../../prisma/client';
import { identifier } from '../../rules/text';
import type { CaseListItem } from './answers';

type Direction = 'ASC' | 'DESC';

/**
 * The sorts a cursor can follow: one column with the id as tiebreak (toOrderBy's shape). Not the
 * enums (status, warning level: sorted in their declared order, which Prisma cannot compare) nor
 * 领导批示 first (three sort keys).
 */
export const KEYSET_SORTS = ['id', 'registeredAt', 'receivedAt', 'updatedAt', 'handleDueAt', 'signForDueAt', 'escalationLevel', 'caseTypeCode'] as const;
export type KeysetSort = (typeof KEYSET_SORTS)[number];

const DATE_COLUMNS: ReadonlySet<KeysetSort> = new Set(['registeredAt', 'receivedAt', 'updatedAt', 'handleDueAt', 'signForDueAt']);
/** Columns that may be null: PostgreSQL sorts their nulls last ascending and first descending. */
const NULLABLE_COLUMNS: ReadonlySet<KeysetSort> = new Set(['handleDueAt', 'signForDueAt']);

type SortValue = string | number | null;

export interface ListCursor {
  sort: KeysetSort;
  direction: Direction;
  value: SortValue;
  id: string;
}

const cursorShape = z.tuple([z.enum(KEYSET_SORTS), z.enum(['ASC', 'DESC']), z.union([identifier(100), z.number().int(), z.null()]), identifier(100)]);

export const isKeysetSort = (field: string): field is KeysetSort => (KEYSET_SORTS as readonly string[]).includes(field);

/** A value of the sort column's own type (a made-up cursor must not reach the query as another). */
function fitsColumn(sort: KeysetSort, value: SortValue): boolean {
  if (value === null) return NULLABLE_COLUMNS.has(sort);
  if (DATE_COLUMNS.has(sort)) return typeof value === 'string' && !Number.isNaN(Date.parse(value));
  return sort === 'escalationLevel' ? typeof value === 'number' : typeof value === 'string';
}

/** The cursor that continues after `row` in this sort. */
export function cursorAfter(row: Pick<CaseListItem, KeysetSort>, [field, direction]: [KeysetSort, Direction]): string {
  const raw = row[field];
  const value: SortValue = raw instanceof Date ? raw.toISOString() : raw;
  return Buffer.from(JSON.stringify([field, direction, value, row.id])).toString('base64url');
}

/** The cursor in `text`, or why it cannot continue this sort (for a 400 on `after`). */
export function readCursor(text: string, [field, direction]: [string, Direction]): ListCursor | { refused: string } {
  if (!isKeysetSort(field)) return { refused: `a cursor cannot follow the sort by ${field}; sort by one of ${KEYSET_SORTS.join(', ')}` };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { refused: 'not a cursor this list gave' };
  }
  const parsed = cursorShape.safeParse(decoded);
  if (!parsed.success) return { refused: 'not a cursor this list gave' };
  const [sort, cursorDirection, value, id] = parsed.data;
  if (sort !== field || cursorDirection !== direction) return { refused: `the cursor continues the sort by ${sort} ${cursorDirection}, not ${field} ${direction}` };
  if (!fitsColumn(sort, value)) return { refused: 'not a cursor this list gave' };
  return { sort, direction, value, id };
}

/** The rows after the cursor's row in its sort (the same order toOrderBy gives the page). */
export function afterCursor({ sort, direction, value, id }: ListCursor): db.Prisma.CaseWhereInput {
  const column = (condition: unknown): db.Prisma.CaseWhereInput => ({ [sort]: condition });
  const typed = value !== null && DATE_COLUMNS.has(sort) ? new Date(value) : value;
  const later = direction === 'ASC' ? 'gt' : 'lt';
  const sameValueLaterId: db.Prisma.CaseWhereInput = { AND: [column(typed), { id: { [later]: id } }] };
  if (typed === null) {
    // Ascending, nulls come last: only later ids among them. Descending, nulls come first: the
    // later ids among them, then every row with a value.
    return direction === 'ASC' ? sameValueLaterId : { OR: [sameValueLaterId, column({ not: null })] };
  }
  const beyond: db.Prisma.CaseWhereInput[] = [column({ [later]: typed }), sameValueLaterId];
  // Ascending, the nulls of a nullable column follow every value.
  if (direction === 'ASC' && NULLABLE_COLUMNS.has(sort)) return { OR: [...beyond, column(null)] };
  // A plain bound beside the OR lets PostgreSQL start its index scan at the cursor instead of
  // filtering the sort index from its first entry.
  return { AND: [column({ [direction === 'ASC' ? 'gte' : 'lte']: typed }), { OR: beyond }] };
}
