// The assessment indicators (考核指标) per unit, category or channel over a period, computed
// by PostgreSQL in one aggregate query. docs/statistics.md is the specification: which cases
// each indicator counts, its numerator, denominator and edge cases; keep the two in step.
import { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../prisma/client';
import { instantRange, type Period } from './period';
import { responseWindowSql } from './response';

export const GROUP_BYS = ['unit', 'category', 'channel'] as const;
/** `all` is the whole city in one row (the dashboard's totals); not offered by the API's groupBy. */
export type GroupBy = (typeof GROUP_BYS)[number] | 'all';

export interface IndicatorQuery extends Period {
  groupBy: GroupBy;
  /** Unit users see only rows of their own subtree (units whose lineage holds this id). */
  withinUnitId?: string | null;
  /** The moment "not yet due" is judged against; defaults to now. */
  asOf?: Date;
}

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

/** One row of the API's contract. */
export interface IndicatorRow extends IndicatorRates {
  key: string;
  name: string;
  received: number;
  overdueCount: number;
  supervisionCount: number;
  urgeCount: number;
  criticismCount: number;
}

export interface IndicatorResult {
  from: string;
  to: string;
  groupBy: GroupBy;
  rows: IndicatorRow[];
}

/** Count columns in the order the SQL returns them. */
const COUNT_COLUMNS = [
  'received', 'signForDue', 'signForOnTime', 'handleDue', 'completedOnTime', 'overdueCount', 'leadAssignments', 'returned',
  'returnsDecided', 'wrongReturns', 'extended', 'closedDispatched', 'rehandled', 'callbacksFinished', 'callbacksReached',
  'satisfactionAnswered', 'satisfied', 'resolutionAnswered', 'resolvedCount', 'supervisionCount', 'urgeCount', 'criticismCount',
  'responseDue', 'respondedInTime',
] as const satisfies readonly (keyof IndicatorCounts)[];

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

/**
 * The grouping key of each fact. `unitColumn` is the unit a fact belongs to (the assignment's,
 * the notice's, or the case's lead unit); category and channel always come from the case.
 */
function keyOf(groupBy: GroupBy, unitColumn: string): Prisma.Sql {
  switch (groupBy) {
    case 'unit':
      return Prisma.raw(unitColumn);
    case 'category':
      return Prisma.raw(`COALESCE(c."categoryId", '')`);
    case 'channel':
      return Prisma.raw(`c.channel::text`);
    case 'all':
      return Prisma.raw(`'all'`);
  }
}

/** Statuses in which the lead unit's latest result stands (it was not sent back since). */
const RESULT_STANDS = `('resultSubmitted','unitApproved','callback','closed','reReview','archived')`;

export async function computeIndicatorCounts(prisma: PrismaClient, query: IndicatorQuery): Promise<Map<string, IndicatorCounts>> {
  const { start, end } = instantRange(query);
  const asOf = query.asOf ?? new Date();
  const g = query.groupBy;
  const zero = (except: string[]) => Prisma.raw(COUNT_COLUMNS.filter((col) => !except.includes(col)).map((col) => `0 AS "${col}"`).join(', '));
  /** The columns of a fact that counts rows into one column only. */
  const countInto = (column: (typeof COUNT_COLUMNS)[number]) => Prisma.raw(COUNT_COLUMNS.map((col) => (col === column ? 'count(*)' : '0')).join(', '));
  // Unit users see facts of units in their subtree only, whatever the grouping.
  const scope = (unitColumn: string) =>
    query.withinUnitId ? Prisma.sql`AND ${Prisma.raw(unitColumn)} IN (SELECT id FROM "Unit" WHERE lineage @> ARRAY[${query.withinUnitId}])` : Prisma.empty;
  // For units, "received" is what was dispatched to them; elsewhere what the hotline registered.
  const receivedFacts =
    g === 'unit'
      ? Prisma.empty
      : Prisma.sql`
      UNION ALL
      SELECT ${keyOf(g, 'c."leadUnitId"')} AS key, count(*) AS received, ${zero(['received'])}
      FROM "Case" c
      WHERE c."receivedAt" >= ${start} AND c."receivedAt" < ${end} AND c.status <> 'draft' ${query.withinUnitId ? scope('c."leadUnitId"') : Prisma.empty}
      GROUP BY 1`;
  const rows = await prisma.$queryRaw<Record<string, string | bigint | number>[]>`
    WITH lead AS (
      SELECT a.id, a."caseId", a."unitId", a."signForDueAt", a."signedAt", a.status, c."categoryId", c.channel,
             a."firstContactAt", a."dispatchedAt" + ${responseWindowSql} AS "responseDueAt"
      FROM "CaseAssignment" a JOIN "Case" c ON c.id = a."caseId"
      WHERE a.role = 'lead' AND a."dispatchedAt" >= ${start} AND a."dispatchedAt" < ${end} ${scope('a."unitId"')}
    ), lead_facts AS (
      SELECT lead.*, r.requested, r.decided, r.wrong, x.extended
      FROM lead
      LEFT JOIN LATERAL (
        SELECT bool_or(decision <> 'withdrawn') AS requested, bool_or(decision IN ('approved','rejected')) AS decided,
               bool_or(decision = 'rejected' OR "wrongReturn") AS wrong
        FROM "ReturnRequest" WHERE "caseId" = lead."caseId" AND "assignmentId" = lead.id) r ON true
      LEFT JOIN LATERAL (
        SELECT bool_or(decision = 'approved') AS extended
        FROM "ExtensionRequest" WHERE "caseId" = lead."caseId" AND "assignmentId" = lead.id) x ON true
    ), due AS (
      -- The deadline a case is judged against: the running clock's, or the one it stopped at
      -- when the result went up (never both). Two conditions, so that each uses its index.
      SELECT c."leadUnitId", c."categoryId", c.channel, COALESCE(c."finalHandleDueAt", c."handleDueAt") AS "handleDueAt", c."resultSubmittedAt",
             (c.status IN ${Prisma.raw(RESULT_STANDS)} AND c."resultSubmittedAt" IS NOT NULL) AS completed
      FROM "Case" c
      WHERE ((c."finalHandleDueAt" >= ${start} AND c."finalHandleDueAt" < ${end})
             OR (c."finalHandleDueAt" IS NULL AND c."handleDueAt" >= ${start} AND c."handleDueAt" < ${end}))
        AND c."leadUnitId" IS NOT NULL ${scope('c."leadUnitId"')}
    ), closed AS (
      -- Only the columns counted: a case row carries its whole text, which a CTE would copy.
      SELECT c."leadUnitId", c."categoryId", c.channel, c."rehandleCount",
             cb.status AS "callbackStatus", cb.satisfaction AS "callbackSatisfaction", cb.resolved AS "callbackResolved"
      FROM "Case" c
      LEFT JOIN LATERAL (SELECT status, satisfaction, resolved FROM "Callback" WHERE "caseId" = c.id ORDER BY round DESC LIMIT 1) cb ON true
      WHERE c."closedAt" >= ${start} AND c."closedAt" < ${end} ${scope('c."leadUnitId"')}
    ), facts AS (
      SELECT ${keyOf(g, 'c."unitId"')} AS key,
             count(DISTINCT c."caseId") FILTER (WHERE ${g === 'unit' ? Prisma.raw('true') : Prisma.raw('false')}) AS received,
             count(*) FILTER (WHERE c."signForDueAt" IS NOT NULL AND (c."signedAt" IS NOT NULL OR (c."signForDueAt" < ${asOf} AND c.status NOT IN ('returned','withdrawn')))) AS "signForDue",
             count(*) FILTER (WHERE c."signedAt" <= c."signForDueAt") AS "signForOnTime",
             0 AS "handleDue", 0 AS "completedOnTime", 0 AS "overdueCount",
             count(*) AS "leadAssignments",
             count(*) FILTER (WHERE c.requested) AS returned,
             count(*) FILTER (WHERE c.decided) AS "returnsDecided",
             count(*) FILTER (WHERE c.decided AND c.wrong) AS "wrongReturns",
             count(*) FILTER (WHERE c.extended) AS extended,
             0 AS "closedDispatched", 0 AS rehandled, 0 AS "callbacksFinished", 0 AS "callbacksReached",
             0 AS "satisfactionAnswered", 0 AS satisfied, 0 AS "resolutionAnswered", 0 AS "resolvedCount", 0 AS "supervisionCount",
             0 AS "urgeCount", 0 AS "criticismCount",
             -- 响应率: decided once the unit made contact or its window ended; a returned assignment answered with the return.
             count(*) FILTER (WHERE c.status NOT IN ('returned','withdrawn') AND (c."firstContactAt" IS NOT NULL OR c."responseDueAt" < ${asOf})) AS "responseDue",
             count(*) FILTER (WHERE c.status NOT IN ('returned','withdrawn') AND c."firstContactAt" <= c."responseDueAt") AS "respondedInTime"
      FROM lead_facts c GROUP BY 1
      UNION ALL
      SELECT ${keyOf(g, 'c."leadUnitId"')}, 0, 0, 0,
             count(*) FILTER (WHERE c.completed OR c."handleDueAt" < ${asOf}),
             count(*) FILTER (WHERE c.completed AND c."resultSubmittedAt" <= c."handleDueAt"),
             count(*) FILTER (WHERE (c.completed AND c."resultSubmittedAt" > c."handleDueAt") OR (NOT c.completed AND c."handleDueAt" < ${asOf})),
             0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM due c GROUP BY 1
      UNION ALL
      SELECT ${keyOf(g, 'c."leadUnitId"')}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
             count(*) FILTER (WHERE c."leadUnitId" IS NOT NULL),
             count(*) FILTER (WHERE c."leadUnitId" IS NOT NULL AND c."rehandleCount" > 0),
             count(*) FILTER (WHERE c."callbackStatus" IN ('reached','unreachable')),
             count(*) FILTER (WHERE c."callbackStatus" = 'reached'),
             count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackSatisfaction" IS NOT NULL),
             count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackSatisfaction" IN ('satisfied','basicallySatisfied')),
             count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackResolved" IS NOT NULL),
             count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackResolved"),
             0, 0, 0, 0, 0
      FROM closed c ${g === 'unit' ? Prisma.sql`WHERE c."leadUnitId" IS NOT NULL` : Prisma.empty} GROUP BY 1
      UNION ALL
      SELECT ${keyOf(g, 'n."unitId"')}, ${countInto('supervisionCount')}
      FROM "SupervisionNotice" n JOIN "Case" c ON c.id = n."caseId"
      WHERE n."issuedAt" >= ${start} AND n."issuedAt" < ${end} ${scope('n."unitId"')}
      GROUP BY 1
      UNION ALL
      SELECT ${keyOf(g, 'u."unitId"')}, ${countInto('urgeCount')}
      FROM "Urge" u JOIN "Case" c ON c.id = u."caseId"
      WHERE u."createdAt" >= ${start} AND u."createdAt" < ${end} ${scope('u."unitId"')}
      GROUP BY 1
      UNION ALL
      SELECT ${keyOf(g, 'k."unitId"')}, ${countInto('criticismCount')}
      FROM "CriticismNotice" k JOIN "Case" c ON c.id = k."caseId"
      WHERE k."issuedAt" >= ${start} AND k."issuedAt" < ${end} ${scope('k."unitId"')}
      GROUP BY 1
      ${receivedFacts}
    )
    SELECT key, ${Prisma.raw(COUNT_COLUMNS.map((col) => `sum("${col}")::int AS "${col}"`).join(', '))}
    FROM facts GROUP BY key`;
  const counts = new Map<string, IndicatorCounts>();
  for (const row of rows) {
    const entry = Object.fromEntries(COUNT_COLUMNS.map((col) => [col, Number(row[col])])) as unknown as IndicatorCounts;
    counts.set(String(row.key), entry);
  }
  return counts;
}

/** Display names of the keys: unit and category names, channels in Chinese. */
const CHANNEL_NAMES: Record<string, string> = {
  phone: '电话', sms: '短信', web: '网站', email: '电子邮件', letter: '信件', wechat: '微信', open311: '开放接口', walkIn: '来访',
};

async function namesOf(prisma: PrismaClient, groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
  if (groupBy === 'unit') return new Map((await prisma.unit.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  if (groupBy === 'category') {
    const names = new Map((await prisma.category.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
    names.set('', '未分类');
    return names;
  }
  if (groupBy === 'channel') return new Map(Object.entries(CHANNEL_NAMES));
  return new Map([['all', '全市']]);
}

export function toRow(key: string, name: string, c: IndicatorCounts): IndicatorRow {
  return { key, name, received: c.received, ...ratesOf(c), overdueCount: c.overdueCount, supervisionCount: c.supervisionCount, urgeCount: c.urgeCount, criticismCount: c.criticismCount };
}

/** `GET /api/statistics/indicators`: one row per unit, category or channel, busiest first. */
export async function computeIndicators(prisma: PrismaClient, query: IndicatorQuery): Promise<IndicatorResult> {
  const counts = await computeIndicatorCounts(prisma, query);
  const names = await namesOf(prisma, query.groupBy, [...counts.keys()]);
  const rows = [...counts].map(([key, c]) => toRow(key, names.get(key) ?? key, c)).sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
  return { from: query.from, to: query.to, groupBy: query.groupBy, rows };
}
