// Gathers one month's ReportData: this folder's parts (summary, hot spots, repeat complaints)
// and the parts of statistics/indicators.ts and statistics/assessment.ts through ReportSources.
import type { PrismaClient } from '../../prisma/client';
import { addMonths, firstDay, lastDay, type IsoMonth } from '../calendarMonths';
import { computeAssessment } from '../assessment';
import { computeHotspots } from '../hotspots';
import { computeIndicators } from '../indicators';
import { computeRepeatComplaints } from '../repeatComplaints';
import { computeCallCentre } from '../callCentre';
import { withTargets } from '../targets';
import { loadCriticismRule } from '../criticismRule';
import { computeMonthSummary } from './monthSummary';
import { REPORT_MAX_REPEAT_GROUPS } from './renderReport';
import type { ReportData, ReportSources } from './reportData';

/** The sources the API uses, judged as of the API's clock like its other statistics routes. */
export function defaultReportSources(prisma: PrismaClient, now: () => Date = () => new Date()): ReportSources {
  return {
    indicators: async (period) => withTargets(prisma, await computeIndicators(prisma, { ...period, asOf: now() })),
    assessment: (month) => computeAssessment(prisma, month, { asOf: now() }),
  };
}

export async function gatherReportData(prisma: PrismaClient, month: IsoMonth, sources: ReportSources, now: Date): Promise<ReportData> {
  const from = firstDay(month);
  const to = lastDay(month);
  const [summary, categoryHotspots, placeHotspots, repeatComplaints, assessment, indicatorsByUnit, callCentre, criticismRule] = await Promise.all([
    computeMonthSummary(prisma, month, addMonths(month, -1)),
    computeHotspots(prisma, { month, by: 'category' }),
    computeHotspots(prisma, { month, by: 'place' }),
    computeRepeatComplaints(prisma, { from, to, limit: REPORT_MAX_REPEAT_GROUPS }),
    sources.assessment ? sources.assessment(month) : null,
    sources.indicators ? sources.indicators({ from, to, groupBy: 'unit' }) : null,
    computeCallCentre(prisma, { from, to }),
    loadCriticismRule(prisma),
  ]);
  return { month, generatedAt: now, summary, assessment, indicatorsByUnit, categoryHotspots, placeHotspots, repeatComplaints, callCentre, criticismRule };
}
