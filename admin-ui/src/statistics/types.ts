// The statistics API's answers as the console reads them (docs/statistics.md,
// docs/statistics-hotspots.md). Dates are ISO strings once parsed from JSON.
import { RATE_INDICATORS, type RateIndicator } from '../../../rules/assessment/indicators';
import type { IndicatorTarget } from '../../../rules/assessment/targets';
import type { Satisfaction } from '../../../rules/vocabulary';

export { RATE_INDICATORS, type IndicatorTarget, type RateIndicator };

export type IndicatorFigures = Record<RateIndicator, number | null> & {
  received: number;
  overdueCount: number;
  supervisionCount: number;
  urgeCount: number;
  criticismCount: number;
};

export interface IndicatorRow extends IndicatorFigures {
  key: string;
  name: string;
  /** The indicators whose target this row misses. */
  missedTargets: RateIndicator[];
}

export const GROUP_BYS = ['unit', 'category', 'channel'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface IndicatorResult {
  from: string;
  to: string;
  groupBy: GroupBy;
  targets: IndicatorTarget[];
  /** The urges on one unfinished case that bring a criticism notice (0: off), and the points each costs. */
  criticismRule: { threshold: number; deduction: number };
  rows: IndicatorRow[];
}

export interface Change {
  change: number | null;
  relativeChange: number | null;
}

export interface ComparedPeriod {
  from: string;
  to: string;
  totals: IndicatorFigures;
  received: Change;
  satisfactionRate: Change;
  completedOnTimeRate: Change;
}

export interface SummaryResult {
  from: string;
  to: string;
  totals: IndicatorFigures;
  byDay: { date: string; total: number; byChannel: Record<string, number> }[];
  byChannel: { channel: string; count: number }[];
  topCategories: { categoryId: string | null; name: string; count: number }[];
  satisfaction: Record<Satisfaction, number>;
  previous: ComparedPeriod;
  lastYear: ComparedPeriod;
}

export interface ScoreComparison {
  score: number;
  change: number | null;
  relativeChange: number | null;
}

export interface AssessmentRow {
  unitId: string;
  unitName: string;
  workPerformance: number | null;
  citizenEvaluation: number | null;
  score: number | null;
  rank: number | null;
  missedTargets: RateIndicator[];
  previous: ScoreComparison | null;
  lastYear: ScoreComparison | null;
}

export interface AssessmentResult {
  month: string;
  weights: { workPerformance: number; citizenEvaluation: number };
  targets: IndicatorTarget[];
  rows: AssessmentRow[];
}

export type HotspotDimension = 'category' | 'place';

export interface HotspotRow {
  key: string;
  name: string;
  kind: 'category' | 'address' | 'grid';
  current: number;
  baseline: number[];
  baselineMean: number;
  ratio: number | null;
  zScore: number;
  flagged: boolean;
}

export interface HotspotReport {
  month: string;
  by: HotspotDimension;
  settings: { baselineMonths: number; sigmaFactor: number; minCount: number };
  baselineMonths: string[];
  rows: HotspotRow[];
}

export interface RepeatCase {
  id: string;
  receivedAt: string;
  title: string;
  status: string;
}

export interface RepeatGroup {
  groupId: string;
  kind: 'citizen' | 'placeCategory';
  label: string;
  caseCount: number;
  maxInWindow: number;
  windowStart: string;
  windowEnd: string;
  cases: RepeatCase[];
}

export interface RepeatComplaintReport {
  from: string;
  to: string;
  settings: { minCases: number; windowDays: number };
  totalGroups: number;
  groups: RepeatGroup[];
}
