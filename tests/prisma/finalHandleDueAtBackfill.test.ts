// The migration that added Case.finalHandleDueAt fills it for cases projected before it: the
// deadline their lead assignment kept, for completed cases only, from the current lead.
import assert from 'node:assert/strict';
import type { ScratchDatabase } from '../support/db';
import { databaseBefore, type DatabaseBefore } from '../support/migrationBackfill';

const MIGRATION = '20261202040000_final_handle_due_at';

describe('migration final_handle_due_at: backfill', () => {
  let database: DatabaseBefore;
  let db: ScratchDatabase;

  before(async () => {
    database = await databaseBefore(MIGRATION, 'final_due');
    db = database.db;
  });

  after(async () => {
    await database?.drop();
  });

  it('takes the current lead assignment’s kept deadline for completed cases and leaves the others', async () => {
    await db.query(`INSERT INTO "CaseType" (code, name, "nameEn", "updatedAt") VALUES ('complaint', '投诉', 'Complaint', now())`);
    await db.query(`INSERT INTO "Unit" (id, code, name, kind, level, lineage, "updatedAt") VALUES
      ('first', 'first', '甲局', 'department', 1, ARRAY['first'], now()), ('second', 'second', '乙局', 'department', 1, ARRAY['second'], now())`);
    const insertCase = (id: string, status: string, leadUnitId: string | null, handleDueAt: string | null) =>
      db.query(
        `INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", status, title, content, "leadUnitId", "receivedAt", "registeredAt", "handleDueAt", "updatedAt")
         VALUES ($1, $1, 'phone', 'complaint', $2::"CaseStatus", '标题', '内容', $3, '2026-03-02T02:00:00Z', '2026-03-02T02:00:00Z', $4, now())`,
        [id, status, leadUnitId, handleDueAt],
      );
    const insertLead = (caseId: string, n: number, unitId: string, dispatchedAt: string, dueAt: string) =>
      db.query(
        `INSERT INTO "CaseAssignment" (id, "caseId", "unitId", role, status, "dispatchedAt", "dueAt", "updatedAt") VALUES ($1, $2, $3, 'lead', 'completed', $4, $5, now())`,
        [`${caseId}-L${n}`, caseId, unitId, dispatchedAt, dueAt],
      );
    // Closed: the clock stopped, the case row lost the deadline, the assignment kept it.
    await insertCase('1', 'closed', 'first', null);
    await insertLead('1', 1, 'first', '2026-03-02T03:00:00Z', '2026-03-20T15:59:59Z');
    // Returned by one unit, re-dispatched to another, archived: the current lead's deadline.
    await insertCase('2', 'archived', 'second', null);
    await insertLead('2', 1, 'first', '2026-03-02T03:00:00Z', '2026-03-20T15:59:59Z');
    await insertLead('2', 2, 'second', '2026-03-03T03:00:00Z', '2026-03-23T15:59:59Z');
    // Still handled: its clock runs, nothing to fill.
    await insertCase('3', 'signed', 'first', '2026-03-24T15:59:59Z');
    await insertLead('3', 1, 'first', '2026-03-03T03:00:00Z', '2026-03-24T15:59:59Z');
    // Answered at first contact: no unit, no deadline.
    await insertCase('4', 'answeredDirectly', null, null);

    assert.deepEqual(await database.applyMigration(), [MIGRATION]);
    const rows = await db.query<{ id: string; finalHandleDueAt: Date | null }>(`SELECT id, "finalHandleDueAt" FROM "Case" ORDER BY id`);
    assert.deepEqual(rows.map((r) => [r.id, r.finalHandleDueAt?.toISOString() ?? null]), [
      ['1', '2026-03-20T15:59:59.000Z'],
      ['2', '2026-03-23T15:59:59.000Z'],
      ['3', null],
      ['4', null],
    ]);
  });
});
