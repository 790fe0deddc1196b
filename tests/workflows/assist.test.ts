// Assisting units (协办) as child workflows: their own sign-for and opinion clocks, warnings and
// urges reported into the case's audit trail, and withdrawal when the case moves on.
import assert from 'node:assert/strict';
import { assistWorkflowId } from '../../workflows/assist/definitions';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

describe('assisting units as child workflows (test server from Mon 2026-11-23 10:00)', () => {
  const t = useHarnessAt('2026-11-23 10:00', 'each');
  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));
  // A child is started by the case's main loop shortly after the command that calls for it.
  const childStatus = async (assignmentId: string) =>
    (await t.env.client.workflow.getHandle(assistWorkflowId(assignmentId)).describe().catch(() => null))?.status.name ?? 'NOT_STARTED';



  it('runs an assisting unit in its own workflow, which ends when the unit has signed and given its opinion', async () => {
    const handle = await t.h.register();
    const state = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher);
    const assist = state.assignments.find((a) => a.role === 'assist')!;
    await waitUntil(async () => (await childStatus(assist.id)) === 'RUNNING');
    const opinion = state.clocks.find((c) => c.key === `assistOpinion:${assist.id}`)!;
    assert.equal(opinion.dueAt, endOfShanghaiDay('2026-11-26'), '3 working days after dispatch');
    await t.h.command(handle, 'signFor', {}, actors.assistHandler);
    await t.h.command(handle, 'submitAssistOpinion', { opinion: '住建局：无施工许可记录。' }, actors.assistHandler);
    await waitUntil(async () => (await childStatus(assist.id)) === 'COMPLETED');
    const result = await t.env.client.workflow.getHandle(assistWorkflowId(assist.id)).result();
    assert.deepEqual(result, { assignmentId: assist.id, outcome: 'completed' });
    await assertProjectionMatches(await t.h.state(handle));
    await recordHistory('assist-completed', handle);
    await handle.terminate('test finished');
  });

  it("warns and urges a silent assisting unit from its child workflow, into the case's audit trail", async () => {
    const handle = await t.h.register();
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    const assist = dispatched.assignments.find((a) => a.role === 'assist')!;
    const signFor = dispatched.clocks.find((c) => c.key === `signFor:${assist.id}`)!;
    assert.equal(signFor.dueAt, endOfShanghaiDay('2026-11-24'));
    await sleepUntil(signFor.dueAt + 60_000);
    await waitUntil(async () => (await t.h.state(handle)).counters.urges === 1);
    const state = await t.h.state(handle);
    assert.equal(state.warningLevel, 'red', "an assisting unit's overdue clock shows on the case");
    await assertProjectionMatches(state);
    const urges = await testPrisma().urge.findMany({ where: { caseId: state.caseId } });
    assert.deepEqual(urges.map((u) => [u.unitId, u.kind]), [['zhujian', 'automatic']]);
    const audit = await testPrisma().auditEvent.findMany({ where: { caseId: state.caseId, action: 'urged' } });
    assert.equal(audit[0]!.actorId, `system:${assist.id}`);
    const assignment = await testPrisma().caseAssignment.findUniqueOrThrow({ where: { id: assist.id } });
    assert.equal(assignment.warningLevel, 'red');
    await recordHistory('assist-overdue', handle);
    await handle.terminate('test finished');
  });

  it('withdraws the assisting units when the case is returned and re-dispatched', async () => {
    const handle = await t.h.register();
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian', 'shichang'] }, actors.dispatcher);
    await t.h.command(handle, 'requestReturn', { reason: '属东湖区管辖' }, actors.leadHandler);
    await t.h.command(handle, 'decideReturn', { approve: true, reason: '改派', redispatch: { leadUnitId: 'donghu', assistUnitIds: [] } }, actors.dispatcher);
    for (const assist of dispatched.assignments.filter((a) => a.role === 'assist')) {
      await waitUntil(async () => (await childStatus(assist.id)) === 'COMPLETED');
      assert.deepEqual(await t.env.client.workflow.getHandle(assistWorkflowId(assist.id)).result(), { assignmentId: assist.id, outcome: 'withdrawn' });
    }
    await recordHistory('assist-withdrawn', handle);
    await handle.terminate('test finished');
  });

  it('sub-dispatches to a unit below the lead, runs its clocks in a child workflow, and refuses a unit outside the subtree', async () => {
    const handle = await t.h.register();
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    await assert.rejects(t.h.command(handle, 'subDispatch', { subUnitId: 'donghu-jiefang' }, actors.leadHandler), (error: unknown) => {
      const cause = (error as { cause?: { type?: string; details?: unknown[] } }).cause;
      assert.equal(cause?.type, 'invalidInput');
      assert.deepEqual(cause?.details?.[0], { subUnitId: 'is not below chengguan' });
      return true;
    });
    let state = await t.h.command(handle, 'subDispatch', { subUnitId: 'chengguan-donghu', instructions: '请东湖大队现场处置' }, actors.leadHandler);
    const sub = state.assignments.find((a) => a.role === 'sub')!;
    await waitUntil(async () => (await childStatus(sub.id)) === 'RUNNING');
    await t.h.command(handle, 'signFor', {}, actors.subUnitHandler);
    await t.h.command(handle, 'submitResult', { actionsTaken: '现场劝离', replyToCitizen: '已处理', handlerName: '王五', citizenContacted: true }, actors.subUnitHandler);
    await waitUntil(async () => (await childStatus(sub.id)) === 'COMPLETED');
    state = await t.h.command(handle, 'reviewSubResult', { accept: true }, actors.leadLeader);
    assert.equal(state.status, 'signed');
    await assertProjectionMatches(state);
    const row = await testPrisma().caseAssignment.findUniqueOrThrow({ where: { id: sub.id } });
    assert.deepEqual([row.role, row.unitId, row.parentAssignmentId, row.status], ['sub', 'chengguan-donghu', state.leadAssignmentId, 'completed']);
    await recordHistory('sub-dispatch', handle);
    await handle.terminate('test finished');
  });
});
