// The assessment indicators (考核指标): the counts each one is made of, and the indicators the
// table shows, each a count as it is or a rate of two counts, with its names. This is the one
// definition the scheme, the targets, the API's rows, the exports and the console read; the
// counting itself is SQL over the cases (statistics/indicatorFacts.ts, one expression per count)
// and docs/statistics.md is the specification of every population. A new KPI is a count here,
// its SQL there and its paragraph in the docs.

/** The counts behind the indicators, summed per day, unit, category and channel and stored so (statistics/indicatorDays.ts). */
export const COUNT_COLUMNS = [
  'received', 'signForDue', 'signForOnTime', 'handleDue', 'completedOnTime', 'overdueCount', 'leadAssignments', 'returned',
  'returnsDecided', 'wrongReturns', 'extended', 'closedDispatched', 'rehandled', 'callbacksFinished', 'callbacksReached',
  'satisfactionAnswered', 'satisfied', 'resolutionAnswered', 'resolvedCount', 'supervisionCount',
  /** Urges (催办, automatic and manual) made in the period. */
  'urgeCount',
  /** Criticism notices (通报批评) issued in the period. */
  'criticismCount',
  /** 响应率: lead assignments decided (contacted, or window over) and contacted within the window. */
  'responseDue', 'respondedInTime',
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/** The raw counts behind every rate, so that callers (reports, tests) can show both. */
export type IndicatorCounts = Record<CountColumn, number>;

interface Names {
  zh: string;
  en: string;
}

/** An indicator of the table: a count shown as it is, or the share `numerator / denominator`. */
type IndicatorDefinition = { count: CountColumn; names: Names } | { numerator: CountColumn; denominator: CountColumn; names: Names };

/** The indicators in the order of the table's columns (the API's rows, the exports and the console keep it). */
export const INDICATORS = {
  received: { count: 'received', names: { zh: '受理量', en: 'Received' } },
  signForOnTimeRate: { numerator: 'signForOnTime', denominator: 'signForDue', names: { zh: '及时签收率', en: 'Signed for on time' } },
  completedOnTimeRate: { numerator: 'completedOnTime', denominator: 'handleDue', names: { zh: '按时办结率', en: 'Completed on time' } },
  overdueCount: { count: 'overdueCount', names: { zh: '超期件数', en: 'Overdue' } },
  returnRate: { numerator: 'returned', denominator: 'leadAssignments', names: { zh: '退回率', en: 'Returns' } },
  wrongReturnRate: { numerator: 'wrongReturns', denominator: 'returnsDecided', names: { zh: '错退率', en: 'Wrong returns' } },
  extensionRate: { numerator: 'extended', denominator: 'leadAssignments', names: { zh: '延期率', en: 'Extensions' } },
  rehandleRate: { numerator: 'rehandled', denominator: 'closedDispatched', names: { zh: '重办率', en: 'Rehandled' } },
  callbackReachRate: { numerator: 'callbacksReached', denominator: 'callbacksFinished', names: { zh: '回访率', en: 'Callbacks reached' } },
  satisfactionRate: { numerator: 'satisfied', denominator: 'satisfactionAnswered', names: { zh: '满意率', en: 'Satisfaction' } },
  resolutionRate: { numerator: 'resolvedCount', denominator: 'resolutionAnswered', names: { zh: '解决率', en: 'Resolved' } },
  supervisionCount: { count: 'supervisionCount', names: { zh: '督办件次', en: 'Supervision notices' } },
  urgeCount: { count: 'urgeCount', names: { zh: '催办次数', en: 'Urges' } },
  criticismCount: { count: 'criticismCount', names: { zh: '通报批评次数', en: 'Criticisms' } },
  responseRate: { numerator: 'respondedInTime', denominator: 'responseDue', names: { zh: '响应率', en: 'Response' } },
} as const satisfies Record<string, IndicatorDefinition>;

type Indicators = typeof INDICATORS;
export type Indicator = keyof Indicators;
export const INDICATOR_KEYS = Object.keys(INDICATORS) as Indicator[];

export type RateIndicator = { [K in Indicator]: Indicators[K] extends { numerator: CountColumn } ? K : never }[Indicator];
export type CountIndicator = Exclude<Indicator, RateIndicator>;

export const RATE_INDICATORS = INDICATOR_KEYS.filter((key): key is RateIndicator => 'numerator' in INDICATORS[key]) as [RateIndicator, ...RateIndicator[]];

export type IndicatorRates = Record<RateIndicator, number | null>;
/** One row of indicators: the shown counts and every rate. */
export type IndicatorValues = Record<CountIndicator, number> & IndicatorRates;

export const isRateIndicator = (indicator: string): indicator is RateIndicator => (RATE_INDICATORS as readonly string[]).includes(indicator);

/** A share that has no population is unknown, not zero. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function ratesOf(c: IndicatorCounts): IndicatorRates {
  return Object.fromEntries(
    RATE_INDICATORS.map((key) => {
      const definition: { numerator: CountColumn; denominator: CountColumn } = INDICATORS[key];
      return [key, rate(c[definition.numerator], c[definition.denominator])];
    }),
  ) as IndicatorRates;
}

/** The table's values of one row, in the order of INDICATORS. */
export function indicatorValuesOf(c: IndicatorCounts): IndicatorValues {
  const rates = ratesOf(c);
  return Object.fromEntries(
    INDICATOR_KEYS.map((key) => {
      const definition: IndicatorDefinition = INDICATORS[key];
      return [key, 'count' in definition ? c[definition.count] : rates[key as RateIndicator]];
    }),
  ) as IndicatorValues;
}

/** No cases at all: every count 0, every rate unknown. */
export const NO_COUNTS = Object.fromEntries(COUNT_COLUMNS.map((column) => [column, 0])) as IndicatorCounts;

/** The indicators' names in one language, e.g. for the console's messages. */
export const indicatorNames = (language: keyof Names): Record<Indicator, string> =>
  Object.fromEntries(INDICATOR_KEYS.map((key) => [key, INDICATORS[key].names[language]])) as Record<Indicator, string>;

/** How the indicators can be grouped: one row per unit, category or channel. */
export const GROUP_BYS = ['unit', 'category', 'channel'] as const;
