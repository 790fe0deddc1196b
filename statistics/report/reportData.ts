// What the monthly report page is made of, and where each part comes from: the indicators and
// the assessment (statistics/indicators.ts, statistics/assessment.ts) through ReportSources.
import type { IsoDate } from '../../rules/shanghaiTime';
import type { AssessmentResult } from '../assessment';
import type { IndicatorResult as IndicatorsResult } from '../indicators';
import type { IsoMonth } from '../calendarMonths';
import type { HotspotReport } from '../hotspots';
import type { RepeatComplaintReport } from '../repeatComplaints';
import type { CallCentreResult } from '../callCentre';
import type { WithTargets } from '../../rules/assessment/targets';
import type { CriticismRule } from '../criticismRule';
import type { MonthSummary } from './monthSummary';

export type { IndicatorResult as IndicatorsResult } from '../indicators';
/** The indicators as the API and the report show them: judged against the targets. */
export type TargetedIndicators = WithTargets<IndicatorsResult>;
export type TargetedIndicatorRow = TargetedIndicators['rows'][number];
export type { AssessmentResult, AssessmentRow, ScoreComparison } from '../assessment';

/** Everything one report page shows; a part that is not available yet is null. */
export interface ReportData {
  month: IsoMonth;
  generatedAt: Date;
  summary: MonthSummary;
  assessment: AssessmentResult | null;
  indicatorsByUnit: TargetedIndicators | null;
  categoryHotspots: HotspotReport;
  placeHotspots: HotspotReport;
  repeatComplaints: RepeatComplaintReport;
  callCentre: CallCentreResult;
  /** The rule behind the criticism counts, printed with the indicators. */
  criticismRule: CriticismRule;
}

/**
 * Where the page reads the parts another module computes. Absent → the section says it is not
 * available. statistics/report/reportSources.ts wires the real ones.
 */
export interface ReportSources {
  indicators?: (period: { from: IsoDate; to: IsoDate; groupBy: 'unit' }) => Promise<TargetedIndicators>;
  assessment?: (month: IsoMonth) => Promise<AssessmentResult>;
}
