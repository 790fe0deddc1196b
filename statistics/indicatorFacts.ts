// The facts behind the assessment indicators, counted from the cases: one row per Asia/Shanghai
// day, fact unit, category and channel. Period figures sum these rows by the requested key
// (countsByKeySql), either straight from the cases or from the stored days
// (statistics/indicatorDays.ts), so both paths share one definition. docs/statistics.md is the
// specification of every count; keep the two in step.
import { createHash } from 'node:crypto';
import { Prisma } from '../prisma/generated/client';
import type { InstantRange } from './period';
import { responseWindowSql } from './response';
import { COUNT_COLUMNS, GROUP_BYS, type IndicatorCounts } from '../rules/assessment/indicators';

/** `all` is the whole city in one row (the dashboard's totals); not offered by the API's groupBy. */
export type GroupBy = (typeof GROUP_BYS)[number] | 'all';

/**
 * A fact row's counts: `received` is a unit's (cases on their first lead dispatch to it),
 * `registered` the hotline's (cases registered that day); the grouping picks one as 受理量.
 */
export const FACT_COLUMNS = [...COUNT_COLUMNS, 'registered'] as const;
type FactColumn = (typeof FACT_COLUMNS)[number];

/** Statuses in which the lead unit's latest result stands (it was not sent back since). */
const RESULT_STANDS = Prisma.raw(`('resultSubmitted','unitApproved','callback','awaitingUnsatisfiedDecision','closed','reReview','archived')`);

/**
 * One family's fact rows: its day and unit columns, its counts (the rest are 0) and the latest
 * deadline its counts compare with `asOf` (the stored days hold only once that has passed).
 */
function family(day: string, unit: string, counts: Partial<Record<FactColumn, Prisma.Sql>>, settlesAt: string | null, from: Prisma.Sql): Prisma.Sql {
  const columns = FACT_COLUMNS.map((col) => Prisma.sql`${counts[col] ?? Prisma.raw('0')} AS ${Prisma.raw(`"${col}"`)}`);
  return Prisma.sql`
    SELECT indicator_day(${Prisma.raw(day)}) AS day, COALESCE(${Prisma.raw(unit)}, '') AS "unitId",
           COALESCE(c."categoryId", '') AS "categoryId", c.channel::text AS channel,
           ${Prisma.join(columns)}, ${Prisma.raw(settlesAt ? `max(${settlesAt})` : 'NULL::timestamptz')} AS "settlesAt"
    ${from}
    GROUP BY 1, 2, 3, 4`;
}

const sql = Prisma.sql;

