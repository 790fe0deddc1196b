// The choices of a case's profile (the intake form, a reclassification): active case types and
// the category tree as paths ("城市管理 / 路灯设施"), in the console's language.
import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import type { CaseTypeAnswer } from '../../../../../api/caseTypes/answers';
import type { Category } from '../../../../../prisma/generated/browser';
import { useLocalizedName } from '../../../shell/common/LocalizedName';
import type { Json } from '../../../shell/providers/json';

type CaseTypeRow = Json<CaseTypeAnswer>;
type CategoryRow = Json<Category>;

export interface Choice {
  id: string;
  label: string;
}

const ALL = { page: 1, perPage: 500 };

export const useCaseTypeChoices = (): Choice[] => {
  const localized = useLocalizedName();
  const { data } = useGetList<CaseTypeRow>('case-types', { pagination: ALL });
  return useMemo(() => (data ?? []).filter((row) => row.active).map((row) => ({ id: row.code, label: localized(row) })), [data, localized]);
};

/** Active categories, each labelled with its path from the root, in tree order. */
export const useCategoryChoices = (): Choice[] => {
  const localized = useLocalizedName();
  const { data } = useGetList<CategoryRow>('categories', { pagination: ALL, filter: { active: true }, sort: { field: 'sortOrder', order: 'ASC' } });
  return useMemo(() => {
    const rows = data ?? [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const pathOf = (row: CategoryRow): CategoryRow[] => {
      const parent = row.parentId === null ? undefined : byId.get(row.parentId);
      return parent === undefined ? [row] : [...pathOf(parent), row];
    };
    return rows
      .map((row) => pathOf(row).map(localized))
      .map((names, index) => ({ id: rows[index]!.id, label: names.join(' / ') }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [data, localized]);
};
