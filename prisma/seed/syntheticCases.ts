// Synthetic volume for benchmarks and index checks, inserted straight into the projection by
// PostgreSQL itself (no workflows). The deadline columns follow the projection's own rule
// (activities/projection.ts), which tests/statistics/syntheticAgreement.test.ts checks against
// cases run through real workflows. Needs the demo seed (units, categories, types).

/** Statuses in which the lead unit's handling clock runs: the projection writes `handleDueAt`. */
const CLOCK_RUNS = `('dispatched','returnRequested','arbitration','signed','subDispatched','resultSubmitted')`;
/** Statuses after the lead unit's result went up (unit approval stopped the clock): `finalHandleDueAt`. */
const CLOCK_STOPPED = `('unitApproved','callback','closed','reReview','archived')`;

/** `handleDueAt`, `finalHandleDueAt`: the deadline `due` of a case in `status`, where the projection puts it. */
function deadlineColumns(status: string, due: string): string {
  return `CASE WHEN ${status} IN ${CLOCK_RUNS} THEN ${due} END, CASE WHEN ${status} IN ${CLOCK_STOPPED} THEN ${due} END`;
}

/** Cases `from`..`to` for the list benchmarks: 6 types, 16 statuses, 4 categories, 7 units, Chinese titles. */
export async function insertSyntheticCases(query: (sql: string) => Promise<unknown>, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += 100_000) {
    const end = Math.min(to, start + 99_999);
    await query(`
      INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", "categoryId", urgency, status, title, content, "citizenPhone", address,
                          "leadUnitId", "receivedAt", "registeredAt", "handleDueAt", "finalHandleDueAt", "warningLevel", "projectionVersion", "updatedAt")
      SELECT lpad(i::text, 13, '0'), lpad(i::text, 13, '0'), 'phone', (ARRAY['consultation','complaint','report','help','suggestion','opinion'])[1 + i % 6],
             (ARRAY['cat-urban.street-vending','cat-housing.property','cat-market.food-safety','cat-environment.noise'])[1 + i % 4], 'normal',
             status,
             (ARRAY['夜市占道经营','小区物业不作为','餐馆后厨卫生','夜间施工噪音','路灯不亮'])[1 + i % 5] || ' #' || i,
             '市民反映：' || (ARRAY['解放路','文化路','青年路','山前街','迎宾路'])[1 + i % 5] || '附近问题，编号' || i,
             '+86139' || lpad((i % 500000)::text, 8, '0'), '东湖区',
             (ARRAY['donghu','chengguan','zhujian','shichang','xishan','nancheng','donghu-jiefang'])[1 + i % 7],
             now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, ${deadlineColumns('status::text', `now() + (i % 30 || ' days')::interval`)},
             (ARRAY['green','yellow','red']::"WarningLevel"[])[1 + i % 3], 1, now()
      FROM generate_series(${start}, ${end}) AS i, LATERAL (SELECT (enum_range(NULL::"CaseStatus"))[1 + i % 16] AS status) s`);
  }
  await query('ANALYZE "Case"');
}

/**
 * The facts one synthetic case is made of, as a workflow would have produced them: a row source
 * (table or subquery) with columns `i` (int: varies type, category, channel, title), `id`, `unit`,
 * `status`, `received`, `dispatched`, `sign_for_due`, `signed`, `original_due` (the handling
 * deadline set at dispatch), `due` (after extensions), `result_submitted`, `closed`, and the
 * counters `rehandles`, `returns`, `extensions`, `supervisions`.
 */
export const SYNTHETIC_FACT_COLUMNS =
  'i int, id text, unit text, status text, received timestamptz, dispatched timestamptz, sign_for_due timestamptz, signed timestamptz, ' +
  'original_due timestamptz, due timestamptz, result_submitted timestamptz, closed timestamptz, rehandles int, returns int, extensions int, supervisions int';

/**
 * Inserts the `Case` row and the lead `CaseAssignment` of each fact row of `source`, with the
 * columns the projection writes for such a case (its lead unit among the units of its assignments); the case's sign-for deadline only while
 * unsigned, its handling deadline in `handleDueAt` while the clock runs and in
 * `finalHandleDueAt` once the result went up; the assignment keeps both deadlines.
 */
export async function insertProjectedCaseRows(query: (sql: string) => Promise<unknown>, source: string): Promise<void> {
  await query(`
    INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", "categoryId", urgency, status, title, content, "citizenPhone", address,
                        "leadUnitId", "assignedUnitIds", "receivedAt", "registeredAt", "dispatchedAt", "signForDueAt", "signedAt", "handleDueAt", "finalHandleDueAt", "originalHandleDueAt",
                        "resultSubmittedAt", "closedAt", "rehandleCount", "returnCount", "extensionCount", "supervisionCount", "warningLevel", "projectionVersion", "updatedAt")
    SELECT id, id, (enum_range(NULL::"Channel"))[1 + i % 4], (ARRAY['consultation','complaint','report','help','suggestion','opinion'])[1 + i % 6],
           (ARRAY['cat-urban.street-vending','cat-housing.property','cat-market.food-safety','cat-environment.noise'])[1 + i % 4], 'normal', status::"CaseStatus",
           (ARRAY['夜市占道经营','小区物业不作为','餐馆后厨卫生','夜间施工噪音','路灯不亮'])[1 + i % 5] || ' #' || i, '市民反映：问题编号' || i,
           '+86139' || lpad((i % 500000)::text, 8, '0'), '东湖区', unit, ARRAY[unit], received, received, dispatched,
           CASE WHEN signed IS NULL THEN sign_for_due END, signed, ${deadlineColumns('status', 'due')}, original_due,
           result_submitted, closed, rehandles, returns, extensions, supervisions, 'green', 1, now()
    FROM ${source} AS facts`);
  await query(`
    INSERT INTO "CaseAssignment" (id, "caseId", "unitId", role, status, "dispatchedAt", "signForDueAt", "signedAt", "dueAt", "updatedAt")
    SELECT id || '-L1', id, unit, 'lead',
           CASE WHEN status IN ('callback','closed','reReview','archived') THEN 'completed' WHEN status IN ('resultSubmitted','unitApproved') THEN 'resultSubmitted'
                WHEN signed IS NULL THEN 'dispatched' ELSE 'signed' END::"AssignmentStatus",
           dispatched, sign_for_due, signed, due, now()
    FROM ${source} AS facts`);
}

