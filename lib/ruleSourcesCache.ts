// What every case's rules are made of (deadline policies, the lifecycle's rule settings, the
// working-day calendar, the category tree), read once per process and again only when one of
// those tables changed. Each read costs one small query: the tables' stamp (row count and latest
// change of each), which any edit through the product moves (Prisma sets updatedAt; a delete
// changes the count). Registering a case used to read all four tables.
import type { PrismaClient } from '../prisma/client';
import { LIFECYCLE_SETTING_KEYS, type LifecycleSettings } from '../rules/lifecycle/clocks';
import type { PolicyRow } from '../rules/policies';
import type { WorkingCalendar } from '../rules/workingCalendar';
import { readRuleSettings } from './ruleSettings';
import { readWorkingCalendar } from './workingCalendarCache';

export interface RuleSources {
  policyRows: PolicyRow[];
  settings: LifecycleSettings;
  calendar: WorkingCalendar;
  /** Each category's lineage (its ancestors' ids and its own), by id. */
  categoryLineages: ReadonlyMap<string, string[]>;
}

const STAMPED_TABLES = ['DeadlinePolicy', 'RuleSetting', 'CalendarDay', 'Category'] as const;
const STAMP_SQL = `SELECT concat_ws('|', ${STAMPED_TABLES.map((table) => `(SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "${table}")`).join(', ')}) AS stamp`;

async function readSources(prisma: PrismaClient): Promise<RuleSources> {
  const [policyRows, settingValues, calendar, categories] = await Promise.all([
    prisma.deadlinePolicy.findMany({ where: { active: true } }),
    readRuleSettings(prisma, Object.values(LIFECYCLE_SETTING_KEYS)),
    readWorkingCalendar(prisma),
    prisma.category.findMany({ select: { id: true, lineage: true } }),
  ]);
  return {
    policyRows: policyRows.map((row) => ({ ...row, warnRatio: row.warnRatio === null ? null : Number(row.warnRatio) })),
    settings: Object.fromEntries(Object.entries(LIFECYCLE_SETTING_KEYS).map(([field, key]) => [field, settingValues[key]])) as unknown as LifecycleSettings,
    calendar,
    categoryLineages: new Map(categories.map((category) => [category.id, category.lineage])),
  };
}

export function ruleSourcesCache(prisma: PrismaClient): () => Promise<RuleSources> {
  let cached: { stamp: string; sources: Promise<RuleSources> } | undefined;
  return async () => {
    const [{ stamp }] = await prisma.$queryRawUnsafe<[{ stamp: string }]>(STAMP_SQL);
    if (cached?.stamp !== stamp) {
      // Concurrent reads with the same new stamp share one load; a failed load is not kept.
      const sources = readSources(prisma);
      cached = { stamp, sources };
      sources.catch(() => {
        if (cached?.sources === sources) cached = undefined;
      });
    }
    return cached.sources;
  };
}
