// A realistic case table for the list benchmark and its index checks: what a city's projection
// looks like after two years, not an even spread. Cases arrive one a minute (about 1,400 a day;
// `i` = 1 is the newest), numbered by day like the product; how many are still open falls with
// age (nine in ten of today's, three in a thousand after two months), so about 1.6 % are open;
// the lead units are skewed (the first districts and bureaus take most); one case in twelve
// has an assisting unit and one in seven a sub-unit; open cases carry the warning level their
// deadline implies; some extension requests wait for the office; then VACUUM ANALYZE, as
// autovacuum would have done.
// Inserted straight into the projection by PostgreSQL (no workflows). Needs the demo seed.

/** A stable pseudo-random number in [0, 1) for case `i`, independent for each salt (PostgreSQL's own text hash). */
const draw = (salt: number) => `((hashtext(i || ':${salt}')::bigint + 2147483648) / 4294967296.0)`;

/** The status of an open case by a second draw: mostly being handled, some waiting on the office or the citizen. */
const OPEN_STATUS = `CASE
  WHEN ${draw(7)} < 0.03 THEN 'registered' WHEN ${draw(7)} < 0.18 THEN 'dispatched' WHEN ${draw(7)} < 0.19 THEN 'returnRequested'
  WHEN ${draw(7)} < 0.195 THEN 'arbitration' WHEN ${draw(7)} < 0.745 THEN 'signed' WHEN ${draw(7)} < 0.795 THEN 'subDispatched'
  WHEN ${draw(7)} < 0.855 THEN 'resultSubmitted' WHEN ${draw(7)} < 0.905 THEN 'unitApproved' WHEN ${draw(7)} < 0.985 THEN 'callback' ELSE 'reReview' END`;

/** The status of a finished case: archived after a month, a few answered at once, rejected or merged. */
const FINISHED_STATUS = `CASE
  WHEN ${draw(11)} < 0.10 THEN 'answeredDirectly' WHEN ${draw(11)} < 0.11 THEN 'rejected' WHEN ${draw(11)} < 0.12 THEN 'merged'
  WHEN age_days > 30 THEN 'archived' ELSE 'closed' END`;

/** The share of cases of an age (days) still open. */
const OPEN_SHARE = `CASE WHEN age_days < 1 THEN 0.9 WHEN age_days < 5 THEN 0.6 WHEN age_days < 15 THEN 0.3 WHEN age_days < 30 THEN 0.12 WHEN age_days < 60 THEN 0.03 ELSE 0.003 END`;

const DISPATCHED = `status NOT IN ('registered','answeredDirectly','rejected','merged')`;
const SIGNED = `status NOT IN ('registered','answeredDirectly','rejected','merged','dispatched','returnRequested','arbitration')`;
const RESULT_UP = `status IN ('resultSubmitted','unitApproved','callback','closed','reReview','archived')`;
const HANDLING = `status IN ('dispatched','returnRequested','arbitration','signed','subDispatched','resultSubmitted')`;

