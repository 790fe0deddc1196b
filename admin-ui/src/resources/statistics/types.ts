// The statistics API's answers as the console reads them: the server's own types
// (statistics/, rules/assessment/), with their dates as the ISO strings JSON carries.
import { GROUP_BYS, INDICATOR_KEYS, indicatorNames, isRateIndicator, RATE_INDICATORS, type RateIndicator } from '../../../../rules/assessment/indicators';
import type { IndicatorTarget, WithTargets } from '../../../../rules/assessment/targets';
import type { AssessmentResult as ServerAssessmentResult } from '../../../../statistics/assessment';
import type { CriticismRule } from '../../../../statistics/criticismRule';
import type { HotspotDimension, HotspotReport as ServerHotspotReport } from '../../../../statistics/hotspots';
import type { IndicatorResult as ServerIndicatorResult } from '../../../../statistics/indicators';
import type { RepeatComplaintReport as ServerRepeatComplaintReport } from '../../../../statistics/repeatComplaints';
import type { Change, SummaryResult as ServerSummaryResult } from '../../../../statistics/summary';
import type { Json } from '../../shell/providers/json';

export { GROUP_BYS, INDICATOR_KEYS, indicatorNames, isRateIndicator, RATE_INDICATORS, type Change, type HotspotDimension, type IndicatorTarget, type RateIndicator };

/** The groupings the API offers (the server's `all` is the dashboard's own total). */
export type GroupBy = (typeof GROUP_BYS)[number];

/** GET /api/statistics/indicators: the rows judged against the targets, and the criticism rule behind their counts. */
export type IndicatorResult = Json<Omit<WithTargets<ServerIndicatorResult>, 'groupBy'> & { groupBy: GroupBy; criticismRule: CriticismRule }>;
export type IndicatorRow = IndicatorResult['rows'][number];

export type SummaryResult = Json<ServerSummaryResult>;
/** A period's indicator totals. */
export type IndicatorFigures = SummaryResult['totals'];
export type ComparedPeriod = SummaryResult['previous'];

export type AssessmentResult = Json<ServerAssessmentResult>;
export type AssessmentRow = AssessmentResult['rows'][number];
export type ScoreComparison = NonNullable<AssessmentRow['previous']>;

export type HotspotReport = Json<ServerHotspotReport>;
export type HotspotRow = HotspotReport['rows'][number];

export type RepeatComplaintReport = Json<ServerRepeatComplaintReport>;
export type RepeatGroup = RepeatComplaintReport['groups'][number];
export type RepeatCase = RepeatGroup['cases'][number];
