// The units a case can be sent to: the active units below the hotline office, in tree order
// (each unit followed by the units under it), for the dispatch picker.
import { useMemo } from 'react';
import { useGetList, type RaRecord } from 'react-admin';

export interface UnitRecord extends RaRecord<string> {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  /** Ids from the root down to and including this unit. */
  lineage: string[];
  /** 0 = hotline office, 1 = 一级网络, 2/3 = 二级/三级. */
  level: number;
  active: boolean;
  sortOrder: number;
}

export interface UnitTree {
  /** Dispatchable units, depth-first, siblings by sort order. */
  rows: UnitRecord[];
  byId: ReadonlyMap<string, UnitRecord>;
  isPending: boolean;
}

/** The API's page limit: the whole unit tree fits in one page. */
const ALL_UNITS = 1000;

const inTreeOrder = (units: UnitRecord[]): UnitRecord[] => {
  const children = new Map<string | null, UnitRecord[]>();
  for (const unit of units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  const ordered: UnitRecord[] = [];
  const visit = (parentId: string) => {
    const below = (children.get(parentId) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
    for (const unit of below) {
      ordered.push(unit);
      visit(unit.id);
    }
  };
  // The hotline office (level 0) is the root: it dispatches, it is never dispatched to.
  for (const root of units.filter((unit) => unit.level === 0)) visit(root.id);
  return ordered;
};

export const useDispatchableUnits = (): UnitTree => {
  const { data, isPending } = useGetList<UnitRecord>('units', {
    filter: { active: true },
    pagination: { page: 1, perPage: ALL_UNITS },
    sort: { field: 'level', order: 'ASC' },
  });
  return useMemo(() => {
    const rows = inTreeOrder(data ?? []);
    return { rows, byId: new Map(rows.map((unit) => [unit.id, unit])), isPending };
  }, [data, isPending]);
};

/** The rows matching a search (name in either language or code), with their ancestors for context. */
export const matchingRows = (rows: UnitRecord[], query: string): UnitRecord[] => {
  const needle = query.trim().toLowerCase();
  if (needle === '') return rows;
  const matches = rows.filter((unit) => [unit.name, unit.nameEn ?? '', unit.code].some((text) => text.toLowerCase().includes(needle)));
  const shown = new Set(matches.flatMap((unit) => unit.lineage));
  return rows.filter((unit) => shown.has(unit.id));
};
