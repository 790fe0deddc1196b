// Loads what the rules need from the database: the policies that apply to a case, the scalar
// settings, the working-day calendar (compacted) and the category's lineage.
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import { ruleSourcesCache } from '../lib/ruleSourcesCache';
import { MissingPolicyError, resolveClockPolicies } from '../rules/policies';
import { shanghaiDate } from '../rules/shanghaiTime';
import { sliceCalendar } from '../rules/workingCalendar';
import type { CaseRules } from '../workflows/petition/types';

const CALENDAR_MARGIN_MS = 31 * 86_400_000;

export function createRulesActivities(deps: { prisma: PrismaClient; log: Logger }) {
  // Every case loads its rules when it starts and when they change: kept while their tables are unchanged.
  const currentSources = ruleSourcesCache(deps.prisma);

  /**
   * The rules of a case with this profile. `calendarFrom` (an ISO instant: when the case was
   * received) trims the calendar to the days its clocks can reach; older callers send none.
   */
  const loadCaseRules = async (input: { caseTypeCode: string; categoryId: string | null; urgency: string; calendarFrom?: string }): Promise<CaseRules> => {
    const sources = await currentSources();
    const categoryLineage = input.categoryId ? (sources.categoryLineages.get(input.categoryId) ?? []) : [];
    // A month of margin: a case received before it was registered (a night's voicemail, a
    // backdated letter) still has every day its clocks start from.
    const calendarFrom = input.calendarFrom ? shanghaiDate(Date.parse(input.calendarFrom) - CALENDAR_MARGIN_MS) : null;
    const profile = { caseTypeCode: input.caseTypeCode, categoryLineage, urgency: input.urgency };
    return {
      categoryLineage,
      policies: resolveClockPolicies(sources.policyRows, profile),
      // A dispatch mode is chosen at dispatch: the policies under each are resolved now, with the rest.
      modePolicies: {
        phone: resolveClockPolicies(sources.policyRows, { ...profile, dispatchMode: 'phone' }),
        written: resolveClockPolicies(sources.policyRows, { ...profile, dispatchMode: 'written' }),
      },
      settings: sources.settings,
      calendar: calendarFrom ? sliceCalendar(sources.calendar, calendarFrom) : sources.calendar,
    };
  };

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

    /**
     * The user an assignHandler names, or why they cannot handle the unit's assignment: an active
     * user of that very unit with a unit role. `hasPhone`: whether their record has a phone to text.
     */
    async findAssignableHandler(input: { userId: string; unitId: string }): Promise<{ handler: { userId: string; name: string; hasPhone: boolean } } | { refused: Record<string, string> }> {
      const user = await deps.prisma.user.findUnique({ where: { id: input.userId }, select: { displayName: true, unitId: true, roles: true, active: true, phone: true } });
      if (!user || !user.active) return { refused: { handlerId: 'no such active user' } };
      if (user.unitId !== input.unitId) return { refused: { handlerId: `not a user of ${input.unitId}` } };
      if (!user.roles.some((role) => role === 'unitHandler' || role === 'unitLeader')) return { refused: { handlerId: 'has no unit role (unitHandler or unitLeader)' } };
      return { handler: { userId: input.userId, name: user.displayName, hasPhone: (user.phone ?? '').trim() !== '' } };
    },

    /** Whether `unitId` is an active unit strictly below `ancestorId` in the unit tree. */
    async isUnitBelow(input: { unitId: string; ancestorId: string }): Promise<boolean> {
      const unit = await deps.prisma.unit.findUnique({ where: { id: input.unitId }, select: { lineage: true, active: true } });
      return unit !== null && unit.active && input.unitId !== input.ancestorId && unit.lineage.includes(input.ancestorId);
    },

    /**
     * The rules of the profile a reclassification names, or why it cannot be had: the case type
     * and the category must be active, and a policy must apply to every clock.
     */
    async loadReclassifiedRules(input: { caseTypeCode: string; categoryId: string | null; urgency: string; calendarFrom: string }): Promise<{ rules: CaseRules } | { refused: Record<string, string> }> {
      const [caseType, category] = await Promise.all([
        deps.prisma.caseType.findFirst({ where: { code: input.caseTypeCode, active: true }, select: { code: true } }),
        input.categoryId ? deps.prisma.category.findFirst({ where: { id: input.categoryId, active: true }, select: { id: true } }) : null,
      ]);
      const refused: Record<string, string> = {};
      if (!caseType) refused.caseTypeCode = 'no such active case type';
      if (input.categoryId && !category) refused.categoryId = 'no such active category';
      if (Object.keys(refused).length > 0) return { refused };
      try {
        return { rules: await loadCaseRules(input) };
      } catch (error) {
        if (!(error instanceof MissingPolicyError)) throw error;
        return { refused: { caseTypeCode: error.message } };
      }
    },

    /** The rules of a case with this profile (above). */
    loadCaseRules,
  };
}

export type RulesActivities = ReturnType<typeof createRulesActivities>;
