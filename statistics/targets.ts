// Target lines (考核目标) per indicator: the rule setting `assessment.targets`, e.g. seed 003's
// "问题解决率不低于80%". The dashboard draws them on the charts, the monthly report prints them,
// and every indicator row lists the targets it misses. docs/statistics.md explains the rule.
import { readRuleSetting } from '../lib/ruleSettings';
import type { PrismaClient } from '../prisma/client';
import type { IndicatorRates } from '../rules/assessment/indicators';
import { flagTargets, type IndicatorTarget, type WithTargets } from '../rules/assessment/targets';

/** The targets as configured; a missing or unreadable setting is the default. */
export function loadTargets(prisma: PrismaClient): Promise<IndicatorTarget[]> {
  return readRuleSetting(prisma, 'assessment.targets');
}

/** computeIndicators' answer judged against the configured targets. */
export async function withTargets<R extends { rows: IndicatorRates[] }>(prisma: PrismaClient, result: R): Promise<WithTargets<R>> {
  return flagTargets(await loadTargets(prisma), result);
}
