// The projection writes each batch in one statement (activities/projectionStatement.ts). Its
// inputs here are the batches the recorded cases of tests/fixtures/histories actually sent
// (every `projectCase` their histories scheduled), so the rows come from what the workflow
// writes, not from rows made by hand.
import assert from 'node:assert/strict';
import { createLogger } from '../../config/logger';
import { createProjectionActivities, type ProjectCaseInput } from '../../activities/projection';
import { PROJECTION_WRITES } from '../../activities/projectionStatement';
import { projectionBatch } from '../../activities/projectionRows';
import { briefMessageOf, classifyFailure, failureCodeOf } from '../../activities/failureClass';
import { testPrisma, useOwnDatabase } from '../support/db';
import { recordedProjections, renumbered } from '../support/histories';

const CASE_TABLES = ['CaseAssignment', 'CaseResult', 'Callback', 'ReturnRequest', 'ExtensionRequest', 'Urge', 'CitizenContact', 'SupervisionNotice', 'CriticismNotice', 'ReReviewRequest', 'AuditEvent'];

/** Every row the projection keeps for a case, table by table. */
async function caseRows(caseId: string): Promise<Record<string, unknown[]>> {
  const prisma = testPrisma();
  const rows: Record<string, unknown[]> = { Case: await prisma.$queryRawUnsafe(`SELECT * FROM "Case" WHERE "id" = $1`, caseId) };
  for (const table of CASE_TABLES) rows[table] = await prisma.$queryRawUnsafe(`SELECT * FROM "${table}" WHERE "caseId" = $1 ORDER BY "id"`, caseId);
  return rows;
}

