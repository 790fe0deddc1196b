// 按时办结率 and 超期件数 from what the product writes: real petition workflows on the
// time-skipping test server (clock from July 2026, a stretch no other suite uses), the real
// projection, then the indicators computed over it.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { computeIndicators, type IndicatorRow } from '../../statistics/indicators';
import { shanghaiDate } from '../../rules/shanghaiTime';
import type { PetitionState } from '../../rules/lifecycle/types';
import { testPrisma } from '../support/db';
import { actors } from '../support/lifecycle';
import { SOLVED, useHarnessAt, waitUntil, type PetitionHarness } from '../support/petitions';

/** Waits until the projection holds the state. */
async function projected(state: PetitionState): Promise<void> {
  await waitUntil(async () => ((await testPrisma().case.findUnique({ where: { id: state.caseId } }))?.projectionVersion ?? 0) >= state.seq);
}

/** The indicator row of 市城市管理局 over the Shanghai days of `from`..`to` (instants), judged at `asOf`. */
async function chengguanRow(from: number, to: number, asOf: number): Promise<IndicatorRow | undefined> {
  const result = await computeIndicators(testPrisma(), { groupBy: 'unit', from: shanghaiDate(from), to: shanghaiDate(to), asOf: new Date(asOf) });
  return result.rows.find((row) => row.key === 'chengguan');
}

/** Registers a complaint now (workflow time), dispatches it to 市城市管理局 and has it signed for. */
async function signedComplaint(h: PetitionHarness, now: number): Promise<{ handle: WorkflowHandle; dueAt: number }> {
  const handle = await h.register({ receivedAt: new Date(now).toISOString() });
  await h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
  const signed = await h.command(handle, 'signFor', {}, actors.leadHandler);
  return { handle, dueAt: signed.clocks.find((c) => c.key === 'handle')!.dueAt };
}

/** Answer, the unit leader's approval and the dispatcher's acceptance. */
async function completed(h: PetitionHarness, handle: WorkflowHandle): Promise<PetitionState> {
  await h.command(handle, 'submitResult', SOLVED, actors.leadHandler);
  await h.command(handle, 'unitApprove', {}, actors.leadLeader);
  const state = await h.command(handle, 'review', { accept: true }, actors.dispatcher);
  await projected(state);
  return state;
}

describe('statistics: 按时办结率 and 超期件数 from real workflows', () => {
  const t = useHarnessAt('2026-07-15 09:00', 'all');

  it('counts a complaint 市城市管理局 finished the day it came as done on time, and keeps it counted once closed and archived', async () => {
    const dispatchedAt = await t.env.currentTimeMs();
    const { handle, dueAt } = await signedComplaint(t.h, dispatchedAt);
    const accepted = await completed(t.h, handle);
    assert.equal(accepted.status, 'callback');
    assert.equal(shanghaiDate(await t.env.currentTimeMs()), shanghaiDate(dispatchedAt), 'all on the day of dispatch');

    const sameDay = await chengguanRow(dispatchedAt, dueAt, await t.env.currentTimeMs());
    assert.equal(sameDay?.completedOnTimeRate, 1, '按时办结率 100 %');
    assert.equal(sameDay?.overdueCount, 0);

    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: accepted.caseId } });
    assert.deepEqual(
      { handleDueAt: row.handleDueAt, finalHandleDueAt: row.finalHandleDueAt?.getTime(), originalHandleDueAt: row.originalHandleDueAt?.getTime() },
      { handleDueAt: null, finalHandleDueAt: dueAt, originalHandleDueAt: dueAt },
      'no handling clock runs any more; the deadline it stopped at stays on the case',
    );

    // The survey fails (no telephony in this suite), the re-review window passes: archived.
    await t.h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true }, actors.operator);
    const archived = await handle.result();
    assert.equal(archived.status, 'archived');
    await projected(archived);
    const later = await chengguanRow(dispatchedAt, dueAt, await t.env.currentTimeMs());
    assert.equal(later?.completedOnTimeRate, 1);
    assert.equal(later?.overdueCount, 0);
  });

  it('counts a result that went up after the deadline as overdue, in the period of that deadline', async () => {
    const dispatchedAt = await t.env.currentTimeMs();
    const { handle, dueAt } = await signedComplaint(t.h, dispatchedAt);
    await t.env.sleep(dueAt - dispatchedAt + 86_400_000);
    const state = await completed(t.h, handle);
    const result = state.results.at(-1)!;
    assert.ok(result.submittedAt > dueAt, 'the answer came after the deadline');

    const row = await chengguanRow(dispatchedAt, dueAt, await t.env.currentTimeMs());
    assert.equal(row?.completedOnTimeRate, 0);
    assert.equal(row?.overdueCount, 1);
    const projectedRow = await testPrisma().case.findUniqueOrThrow({ where: { id: state.caseId } });
    assert.equal(projectedRow.finalHandleDueAt?.getTime(), dueAt);
    assert.equal(projectedRow.resultSubmittedAt?.getTime(), result.submittedAt);
  });

  it('leaves a suspended case undecided when its old deadline passes, and judges it against the moved one once resumed', async () => {
    const dispatchedAt = await t.env.currentTimeMs();
    const { handle, dueAt } = await signedComplaint(t.h, dispatchedAt);
    await projected(await t.h.command(handle, 'suspend', { reasonKind: 'litigation', reason: '等待法院判决', workingDays: 20 }, actors.supervisor));
    await t.env.sleep(dueAt - (await t.env.currentTimeMs()) + 86_400_000);

    const during = await chengguanRow(dispatchedAt, dueAt, await t.env.currentTimeMs());
    assert.deepEqual([during?.overdueCount, during?.completedOnTimeRate], [0, null], 'the deadline passed while no clock counted: neither overdue nor on time yet');

    const resumed = await t.h.command(handle, 'resume', {}, actors.dispatcher);
    const movedDue = resumed.clocks.find((c) => c.key === 'handle')!.dueAt;
    assert.ok(movedDue > (await t.env.currentTimeMs()), 'the deadline moved past today by the working days suspended');
    const state = await completed(t.h, handle);
    const after = await chengguanRow(dispatchedAt, movedDue, await t.env.currentTimeMs());
    assert.deepEqual([after?.completedOnTimeRate, after?.overdueCount], [1, 0]);
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: state.caseId } })).finalHandleDueAt?.getTime(), movedDue);
  });
});
