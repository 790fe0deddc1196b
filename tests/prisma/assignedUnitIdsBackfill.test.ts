// The migration that added Case.assignedUnitIds fills it for cases projected before it: every
// unit with an assignment on the case (any role, any round), so that the list's unit scope
// (api/cases/listQuery.ts) still shows a unit the cases it handled or handles.
import assert from 'node:assert/strict';
import type { ScratchDatabase } from '../support/db';
import { databaseBefore, type DatabaseBefore } from '../support/migrationBackfill';

const MIGRATION = '20261203111520_case_assigned_unit_ids';

describe('migration case_assigned_unit_ids: backfill', () => {
  let database: DatabaseBefore;
  let db: ScratchDatabase;

  before(async () => {
    database = await databaseBefore(MIGRATION, 'assigned_units');
    db = database.db;
  });

  after(async () => {
    await database?.drop();
  });

  it('names every unit of a case’s assignments, once each, and leaves undispatched cases empty', async () => {
    await db.query(`INSERT INTO "CaseType" (code, name, "nameEn", "updatedAt") VALUES ('complaint', '投诉', 'Complaint', now())`);
    await db.query(`INSERT INTO "Unit" (id, code, name, kind, level, lineage, "updatedAt") VALUES
      ('first', 'first', '甲局', 'department', 1, ARRAY['first'], now()), ('second', 'second', '乙局', 'department', 1, ARRAY['second'], now()),
      ('first-team', 'first-team', '甲局一队', 'subBureau', 2, ARRAY['first', 'first-team'], now())`);
    const insertCase = (id: string, status: string, leadUnitId: string | null) =>
      db.query(
        `INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", status, title, content, "leadUnitId", "receivedAt", "registeredAt", "updatedAt")
         VALUES ($1, $1, 'phone', 'complaint', $2::"CaseStatus", '标题', '内容', $3, '2026-03-02T02:00:00Z', '2026-03-02T02:00:00Z', now())`,
        [id, status, leadUnitId],
      );
    const insertAssignment = (caseId: string, n: number, unitId: string, role: string, status: string) =>
      db.query(
        `INSERT INTO "CaseAssignment" (id, "caseId", "unitId", role, status, "dispatchedAt", "updatedAt") VALUES ($1, $2, $3, $4::"AssignmentRole", $5::"AssignmentStatus", '2026-03-02T03:00:00Z', now())`,
        [`${caseId}-A${n}`, caseId, unitId, role, status],
      );
    // Led by one unit, assisted by another, with a sub-unit below the lead.
    await insertCase('1', 'signed', 'first');
    await insertAssignment('1', 1, 'first', 'lead', 'subDispatched');
    await insertAssignment('1', 2, 'second', 'assist', 'signed');
    await insertAssignment('1', 3, 'first-team', 'sub', 'signed');
    // Returned by the first unit and re-dispatched to the second: both handled it.
    await insertCase('2', 'closed', 'second');
    await insertAssignment('2', 1, 'first', 'lead', 'returned');
    await insertAssignment('2', 2, 'second', 'lead', 'completed');
    // Rehandled by the same unit: named once.
    await insertCase('3', 'archived', 'first');
    await insertAssignment('3', 1, 'first', 'lead', 'completed');
    await insertAssignment('3', 2, 'first', 'lead', 'completed');
    // Answered at first contact: no unit.
    await insertCase('4', 'answeredDirectly', null);

    assert.deepEqual(await database.applyMigration(), [MIGRATION]);
    const rows = await db.query<{ id: string; assignedUnitIds: string[] }>(`SELECT id, "assignedUnitIds" FROM "Case" ORDER BY id`);
    assert.deepEqual(rows.map((r) => [r.id, r.assignedUnitIds]), [
      ['1', ['first', 'first-team', 'second']],
      ['2', ['first', 'second']],
      ['3', ['first']],
      ['4', []],
    ]);
  });
});
