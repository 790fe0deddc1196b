// The migration that added Case.nextDueAt fills it for cases projected before it: the earliest
// deadline a unit still owes, so that the overdue board (api/cases/listQuery.ts) finds them.
import assert from 'node:assert/strict';
import type { ScratchDatabase } from '../support/db';
import { databaseBefore, type DatabaseBefore } from '../support/migrationBackfill';

const MIGRATION = '20261203141531_case_next_due_at';

const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T15:59:59.999Z`;

describe('migration case_next_due_at: backfill', () => {
  let database: DatabaseBefore;
  let db: ScratchDatabase;

  before(async () => {
    database = await databaseBefore(MIGRATION, 'next_due');
    db = database.db;
  });

  after(async () => {
    await database?.drop();
  });

  it('keeps the earliest running duty deadline of each open case, and none for finished ones', async () => {
    await db.query(`INSERT INTO "CaseType" (code, name, "nameEn", "updatedAt") VALUES ('complaint', '投诉', 'Complaint', now())`);
    await db.query(`INSERT INTO "Unit" (id, code, name, kind, level, lineage, "updatedAt") VALUES
      ('first', 'first', '甲局', 'department', 1, ARRAY['first'], now()), ('second', 'second', '乙局', 'department', 1, ARRAY['second'], now()),
      ('first-team', 'first-team', '甲局一队', 'subBureau', 2, ARRAY['first', 'first-team'], now())`);
    const insertCase = (id: string, status: string, due: { signFor?: string; handle?: string }) =>
      db.query(
        `INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", status, title, content, "leadUnitId", "signForDueAt", "handleDueAt", "receivedAt", "registeredAt", "updatedAt")
         VALUES ($1, $1, 'phone', 'complaint', $2::"CaseStatus", '标题', '内容', 'first', $3, $4, '2026-03-02T02:00:00Z', '2026-03-02T02:00:00Z', now())`,
        [id, status, due.signFor ?? null, due.handle ?? null],
      );
    const insertAssignment = (caseId: string, n: number, unitId: string, role: string, status: string, due: { signFor?: string; opinion?: string }) =>
      db.query(
        `INSERT INTO "CaseAssignment" (id, "caseId", "unitId", role, status, "signForDueAt", "dueAt", "dispatchedAt", "updatedAt")
         VALUES ($1, $2, $3, $4::"AssignmentRole", $5::"AssignmentStatus", $6, $7, '2026-03-02T03:00:00Z', now())`,
        [`${caseId}-A${n}`, caseId, unitId, role, status, due.signFor ?? null, due.opinion ?? null],
      );
    // Waiting for the lead unit to sign for it.
    await insertCase('1', 'dispatched', { signFor: day(3) });
    await insertAssignment('1', 1, 'first', 'lead', 'dispatched', { signFor: day(3) });
    // Handled by the lead; an assisting unit's opinion is due first, another has yet to sign for it.
    await insertCase('2', 'signed', { handle: day(20) });
    await insertAssignment('2', 1, 'first', 'lead', 'signed', { signFor: day(1) }); // its sign-for deadline is history
    await insertAssignment('2', 2, 'second', 'assist', 'signed', { opinion: day(16) });
    await insertAssignment('2', 3, 'second', 'assist', 'dispatched', { signFor: day(17) });
    // The assisting opinion went up: only the handling deadline is owed.
    await insertCase('3', 'signed', { handle: day(20) });
    await insertAssignment('3', 1, 'first', 'lead', 'signed', {});
    await insertAssignment('3', 2, 'second', 'assist', 'opinionSubmitted', { opinion: day(16) });
    // A sub-unit handling it (its own deadline was not projected): the lead's.
    await insertCase('4', 'subDispatched', { handle: day(25) });
    await insertAssignment('4', 1, 'first', 'lead', 'subDispatched', {});
    await insertAssignment('4', 2, 'first-team', 'sub', 'signed', {});
    // Closed: nothing is owed, whatever an assignment row still says.
    await insertCase('5', 'closed', {});
    await insertAssignment('5', 1, 'first', 'lead', 'completed', {});
    await insertAssignment('5', 2, 'second', 'assist', 'signed', { opinion: day(16) });

    assert.deepEqual(await database.applyMigration(), [MIGRATION]);
    const rows = await db.query<{ id: string; nextDueAt: Date | null }>(`SELECT id, "nextDueAt" FROM "Case" ORDER BY id`);
    assert.deepEqual(rows.map((r) => [r.id, r.nextDueAt?.toISOString() ?? null]), [
      ['1', day(3)],
      ['2', day(16)],
      ['3', day(20)],
      ['4', day(25)],
      ['5', null],
    ]);
  });
});
