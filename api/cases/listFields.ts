// Sparse fields of the case list (`fields=["title","status","timeLeft"]`): a view that shows a few
// columns of many rows asks for those. The supervisor's board shows 500 rows of seven fields; all
// 27 list columns made each of its lists 365 KB and about 30 ms at 1M cases, what it shows 140 KB
// (docs/performance.md). The page reads the columns asked for plus what the derived ones need,
// and answers with the id and the fields asked for, nothing else.
import { z } from 'zod';
import { jsonParam } from '../http/simpleRest';
import { CASE_LIST_COLUMNS, type CaseListColumn, type CaseListItem } from './answers';
import { SUPERVISOR_BOARD_FIELDS } from '../../rules/supervisorBoard';
import { LIGHT_COLUMNS } from './warningNow';
import { CLOCK_COLUMNS } from './timeLeft';

/** What a list row can carry: its list columns and the working time left (timeLeft.ts). */
export const CASE_LIST_FIELDS = [...CASE_LIST_COLUMNS, 'timeLeft'] as const;
export type CaseListField = (typeof CASE_LIST_FIELDS)[number];

export const listFieldsParam = jsonParam(z.array(z.enum(CASE_LIST_FIELDS)).min(1).max(CASE_LIST_FIELDS.length));

/** The columns a derived field is computed from: the light follows the clock (warningNow.ts). */
const DERIVED_FROM: Partial<Record<CaseListField, readonly CaseListColumn[]>> = {
  warningLevel: LIGHT_COLUMNS,
  timeLeft: CLOCK_COLUMNS,
};

/**
 * The columns a page reads to answer `fields` (every list column without it): those asked for,
 * what the derived ones need, the id, and the sort column a keyset cursor names.
 */
export function listColumnsFor(fields: readonly CaseListField[] | undefined, sortField: string): readonly CaseListColumn[] {
  if (!fields) return CASE_LIST_COLUMNS;
  const columns = new Set<CaseListColumn>(['id']);
  for (const field of fields) for (const column of DERIVED_FROM[field] ?? [field as CaseListColumn]) columns.add(column);
  if ((CASE_LIST_COLUMNS as readonly string[]).includes(sortField)) columns.add(sortField as CaseListColumn);
  return [...columns];
}

/** The item as asked for: its id and the fields named (every field without `fields`). */
export function pickFields(item: CaseListItem, fields: readonly CaseListField[] | undefined): Partial<CaseListItem> {
  if (!fields) return item;
  const picked: Partial<Record<CaseListField, unknown>> = { id: item.id };
  for (const field of fields) picked[field] = item[field];
  return picked as Partial<CaseListItem>;
}

// The board's fields are list fields: checked here, where the API's columns are known.
SUPERVISOR_BOARD_FIELDS satisfies readonly CaseListField[];