describe('case projection: one statement per batch, fed the batches of the recorded cases', function () {
  this.timeout(120_000);
  useOwnDatabase('projection');
  const cases = recordedProjections();
  const project = () => createProjectionActivities({ prisma: testPrisma(), log: createLogger('projection-test', 'silent') }).projectCase;

  it('has a write for every kind of row a batch holds', () => {
    const written = new Set(PROJECTION_WRITES.map((w) => w.rows));
    const held = Object.keys(projectionBatch(cases[0]!.batches[0]!, new Date())).filter((k) => k !== 'idempotencyKey');
    assert.deepEqual(held.filter((k) => !written.has(k as never)), []);
  });

  it('writes each recorded case as its workflow saw it, and a batch sent again changes nothing', async () => {
    assert.ok(cases.length >= 15, `recorded cases with projection batches: ${cases.length}`);
    const projectCase = project();
    for (const { fixture, batches } of cases) {
      const seen: string[] = [];
      for (const batch of batches) {
        const { state } = batch;
        await projectCase(batch);
        const once = await caseRows(state.caseId);
        await projectCase(batch); // an activity retried after its commit
        assert.deepEqual(await caseRows(state.caseId), once, `${fixture}: batch ${state.seq} written twice`);

        seen.push(...batch.events.map((e) => e.type));
        const row = once.Case![0] as Record<string, unknown>;
        assert.equal(row.status, state.status, `${fixture}: status after batch ${state.seq}`);
        assert.equal(row.projectionVersion, state.seq);
        assert.equal(row.warningLevel, state.warningLevel);
        assert.deepEqual(row.assignedUnitIds, [...new Set(state.assignments.map((a) => a.unitId))].sort());
        assert.deepEqual((once.CaseAssignment as { id: string }[]).map((a) => a.id).sort(), state.assignments.map((a) => a.id).sort());
        assert.deepEqual((once.CaseResult as { id: string; reviewOutcome: string }[]).map((r) => `${r.id} ${r.reviewOutcome}`).sort(), state.results.map((r) => `${r.id} ${r.reviewOutcome}`).sort());
        const audit = (once.AuditEvent as { action: string; chainSeq: number; idempotencyKey: string }[]).sort((a, b) => a.chainSeq - b.chainSeq);
        assert.deepEqual(audit.map((a) => a.action), seen, `${fixture}: the audit trail after batch ${state.seq}`);
        assert.deepEqual(audit.map((a) => a.chainSeq), audit.map((_, i) => i + 1), `${fixture}: the audit chain is written in the events' order`);
      }
    }
  });

  it('writes a decision made in the same batch as its request with the request', async () => {
    const arbitration = cases.find((c) => c.fixture === 'return-arbitration.json')!;
    const requestAt = arbitration.batches.findIndex((b) => b.events.some((e) => e.type === 'returnRequested'));
    const decided = arbitration.batches.findIndex((b, i) => i > requestAt && b.events.some((e) => e.type === 'returnDecided'));
    assert.ok(requestAt > 0 && decided > requestAt, 'the recorded case asks for a return and has it decided');
    // The same case under another number, its request and decision joined into one batch.
    const copy = renumbered(arbitration.batches.slice(0, decided + 1), '2026113099999001');
    const joined: ProjectCaseInput = { ...copy[decided]!, events: copy.slice(requestAt, decided + 1).flatMap((b) => b.events) };
    const projectCase = project();
    for (const batch of copy.slice(0, requestAt)) await projectCase(batch);
    await projectCase(joined);
    const requests = (await caseRows('2026113099999001')).ReturnRequest as { decision: string; decidedById: string | null }[];
    assert.ok(requests.length > 0);
    const decisions = copy.slice(requestAt, decided + 1).flatMap((b) => b.events).filter((e) => e.type === 'returnDecided');
    assert.deepEqual(requests.filter((r) => r.decision !== 'pending').length, decisions.length);
    assert.ok(requests.every((r) => r.decision === 'pending' || r.decidedById !== null));
  });

  it('writes a case whose text holds a NUL and a lone surrogate, cleaned as every other write is', async () => {
    const happy = cases.find((c) => c.fixture === 'happy-path.json')!;
    const caseId = '2026113099999003';
    const [first] = renumbered(happy.batches.slice(0, 1), caseId);
    first!.registration!.title = 'a\u0000b';
    first!.registration!.content = 'c\ud800d';
    first!.events[0]!.reason = 'e\u0000f';
    await project()(first!);
    const rows = await caseRows(caseId);
    const row = rows.Case![0] as { title: string; content: string };
    assert.deepEqual([row.title, row.content], ['ab', 'c\uFFFDd']);
    assert.equal((rows.AuditEvent![0] as { reason: string }).reason, 'ef');
  });

  it('writes nothing of a batch that fails: the case row, its assignments and its audit stay as they were', async () => {
    const happy = cases.find((c) => c.fixture === 'happy-path.json')!;
    const dispatchAt = happy.batches.findIndex((b) => b.events.some((e) => e.type === 'dispatched'));
    const caseId = '2026113099999002';
    const copy = renumbered(happy.batches.slice(0, dispatchAt + 1), caseId);
    const projectCase = project();
    for (const batch of copy.slice(0, dispatchAt)) await projectCase(batch);
    const before = await caseRows(caseId);
    // A unit that does not exist breaks the assignment's foreign key, the last check to run.
    const broken = JSON.parse(JSON.stringify(copy[dispatchAt]!)) as ProjectCaseInput;
    for (const a of broken.state.assignments) a.unitId = 'no-such-unit';
    const failure = await projectCase(broken).then(() => null, (error: unknown) => error);
    // The workflow reports such a step as stuck, not retried (activities/failureClass.ts), in the database's words.
    assert.equal(classifyFailure(failure), 'permanent');
    assert.equal(failureCodeOf(failure), '23503');
    assert.match(briefMessageOf(failure), /CaseAssignment_unitId_fkey/);
    assert.deepEqual(await caseRows(caseId), before);
    await projectCase(copy[dispatchAt]!);
    assert.equal(((await caseRows(caseId)).Case![0] as { status: string }).status, 'dispatched');
  });
});
