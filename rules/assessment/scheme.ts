// How the composite assessment score (综合得分) is made from the indicators. Both halves are data
// a city tunes: `assessment.weights` (work performance vs citizen evaluation) and
// `assessment.scheme` (which indicators make each half, with what weight, and the points a
// supervision notice, a criticism notice or an overdue case costs). docs/statistics.md explains the arithmetic.
import { z } from 'zod';
import { RATE_INDICATORS, type IndicatorCounts, type IndicatorRates, type RateIndicator } from './indicators';

export interface AssessmentWeights {
  workPerformance: number;
  citizenEvaluation: number;
}

const indicatorWeight = z
  .object({
    indicator: z.enum(RATE_INDICATORS),
    weight: z.number().gt(0, 'above 0').max(1, 'at most 1'),
    /** `lowerIsBetter` scores 1 − rate (returns, extensions, rehandles). */
    direction: z.enum(['higherIsBetter', 'lowerIsBetter']),
  })
  .strict();

const part = z
  .array(indicatorWeight)
  .min(1, 'at least one indicator')
  .max(RATE_INDICATORS.length)
  .refine((items) => new Set(items.map((i) => i.indicator)).size === items.length, 'each indicator at most once');

export const assessmentSchemeSchema = z
  .object({
    workPerformance: part,
    citizenEvaluation: part,
    /** Points taken off the work-performance score (0..100) per occurrence; the score stops at 0. */
    deductions: z
      .object({
        supervisionCount: z.number().min(0).max(100),
        overdueCount: z.number().min(0).max(100),
        /** 通报批评; schemes saved before it existed deduct nothing for it. */
        criticismCount: z.number().min(0).max(100).default(0),
      })
      .strict(),
  })
  .strict();

export type AssessmentScheme = z.infer<typeof assessmentSchemeSchema>;
type Part = AssessmentScheme['workPerformance'];

/** The seeded scheme (prisma/seed/rules.ts): timeliness and first-time quality; then the citizen's verdict. */
export const DEFAULT_ASSESSMENT_SCHEME: AssessmentScheme = {
  workPerformance: [
    { indicator: 'signForOnTimeRate', weight: 0.2, direction: 'higherIsBetter' },
    { indicator: 'completedOnTimeRate', weight: 0.35, direction: 'higherIsBetter' },
    { indicator: 'wrongReturnRate', weight: 0.15, direction: 'lowerIsBetter' },
    { indicator: 'extensionRate', weight: 0.1, direction: 'lowerIsBetter' },
    { indicator: 'rehandleRate', weight: 0.2, direction: 'lowerIsBetter' },
  ],
  citizenEvaluation: [
    { indicator: 'satisfactionRate', weight: 0.6, direction: 'higherIsBetter' },
    { indicator: 'resolutionRate', weight: 0.4, direction: 'higherIsBetter' },
  ],
  deductions: { supervisionCount: 1, overdueCount: 0, criticismCount: 2 },
};

/**
 * A part's score, 0..100: the weighted mean of its indicators' scores over the indicators that
 * have a value this period (weights renormalised), or null when none has.
 */
export function partScore(part: Part, rates: IndicatorRates): number | null {
  let weighted = 0;
  let weights = 0;
  for (const item of part) {
    const value = rates[item.indicator as RateIndicator];
    if (value === null) continue;
    weighted += item.weight * (item.direction === 'higherIsBetter' ? value : 1 - value);
    weights += item.weight;
  }
  return weights === 0 ? null : (100 * weighted) / weights;
}

export interface UnitScore {
  workPerformance: number | null;
  citizenEvaluation: number | null;
  score: number | null;
}

/** Scores are rounded to 2 decimals once, here, so that ranks and changes agree with what is shown. */
const round2 = (value: number) => Math.round(value * 100) / 100;

export function scoreOf(weights: AssessmentWeights, scheme: AssessmentScheme, counts: IndicatorCounts, rates: IndicatorRates): UnitScore {
  const rawWork = partScore(scheme.workPerformance, rates);
  const { deductions } = scheme;
  const deducted = deductions.supervisionCount * counts.supervisionCount + deductions.overdueCount * counts.overdueCount + deductions.criticismCount * counts.criticismCount;
  const work = rawWork === null ? null : Math.max(0, rawWork - deducted);
  const citizen = partScore(scheme.citizenEvaluation, rates);
  // A missing half leaves the other to stand alone rather than counting as zero.
  const parts = [
    [work, weights.workPerformance],
    [citizen, weights.citizenEvaluation],
  ].filter((p): p is [number, number] => p[0] !== null);
  const totalWeight = parts.reduce((sum, [, w]) => sum + w, 0);
  const score = parts.length === 0 || totalWeight === 0 ? null : parts.reduce((sum, [s, w]) => sum + s * w, 0) / totalWeight;
  return {
    workPerformance: work === null ? null : round2(work),
    citizenEvaluation: citizen === null ? null : round2(citizen),
    score: score === null ? null : round2(score),
  };
}

/** Competition ranking (1, 2, 2, 4): equal scores share a rank; units without a score get none. */
export function rankScores(scores: (number | null)[]): (number | null)[] {
  return scores.map((score) => (score === null ? null : 1 + scores.filter((other) => other !== null && other > score).length));
}