/** Cases `from`..`to` (1 is the newest) with their lead, assisting and sub-unit assignments. */
export async function insertRealisticCases(query: (sql: string) => Promise<unknown>, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += 100_000) {
    const end = Math.min(to, start + 99_999);
    await query(`
      CREATE TEMP TABLE realistic AS
      SELECT i, id, type, category, unit, status, received,
             CASE WHEN ${DISPATCHED} THEN received + interval '40 minutes' END AS dispatched,
             CASE WHEN ${SIGNED} THEN received + interval '3 hours' END AS signed,
             received + interval '40 minutes' + interval '1 day' AS sign_for_due,
             received + (CASE type WHEN 'consultation' THEN 7 WHEN 'report' THEN 42 ELSE 21 END) * interval '1 day'
               + CASE WHEN ${draw(13)} < 0.05 THEN interval '7 days' ELSE interval '0' END AS due,
             CASE WHEN ${RESULT_UP} THEN received + interval '4 days' END AS result_submitted,
             CASE WHEN status IN ('closed','archived') THEN received + interval '6 days' WHEN status IN ('answeredDirectly','rejected','merged') THEN received + interval '10 minutes' END AS closed
      FROM (SELECT i, id, age_days, received, type, category, unit,
                   CASE WHEN ${draw(5)} < ${OPEN_SHARE} THEN ${OPEN_STATUS} ELSE ${FINISHED_STATUS} END AS status
            FROM (SELECT i, i / 1440.0 AS age_days, received,
                         -- Numbered like the product (api/cases/caseNumbers.ts): the Shanghai day and a
                         -- sequence that grows through the day, so numbers grow with time.
                         to_char(received AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad((99999 - i % 100000)::text, 5, '0') AS id,
                         (ARRAY['complaint','complaint','complaint','consultation','consultation','report','help','suggestion','opinion'])[1 + i % 9] AS type,
                         c.ids[1 + i % array_length(c.ids, 1)] AS category,
                         -- Skewed: the square of a uniform draw favours the first units.
                         u.ids[1 + floor(array_length(u.ids, 1) * ${draw(3)} * ${draw(3)})::int] AS unit
                  FROM (SELECT i, now() - i * interval '1 minute' AS received FROM generate_series(${start}, ${end}) AS i) AS arrivals,
                       (SELECT array_agg(id ORDER BY "sortOrder", id) AS ids FROM "Unit" WHERE level = 1 AND active) AS u,
                       (SELECT array_agg(id ORDER BY id) AS ids FROM "Category") AS c) AS drawn) AS statused`);
    // Assisting units (a different first-level unit) and sub-units (a child of the lead unit).
    await query(`ALTER TABLE realistic ADD COLUMN assist_unit text, ADD COLUMN sub_unit text`);
    await query(`
      UPDATE realistic r SET assist_unit = (SELECT id FROM "Unit" WHERE level = 1 AND id <> r.unit ORDER BY md5(id || r.i) LIMIT 1)
      WHERE r.dispatched IS NOT NULL AND r.i % 12 = 0`);
    await query(`
      UPDATE realistic r SET sub_unit = (SELECT id FROM "Unit" WHERE "parentId" = r.unit ORDER BY md5(id || r.i) LIMIT 1)
      WHERE r.signed IS NOT NULL AND (r.status = 'subDispatched' OR r.i % 7 = 0)`);
    await query(`
      INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", "categoryId", urgency, status, title, content, "citizenPhone", address,
                          "leadUnitId", "assignedUnitIds", "receivedAt", "registeredAt", "dispatchedAt", "signForDueAt", "signedAt", "handleDueAt", "finalHandleDueAt", "originalHandleDueAt",
                          "resultSubmittedAt", "closedAt", "nextDueAt", "nextYellowAt", "warningLevel", "projectionVersion", "updatedAt")
      SELECT id, id, (ARRAY['phone','phone','phone','phone','sms','web','web','wechat']::"Channel"[])[1 + i % 8], type, category, 'normal', status::"CaseStatus",
             (ARRAY['夜市占道经营','小区物业不作为','餐馆后厨卫生','夜间施工噪音','路灯不亮','供暖温度不达标','公交线路调整','社保转移咨询'])[1 + i % 8] || ' #' || i,
             '市民反映：' || (ARRAY['解放路','文化路','青年路','山前街','迎宾路'])[1 + i % 5] || '附近问题，编号' || i,
             '+86139' || lpad((i % 300000)::text, 8, '0'), '东湖区',
             CASE WHEN ${DISPATCHED} THEN unit END, CASE WHEN ${DISPATCHED} THEN array_remove(ARRAY[unit, assist_unit, sub_unit], NULL) ELSE '{}' END, received, received, dispatched,
             CASE WHEN dispatched IS NOT NULL AND signed IS NULL THEN sign_for_due END, signed,
             CASE WHEN ${HANDLING} THEN due END, CASE WHEN ${RESULT_UP} THEN due END, CASE WHEN dispatched IS NOT NULL THEN due END,
             result_submitted, closed,
             -- The earliest deadline owed: signing for, the handling, an assisting unit's opinion.
             CASE WHEN ${HANDLING} THEN LEAST(due, CASE WHEN signed IS NULL THEN sign_for_due END, CASE WHEN assist_unit IS NOT NULL THEN due - interval '2 days' END) END,
             -- A green case's yellow point: two days before the earliest of those deadlines, as its light is drawn here.
             CASE WHEN ${HANDLING} AND due >= now() + interval '2 days' THEN LEAST(due, CASE WHEN signed IS NULL THEN sign_for_due END, CASE WHEN assist_unit IS NOT NULL THEN due - interval '2 days' END) - interval '2 days' END,
             (CASE WHEN NOT ${HANDLING} THEN 'green' WHEN due < now() THEN 'red' WHEN due < now() + interval '2 days' THEN 'yellow' ELSE 'green' END)::"WarningLevel",
             1, now()
      FROM realistic`);
    await query(`
      INSERT INTO "CaseAssignment" (id, "caseId", "unitId", role, status, "dispatchedAt", "signForDueAt", "signedAt", "dueAt", "completedAt", "updatedAt")
      SELECT id || '-L1', id, unit, 'lead',
             (CASE WHEN status IN ('callback','closed','reReview','archived') THEN 'completed' WHEN status IN ('resultSubmitted','unitApproved') THEN 'resultSubmitted'
                   WHEN status = 'returnRequested' THEN 'returnRequested' WHEN status = 'subDispatched' THEN 'subDispatched'
                   WHEN signed IS NULL THEN 'dispatched' ELSE 'signed' END)::"AssignmentStatus",
             dispatched, sign_for_due, signed, due, closed, now()
      FROM realistic WHERE dispatched IS NOT NULL`);
    await query(`
      INSERT INTO "CaseAssignment" (id, "caseId", "unitId", role, status, "dispatchedAt", "signForDueAt", "signedAt", "dueAt", "completedAt", "updatedAt")
      SELECT id || '-A1', id, assist_unit, 'assist', (CASE WHEN closed IS NULL THEN 'signed' ELSE 'opinionSubmitted' END)::"AssignmentStatus",
             dispatched, sign_for_due, signed, due - interval '2 days', closed, now()
      FROM realistic WHERE assist_unit IS NOT NULL`);
    await query(`
      INSERT INTO "CaseAssignment" (id, "caseId", "unitId", role, status, "parentAssignmentId", "dispatchedAt", "signedAt", "dueAt", "completedAt", "updatedAt")
      SELECT id || '-S1', id, sub_unit, 'sub', (CASE WHEN status = 'subDispatched' THEN 'signed' ELSE 'completed' END)::"AssignmentStatus", id || '-L1',
             signed + interval '1 hour', signed + interval '2 hours', due, result_submitted, now()
      FROM realistic WHERE sub_unit IS NOT NULL`);
    await query(`
      INSERT INTO "ExtensionRequest" (id, "caseId", "assignmentId", "unitId", "workingDays", reason, "requestedById", "requestedAt", decision, "previousDueAt", "newDueAt")
      SELECT id || '-E', id, id || '-L1', unit, 5, '需现场勘查', 'user-handler', signed + interval '1 day',
             (CASE WHEN status = 'signed' AND i % 40 = 0 THEN 'pending' ELSE 'approved' END)::"RequestDecision", due, CASE WHEN status = 'signed' AND i % 40 = 0 THEN NULL ELSE due + interval '7 days' END
      FROM realistic WHERE signed IS NOT NULL AND i % 20 = 0`);
    await query('DROP TABLE realistic');
  }
  for (const table of ['Case', 'CaseAssignment', 'ExtensionRequest']) await query(`VACUUM ANALYZE "${table}"`);
}