/**
 * Synthetic volume for the assessment benchmark: cases `from`..`to` spread over the 12 months of
 * 2025 and every unit below the hotline office, each with what the indicators read — a lead
 * assignment (10 % signed late), a deadline (20 % unfinished, 1 in 8 finished late), closing
 * and a callback (1 in 7 unreachable, a mix of answers), 4 % returns (half refused), 5 %
 * extensions, 1 in 12 rehandled and 2.5 % supervision notices. Needs the demo seed.
 */
export async function insertSyntheticAssessmentCases(query: (sql: string) => Promise<unknown>, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += 100_000) {
    const end = Math.min(to, start + 99_999);
    // One row per case with its facts (SYNTHETIC_FACT_COLUMNS); the inserts below read it.
    await query(`
      CREATE TEMP TABLE synthetic AS
      SELECT i, id, unit, CASE WHEN finished THEN 'closed' ELSE 'signed' END AS status, received,
             received + interval '1 hour' AS dispatched, received + interval '25 hours' AS sign_for_due,
             received + CASE WHEN i % 10 = 0 THEN interval '30 hours' ELSE interval '2 hours' END AS signed,
             received + interval '15 days' AS original_due, received + CASE WHEN extended THEN interval '22 days' ELSE interval '15 days' END AS due,
             CASE WHEN finished THEN received + CASE WHEN late THEN interval '18 days' ELSE interval '10 days' END END AS result_submitted,
             CASE WHEN finished THEN received + CASE WHEN late THEN interval '21 days' ELSE interval '13 days' END END AS closed,
             CASE WHEN i % 12 = 0 THEN 1 ELSE 0 END AS rehandles, CASE WHEN i % 25 = 0 THEN 1 ELSE 0 END AS returns,
             CASE WHEN extended THEN 1 ELSE 0 END AS extensions, CASE WHEN i % 40 = 0 THEN 1 ELSE 0 END AS supervisions, finished
      FROM (SELECT i, lpad(i::text, 13, '0') AS id, u.ids[1 + i % array_length(u.ids, 1)] AS unit,
                   timestamptz '2025-01-01 00:00+08' + ((i::bigint * 2654435761) % 31536000) * interval '1 second' AS received,
                   i % 5 <> 0 AS finished, i % 8 = 0 AS late, i % 20 = 0 AS extended
            FROM generate_series(${start}, ${end}) AS i, (SELECT array_agg(id ORDER BY id) AS ids FROM "Unit" WHERE level > 0) AS u) AS drawn`);
    await insertProjectedCaseRows(query, 'synthetic');
    await query(`
      INSERT INTO "Callback" (id, "caseId", round, status, "dueAt", "finishedAt", satisfaction, resolved)
      SELECT id || '-C1', id, 1, CASE WHEN i % 7 = 0 THEN 'unreachable' ELSE 'reached' END::"CallbackStatus",
             received + interval '20 days', received + interval '13 days',
             CASE WHEN i % 7 = 0 THEN NULL WHEN i % 9 = 0 THEN 'unsatisfied' WHEN i % 9 < 3 THEN 'basicallySatisfied' ELSE 'satisfied' END::"Satisfaction",
             CASE WHEN i % 7 = 0 THEN NULL ELSE i % 4 <> 0 END
      FROM synthetic WHERE finished`);
    await query(`
      INSERT INTO "ReturnRequest" (id, "caseId", "assignmentId", "unitId", reason, "requestedById", "requestedAt", decision, "decidedAt", "wrongReturn")
      SELECT id || '-R', id, id || '-L1', unit, '非本单位职责', 'user-handler', received + interval '3 hours',
             CASE WHEN i % 50 = 0 THEN 'rejected' ELSE 'approved' END::"RequestDecision", received + interval '5 hours', i % 50 = 0
      FROM synthetic WHERE i % 25 = 0`);
    await query(`
      INSERT INTO "ExtensionRequest" (id, "caseId", "assignmentId", "unitId", "workingDays", reason, "requestedById", "requestedAt", decision, "previousDueAt", "newDueAt")
      SELECT id || '-E', id, id || '-L1', unit, 5, '需现场勘查', 'user-handler', received + interval '5 days', 'approved', original_due, due
      FROM synthetic WHERE extensions > 0`);
    await query(`
      INSERT INTO "SupervisionNotice" (id, "caseId", "unitId", level, kind, content, "issuedAt")
      SELECT id || '-S', id, unit, 1, 'automatic', '督办通知', received + interval '16 days'
      FROM synthetic WHERE i % 40 = 0`);
    await query('DROP TABLE synthetic');
  }
  for (const table of ['Case', 'CaseAssignment', 'Callback', 'ReturnRequest', 'ExtensionRequest', 'SupervisionNotice']) await query(`ANALYZE "${table}"`);
}