/** The fact rows of every day in the instant range, judged as of `asOf`. */
export function indicatorFactsSql(range: InstantRange, asOf: Date): Prisma.Sql {
  const { start, end } = range;
  const inRange = (column: string) => sql`${Prisma.raw(column)} >= ${start} AND ${Prisma.raw(column)} < ${end}`;
  const lead = family('c."dispatchedAt"', 'c."unitId"', {
    received: sql`count(*) FILTER (WHERE c."firstDispatch")`,
    signForDue: sql`count(*) FILTER (WHERE c."signForDueAt" IS NOT NULL AND (c."signedAt" IS NOT NULL OR (c."signForDueAt" < ${asOf} AND c.status NOT IN ('returned','withdrawn'))))`,
    signForOnTime: sql`count(*) FILTER (WHERE c."signedAt" <= c."signForDueAt")`,
    leadAssignments: sql`count(*)`,
    returned: sql`count(*) FILTER (WHERE c.requested)`,
    returnsDecided: sql`count(*) FILTER (WHERE c.decided)`,
    wrongReturns: sql`count(*) FILTER (WHERE c.decided AND c.wrong)`,
    extended: sql`count(*) FILTER (WHERE c.extended)`,
    // 响应率: decided once the unit made contact or its window ended; a returned assignment answered with the return.
    responseDue: sql`count(*) FILTER (WHERE c.status NOT IN ('returned','withdrawn') AND (c."firstContactAt" IS NOT NULL OR c."responseDueAt" < ${asOf}))`,
    respondedInTime: sql`count(*) FILTER (WHERE c.status NOT IN ('returned','withdrawn') AND c."firstContactAt" <= c."responseDueAt")`,
  }, 'GREATEST(c."signForDueAt", c."responseDueAt")', sql`FROM lead_facts c`);
  const due = family('c."handleDueAt"', 'c."leadUnitId"', {
    // A suspended case (挂起) is undecided: its deadline moves later when it resumes.
    handleDue: sql`count(*) FILTER (WHERE c.completed OR (c."handleDueAt" < ${asOf} AND c."suspendedAt" IS NULL))`,
    completedOnTime: sql`count(*) FILTER (WHERE c.completed AND c."resultSubmittedAt" <= c."handleDueAt")`,
    overdueCount: sql`count(*) FILTER (WHERE (c.completed AND c."resultSubmittedAt" > c."handleDueAt") OR (NOT c.completed AND c."handleDueAt" < ${asOf} AND c."suspendedAt" IS NULL))`,
  }, 'c."handleDueAt"', sql`FROM due c`);
  const closed = family('c."closedAt"', 'c."leadUnitId"', {
    closedDispatched: sql`count(*) FILTER (WHERE c."leadUnitId" IS NOT NULL)`,
    rehandled: sql`count(*) FILTER (WHERE c."leadUnitId" IS NOT NULL AND c."rehandleCount" > 0)`,
    callbacksFinished: sql`count(*) FILTER (WHERE c."callbackStatus" IN ('reached','unreachable'))`,
    callbacksReached: sql`count(*) FILTER (WHERE c."callbackStatus" = 'reached')`,
    satisfactionAnswered: sql`count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackSatisfaction" IS NOT NULL)`,
    satisfied: sql`count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackSatisfaction" IN ('satisfied','basicallySatisfied'))`,
    resolutionAnswered: sql`count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackResolved" IS NOT NULL)`,
    resolvedCount: sql`count(*) FILTER (WHERE c."callbackStatus" = 'reached' AND c."callbackResolved")`,
  }, null, sql`FROM closed c`);
  const supervisions = family('n."issuedAt"', 'n."unitId"', { supervisionCount: sql`count(*)` }, null,
    sql`FROM "SupervisionNotice" n JOIN "Case" c ON c.id = n."caseId" WHERE ${inRange('n."issuedAt"')}`);
  const urges = family('u."createdAt"', 'u."unitId"', { urgeCount: sql`count(*)` }, null,
    sql`FROM "Urge" u JOIN "Case" c ON c.id = u."caseId" WHERE ${inRange('u."createdAt"')}`);
  const criticisms = family('k."issuedAt"', 'k."unitId"', { criticismCount: sql`count(*)` }, null,
    sql`FROM "CriticismNotice" k JOIN "Case" c ON c.id = k."caseId" WHERE ${inRange('k."issuedAt"')}`);
  const registered = family('c."receivedAt"', 'c."leadUnitId"', { registered: sql`count(*)` }, null,
    sql`FROM "Case" c WHERE ${inRange('c."receivedAt"')} AND c.status <> 'draft'`);
  return sql`
    WITH lead AS (
      SELECT a.id, a."caseId", a."unitId", a."dispatchedAt", a."signForDueAt", a."signedAt", a.status, c."categoryId", c.channel,
             a."firstContactAt", a."dispatchedAt" + ${responseWindowSql} AS "responseDueAt",
             -- A unit receives a case once: on its first lead dispatch to the unit.
             NOT EXISTS (SELECT 1 FROM "CaseAssignment" e
                         WHERE e."caseId" = a."caseId" AND e."unitId" = a."unitId" AND e.role = 'lead'
                           AND (e."dispatchedAt", e.id) < (a."dispatchedAt", a.id)) AS "firstDispatch"
      FROM "CaseAssignment" a JOIN "Case" c ON c.id = a."caseId"
      WHERE a.role = 'lead' AND ${inRange('a."dispatchedAt"')}
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
      SELECT c."leadUnitId", c."categoryId", c.channel, COALESCE(c."finalHandleDueAt", c."handleDueAt") AS "handleDueAt", c."resultSubmittedAt", c."suspendedAt",
             (c.status IN ${RESULT_STANDS} AND c."resultSubmittedAt" IS NOT NULL) AS completed
      FROM "Case" c
      WHERE (${inRange('c."finalHandleDueAt"')} OR (c."finalHandleDueAt" IS NULL AND ${inRange('c."handleDueAt"')}))
        AND c."leadUnitId" IS NOT NULL
        -- 核减: a demand judged unreasonable is left out of the unit's assessment.
        AND NOT c."judgedUnreasonable"
    ), closed AS (
      -- Only the columns counted: a case row carries its whole text, which a CTE would copy.
      SELECT c."closedAt", c."leadUnitId", c."categoryId", c.channel, c."rehandleCount",
             cb.status AS "callbackStatus", cb.satisfaction AS "callbackSatisfaction", cb.resolved AS "callbackResolved"
      FROM "Case" c
      LEFT JOIN LATERAL (SELECT status, satisfaction, resolved FROM "Callback" WHERE "caseId" = c.id ORDER BY round DESC LIMIT 1) cb ON true
      WHERE ${inRange('c."closedAt"')} AND NOT c."judgedUnreasonable"
    ), facts AS (
      ${lead} UNION ALL ${due} UNION ALL ${closed} UNION ALL ${supervisions} UNION ALL ${urges} UNION ALL ${criticisms} UNION ALL ${registered}
    )
    SELECT day, "unitId", "categoryId", channel,
           ${Prisma.raw(FACT_COLUMNS.map((col) => `sum("${col}")::int AS "${col}"`).join(', '))}, max("settlesAt") AS "settlesAt"
    FROM facts GROUP BY 1, 2, 3, 4`;
}

