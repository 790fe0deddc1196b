// The monthly assessment (月度考核) of units: each lead unit's indicators for the month become a
// work-performance and a citizen-evaluation score, combined with the configured weights into
// one score, ranked, and compared with the previous month (环比) and the same month a year
// earlier (同比).
import type { PrismaClient } from '../prisma/client';
import { computeIndicatorCounts } from './indicators';
import { ratesOf, type IndicatorCounts, type IndicatorRates, type RateIndicator } from '../rules/assessment/indicators';
import { loadTargets } from './targets';
import { missedTargets, type IndicatorTarget } from '../rules/assessment/targets';
import { monthPeriod, previousMonth, sameMonthLastYear } from './period';
import { assessmentSchemeSchema, DEFAULT_ASSESSMENT_SCHEME, rankScores, scoreOf, type AssessmentScheme, type AssessmentWeights, type UnitScore } from '../rules/assessment/scheme';

export const WEIGHTS_SETTING = 'assessment.weights';
export const SCHEME_SETTING = 'assessment.scheme';
const DEFAULT_WEIGHTS: AssessmentWeights = { workPerformance: 0.3, citizenEvaluation: 0.7 };

export interface ScoreComparison {
  score: number;
  /** This month's score minus that period's (points). */
  change: number | null;
  /** change / that period's score; null when that score is 0. */
  relativeChange: number | null;
}

export interface AssessmentRow extends UnitScore {
  unitId: string;
  unitName: string;
  rank: number | null;
  /** The month's indicators whose target (assessment.targets) the unit misses. */
  missedTargets: RateIndicator[];
  /** 环比: the previous month; null when the unit had no score then. */
  previous: ScoreComparison | null;
  /** 同比: the same month last year; null when the unit had no score then. */
  lastYear: ScoreComparison | null;
}

export interface AssessmentResult {
  month: string;
  weights: AssessmentWeights;
  scheme: AssessmentScheme;
  targets: IndicatorTarget[];
  rows: AssessmentRow[];
}

export interface AssessmentOptions {
  withinUnitId?: string | null;
  asOf?: Date;
  /** Where the counts come from: the stored days (default), or the cases (the benchmark's baseline). */
  countIndicators?: typeof computeIndicatorCounts;
}

/** The weights and the scheme as configured; a setting that is missing falls back to the seed's. */
export async function assessmentRules(prisma: PrismaClient): Promise<{ weights: AssessmentWeights; scheme: AssessmentScheme }> {
  const rows = await prisma.ruleSetting.findMany({ where: { key: { in: [WEIGHTS_SETTING, SCHEME_SETTING] } } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const weights = (value(WEIGHTS_SETTING) as AssessmentWeights | undefined) ?? DEFAULT_WEIGHTS;
  const scheme = value(SCHEME_SETTING) === undefined ? DEFAULT_ASSESSMENT_SCHEME : assessmentSchemeSchema.parse(value(SCHEME_SETTING));
  return { weights, scheme };
}

type MonthScore = UnitScore & { rates: IndicatorRates };

async function monthScores(prisma: PrismaClient, month: string, weights: AssessmentWeights, scheme: AssessmentScheme, options: AssessmentOptions): Promise<Map<string, MonthScore>> {
  const counts = await (options.countIndicators ?? computeIndicatorCounts)(prisma, { ...monthPeriod(month), groupBy: 'unit', withinUnitId: options.withinUnitId, asOf: options.asOf });
  return new Map([...counts].map(([unitId, c]: [string, IndicatorCounts]) => [unitId, { ...scoreOf(weights, scheme, c, ratesOf(c)), rates: ratesOf(c) }]));
}

function compare(current: number | null, earlier: UnitScore | undefined): ScoreComparison | null {
  if (!earlier || earlier.score === null) return null;
  const change = current === null ? null : Math.round((current - earlier.score) * 100) / 100;
  return { score: earlier.score, change, relativeChange: change === null || earlier.score === 0 ? null : change / earlier.score };
}

/** `GET /api/statistics/assessment`: every lead unit with a fact in the month, best first. */
export async function computeAssessment(prisma: PrismaClient, month: string, options: AssessmentOptions = {}): Promise<AssessmentResult> {
  const [{ weights, scheme }, targets] = await Promise.all([assessmentRules(prisma), loadTargets(prisma)]);
  const [current, previous, lastYear] = await Promise.all([
    monthScores(prisma, month, weights, scheme, options),
    monthScores(prisma, previousMonth(month), weights, scheme, options),
    monthScores(prisma, sameMonthLastYear(month), weights, scheme, options),
  ]);
  const unitIds = [...current.keys()];
  const names = new Map((await prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const ranks = rankScores(unitIds.map((id) => current.get(id)!.score));
  const rows = unitIds.map((unitId, i): AssessmentRow => {
    const { rates, ...score } = current.get(unitId)!;
    return {
      unitId, unitName: names.get(unitId) ?? unitId, ...score, rank: ranks[i]!, missedTargets: missedTargets(targets, rates),
      previous: compare(score.score, previous.get(unitId)), lastYear: compare(score.score, lastYear.get(unitId)),
    };
  });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unitId.localeCompare(b.unitId));
  return { month, weights, scheme, targets, rows };
}
