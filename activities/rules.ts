// Loads what the rules need from the database: the policies that apply to a case, the scalar
// settings, the working-day calendar (compacted) and the category's lineage.
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import { LIFECYCLE_SETTING_KEYS, type LifecycleSettings } from '../rules/lifecycle/clocks';
import { readRuleSettings } from '../lib/ruleSettings';
import { resolveClockPolicies, type PolicyRow } from '../rules/policies';
import { workingCalendarCache } from '../lib/workingCalendarCache';
import type { CaseRules } from '../workflows/petition/types';

export function createRulesActivities(deps: { prisma: PrismaClient; log: Logger }) {
  // Every case loads the calendar when it starts; the cache keeps it while the table is unchanged.
  const currentCalendar = workingCalendarCache(deps.prisma);

  return {
    /** Which of the named units (active) and cases do not exist: a command naming them is refused. */
    async findMissingReferences(input: { unitIds: string[]; caseIds: string[] }): Promise<{ unitIds: string[]; caseIds: string[] }> {
      const [units, cases] = await Promise.all([
        input.unitIds.length ? deps.prisma.unit.findMany({ where: { id: { in: input.unitIds }, active: true }, select: { id: true } }) : [],
        input.caseIds.length ? deps.prisma.case.findMany({ where: { id: { in: input.caseIds } }, select: { id: true } }) : [],
      ]);
      return {
        unitIds: input.unitIds.filter((id) => !units.some((u) => u.id === id)),
        caseIds: input.caseIds.filter((id) => !cases.some((c) => c.id === id)),
      };
    },

    /** Whether `unitId` is an active unit strictly below `ancestorId` in the unit tree. */
    async isUnitBelow(input: { unitId: string; ancestorId: string }): Promise<boolean> {
      const unit = await deps.prisma.unit.findUnique({ where: { id: input.unitId }, select: { lineage: true, active: true } });
      return unit !== null && unit.active && input.unitId !== input.ancestorId && unit.lineage.includes(input.ancestorId);
    },

    async loadCaseRules(input: { caseTypeCode: string; categoryId: string | null; urgency: string }): Promise<CaseRules> {
      const [category, policyRows, settingValues, calendar] = await Promise.all([
        input.categoryId ? deps.prisma.category.findUnique({ where: { id: input.categoryId }, select: { lineage: true } }) : null,
        deps.prisma.deadlinePolicy.findMany({ where: { active: true } }),
        readRuleSettings(deps.prisma, Object.values(LIFECYCLE_SETTING_KEYS)),
        currentCalendar(),
      ]);
      const categoryLineage = category?.lineage ?? [];
      const rows: PolicyRow[] = policyRows.map((row) => ({ ...row, warnRatio: row.warnRatio === null ? null : Number(row.warnRatio) }));
      const settings = Object.fromEntries(Object.entries(LIFECYCLE_SETTING_KEYS).map(([field, key]) => [field, settingValues[key]])) as unknown as LifecycleSettings;
      return {
        categoryLineage,
        policies: resolveClockPolicies(rows, { caseTypeCode: input.caseTypeCode, categoryLineage, urgency: input.urgency }),
        settings,
        calendar,
      };
    },
  };
}

export type RulesActivities = ReturnType<typeof createRulesActivities>;
