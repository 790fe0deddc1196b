// The assessment indicators (考核指标) as numbers: the counts each one is made of and the rate
// it is. The counting itself is SQL over the cases (statistics/indicatorFacts.ts); this is the
// part that the scheme, the targets, the reports and the console share. docs/statistics.md is
// the specification of every count.

/** The raw counts behind every rate, so that callers (reports, tests) can show both. */
export interface IndicatorCounts {
  received: number;
  signForDue: number;
  signForOnTime: number;
  handleDue: number;
  completedOnTime: number;
  overdueCount: number;
  leadAssignments: number;
  returned: number;
  returnsDecided: number;
  wrongReturns: number;
  extended: number;
  closedDispatched: number;
  rehandled: number;
  callbacksFinished: number;
  callbacksReached: number;
  satisfactionAnswered: number;
  satisfied: number;
  resolutionAnswered: number;
  resolvedCount: number;
  supervisionCount: number;
  /** Urges (催办, automatic and manual) made in the period. */
  urgeCount: number;
  /** Criticism notices (通报批评) issued in the period. */
  criticismCount: number;
  /** 响应率: lead assignments decided (contacted, or window over) and contacted within the window. */
  responseDue: number;
  respondedInTime: number;
}

export const COUNT_COLUMNS = [
  'received', 'signForDue', 'signForOnTime', 'handleDue', 'completedOnTime', 'overdueCount', 'leadAssignments', 'returned',
  'returnsDecided', 'wrongReturns', 'extended', 'closedDispatched', 'rehandled', 'callbacksFinished', 'callbacksReached',
  'satisfactionAnswered', 'satisfied', 'resolutionAnswered', 'resolvedCount', 'supervisionCount', 'urgeCount', 'criticismCount',
  'responseDue', 'respondedInTime',
] as const satisfies readonly (keyof IndicatorCounts)[];

export interface IndicatorRates {
  signForOnTimeRate: number | null;
  completedOnTimeRate: number | null;
  returnRate: number | null;
  wrongReturnRate: number | null;
  extensionRate: number | null;
  rehandleRate: number | null;
  callbackReachRate: number | null;
  satisfactionRate: number | null;
  resolutionRate: number | null;
  responseRate: number | null;
}

export const RATE_INDICATORS = [
  'signForOnTimeRate', 'completedOnTimeRate', 'returnRate', 'wrongReturnRate', 'extensionRate',
  'rehandleRate', 'callbackReachRate', 'satisfactionRate', 'resolutionRate', 'responseRate',
] as const satisfies readonly (keyof IndicatorRates)[];
export type RateIndicator = (typeof RATE_INDICATORS)[number];

/** A share that has no population is unknown, not zero. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function ratesOf(c: IndicatorCounts): IndicatorRates {
  return {
    signForOnTimeRate: rate(c.signForOnTime, c.signForDue),
    completedOnTimeRate: rate(c.completedOnTime, c.handleDue),
    returnRate: rate(c.returned, c.leadAssignments),
    wrongReturnRate: rate(c.wrongReturns, c.returnsDecided),
    extensionRate: rate(c.extended, c.leadAssignments),
    rehandleRate: rate(c.rehandled, c.closedDispatched),
    callbackReachRate: rate(c.callbacksReached, c.callbacksFinished),
    satisfactionRate: rate(c.satisfied, c.satisfactionAnswered),
    resolutionRate: rate(c.resolvedCount, c.resolutionAnswered),
    responseRate: rate(c.respondedInTime, c.responseDue),
  };
}

/** How the indicators can be grouped: one row per unit, category or channel. */
export const GROUP_BYS = ['unit', 'category', 'channel'] as const;
