// Target lines (考核目标) per indicator, as the rule setting `assessment.targets` holds them
// (e.g. seed 003's "问题解决率不低于80%"), and how a rate is judged against them.
import { z } from 'zod';
import { RATE_INDICATORS, type IndicatorRates, type RateIndicator } from './indicators';

const target = z
  .object({
    indicator: z.enum(RATE_INDICATORS),
    /** `atLeast` for rates where more is better (解决率 ≥ 80 %), `atMost` for returns, extensions, rehandles. */
    comparison: z.enum(['atLeast', 'atMost']),
    value: z.number().min(0, 'a rate between 0 and 1').max(1, 'a rate between 0 and 1'),
  })
  .strict();

export const targetsSchema = z
  .array(target)
  .max(RATE_INDICATORS.length)
  .refine((items) => new Set(items.map((t) => t.indicator)).size === items.length, 'each indicator at most once');

export type IndicatorTarget = z.infer<typeof target>;

/** The seeded targets: seed 003 asks 问题解决率不低于80%; the other indicators have none until a city sets them. */
export const DEFAULT_TARGETS: IndicatorTarget[] = [{ indicator: 'resolutionRate', comparison: 'atLeast', value: 0.8 }];

/** Whether a rate misses its target; an unknown rate (null) misses nothing. */
export function missesTarget(t: IndicatorTarget, value: number | null): boolean {
  if (value === null) return false;
  return t.comparison === 'atLeast' ? value < t.value : value > t.value;
}

/** The indicators whose target the rates miss, in the order of the targets. */
export function missedTargets(targets: IndicatorTarget[], rates: IndicatorRates): RateIndicator[] {
  return targets.filter((t) => missesTarget(t, rates[t.indicator])).map((t) => t.indicator);
}

/** An indicator answer with the targets it was judged against and, per row, the targets it misses. */
export type WithTargets<R extends { rows: IndicatorRates[] }> = Omit<R, 'rows'> & {
  targets: IndicatorTarget[];
  rows: (R['rows'][number] & { missedTargets: RateIndicator[] })[];
};

export function flagTargets<R extends { rows: IndicatorRates[] }>(targets: IndicatorTarget[], result: R): WithTargets<R> {
  return { ...result, targets, rows: result.rows.map((row) => ({ ...row, missedTargets: missedTargets(targets, row) })) };
}
