// What the monthly report page is made of, and where each part comes from. The indicators and
// the assessment are another module's (statistics/indicators.ts, statistics/assessment.ts);
// their answers are typed here by the API contract of GET /api/statistics/indicators and
// /assessment, so that this page depends on the contract, not on their code.
import type { IsoDate } from '../../workflows/rules/shanghaiTime';
import type { IsoMonth } from '../calendarMonths';
import type { HotspotReport } from '../hotspots';
import type { RepeatComplaintReport } from '../repeatComplaints';
import type { MonthSummary } from './monthSummary';

/** Rates are fractions 0..1, or null when nothing was counted. */
export interface IndicatorRow {
  key: string;
  name: string;
  received: number;
  signForOnTimeRate: number | null;
  completedOnTimeRate: number | null;
  overdueCount: number;
  returnRate: number | null;
  wrongReturnRate: number | null;
  extensionRate: number | null;
  rehandleRate: number | null;
  callbackReachRate: number | null;
  satisfactionRate: number | null;
  resolutionRate: number | null;
  supervisionCount: number;
}

export interface IndicatorsResult {
  from: IsoDate;
  to: IsoDate;
  groupBy: 'unit' | 'category' | 'channel';
  rows: IndicatorRow[];
}

export interface ScoreComparison {
  score: number;
  change: number;
}

export interface AssessmentRow {
  unitId: string;
  unitName: string;
  workPerformance: number;
  citizenEvaluation: number;
  score: number;
  rank: number;
  /** 环比: the month before. */
  previous: ScoreComparison | null;
  /** 同比: the same month a year before. */
  lastYear: ScoreComparison | null;
}

export interface AssessmentResult {
  month: IsoMonth;
  weights: Record<string, number>;
  scheme: unknown;
  rows: AssessmentRow[];
}

/** Everything one report page shows; a part that is not available yet is null. */
export interface ReportData {
  month: IsoMonth;
  generatedAt: Date;
  summary: MonthSummary;
  assessment: AssessmentResult | null;
  indicatorsByUnit: IndicatorsResult | null;
  categoryHotspots: HotspotReport;
  placeHotspots: HotspotReport;
  repeatComplaints: RepeatComplaintReport;
}

/**
 * Where the page reads the parts another module computes. Absent → the section says it is not
 * available. statistics/report/reportSources.ts wires the real ones.
 */
export interface ReportSources {
  indicators?: (period: { from: IsoDate; to: IsoDate; groupBy: 'unit' }) => Promise<IndicatorsResult>;
  assessment?: (month: IsoMonth) => Promise<AssessmentResult>;
}