const FACT_KEY_COLUMNS = ['day', 'unitId', 'categoryId', 'channel'] as const;
const quoted = (columns: readonly string[]) => columns.map((col) => `"${col}"`).join(', ');

/** The stored day rows as fact rows: their counts, kept as one JSON object, back in columns. */
export const STORED_FACT_ROWS = Prisma.raw(
  `SELECT ${FACT_KEY_COLUMNS.map((col) => `d."${col}"`).join(', ')}, ` +
    `${FACT_COLUMNS.map((col) => `(d.counts ->> '${col}')::int AS "${col}"`).join(', ')}, d."settlesAt" FROM "IndicatorDayCount" d`,
);

/** Stores fact rows (`facts`) as day rows: the keys as columns, every count in one JSON object. */
export function storeFactRowsSql(facts: Prisma.Sql): Prisma.Sql {
  return sql`
    INSERT INTO "IndicatorDayCount" (${Prisma.raw(quoted([...FACT_KEY_COLUMNS, 'counts', 'settlesAt']))})
    SELECT ${Prisma.raw(quoted(FACT_KEY_COLUMNS))}, to_jsonb(f) - ${[...FACT_KEY_COLUMNS, 'settlesAt']}::text[], "settlesAt" FROM (${facts}) f`;
}

/**
 * A stamp of the fact query's text: stored days built by another definition of the counts (a
 * KPI added or a count corrected since) are stale and are rebuilt, never summed with new ones.
 */
export const FACTS_VERSION = createHash('sha256')
  .update(indicatorFactsSql({ start: new Date(0), end: new Date(0) }, new Date(0)).sql)
  .digest('hex')
  .slice(0, 16);

/**
 * The period's counts by the requested key, summed over fact rows (`facts`: any union of fact
 * row sources). For units, 受理量 is what was dispatched to them; elsewhere what the hotline
 * registered. Unit users see facts of units in their subtree only, whatever the grouping.
 */
export function countsByKeySql(groupBy: GroupBy, withinUnitId: string | null | undefined, facts: Prisma.Sql): Prisma.Sql {
  const key = { unit: 'f."unitId"', category: 'f."categoryId"', channel: 'f.channel', all: `'all'` }[groupBy];
  const received = groupBy === 'unit' ? 'received' : 'registered';
  const sums = COUNT_COLUMNS.map((col) => `sum("${col === 'received' ? received : col}")::int AS "${col}"`).join(', ');
  const scope = withinUnitId ? sql`AND f."unitId" IN (SELECT id FROM "Unit" WHERE lineage @> ARRAY[${withinUnitId}])` : Prisma.empty;
  return sql`
    SELECT ${Prisma.raw(key)} AS key, ${Prisma.raw(sums)}
    FROM (${facts}) f
    WHERE ${groupBy === 'unit' ? Prisma.raw(`f."unitId" <> ''`) : Prisma.raw('true')} ${scope}
    GROUP BY 1`;
}

/** Count rows as the SQL returns them, by key. */
export function countsOfRows(rows: Record<string, string | bigint | number | null>[]): Map<string, IndicatorCounts> {
  const counts = new Map<string, IndicatorCounts>();
  for (const row of rows) {
    counts.set(String(row.key), Object.fromEntries(COUNT_COLUMNS.map((col) => [col, Number(row[col])])) as unknown as IndicatorCounts);
  }
  return counts;
}
