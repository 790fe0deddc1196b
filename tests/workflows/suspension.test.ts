// Suspension (挂起) through real timers: the time-skipping test server starts on Mon 2026-09-28
// 10:00 (Shanghai), a case is dispatched and signed for at once, and the clock is stopped over
// National Day (10-01..07 off; Sat 10-10 a working day). Expected dates are counted by hand.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import type { PetitionState } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

const CITIZEN = '+8613900001111';
const handleDue = (state: PetitionState) => state.clocks.find((c) => c.key === 'handle')!.dueAt;
const citizenMessages = (caseId: string) => testPrisma().smsMessage.findMany({ where: { caseId, toNumber: CITIZEN }, orderBy: { createdAt: 'asc' } });
const WAIT = { reasonKind: 'citizenMaterials', reason: '等待市民补充产权证明材料' };

describe('suspension through real timers (test server from Mon 2026-09-28 10:00)', () => {
  const t = useHarnessAt('2026-09-28 10:00', 'each');

  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  /** Registered as `caseTypeCode`, dispatched to 城管局 (住建局 assisting, when asked) and signed for by all. */
  const signedCase = async (caseTypeCode: string, assistUnitIds: string[] = []): Promise<{ handle: WorkflowHandle; state: PetitionState }> => {
    const handle = await t.h.register({ caseTypeCode, citizenPhone: CITIZEN, receivedAt: new Date(shanghai('2026-09-28 09:55')).toISOString() });
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds }, actors.dispatcher);
    let state = await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    if (assistUnitIds.length > 0) state = await t.h.command(handle, 'signFor', {}, actors.assistHandler);
    return { handle, state };
  };

  it('a suspension across National Day adds exactly the working days suspended: 09-30 → 10-09 moves the handling due date by two (10-08, 10-09)', async () => {
    const { handle, state: signed } = await signedCase('complaint', ['zhujian']);
    const caseId = handle.workflowId;
    // 15 working days: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat, worked), 10-12..16 (10), 10-19..23 (15).
    assert.equal(handleDue(signed), endOfShanghaiDay('2026-10-23'));

    await sleepUntil(shanghai('2026-09-30 14:00'));
    const suspended = await t.h.command(handle, 'suspend', { ...WAIT, workingDays: 5 }, actors.leadLeader);
    // The 5th working day after 09-30: 10-08, 10-09, 10-10, 10-12, 10-13.
    assert.equal(suspended.suspension?.resumeAt, endOfShanghaiDay('2026-10-13'));
    await assertProjectionMatches(suspended);
    let row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.ok(Math.abs(suspended.suspension!.suspendedAt - shanghai('2026-09-30 14:00')) < 60_000);
    assert.deepEqual([row.suspendedAt?.getTime(), row.suspendedUntil?.getTime(), row.suspendedWorkingDays, row.nextDueAt], [suspended.suspension!.suspendedAt, endOfShanghaiDay('2026-10-13'), 0, null]);
    const suspendedAudit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'suspended' } });
    assert.deepEqual([suspendedAudit.actorId, suspendedAudit.actorRole, suspendedAudit.reason], [actors.leadLeader.id, 'unitLeader', WAIT.reason]);

    // The return window (09-30), the assisting opinion (10-08) and the old yellow points pass: nothing fires, here or in the assisting unit's child.
    await sleepUntil(shanghai('2026-10-09 10:00'));
    let state = await t.h.state(handle);
    assert.equal(state.recent.at(-1)!.type, 'suspended');
    assert.deepEqual([state.warningLevel, state.counters.urges], ['green', 0]);

    const resumed = await t.h.command(handle, 'resume', { reason: '材料已补齐' }, actors.dispatcher);
    // 10-23 + the two working days suspended: 10-26, 10-27.
    assert.equal(handleDue(resumed), endOfShanghaiDay('2026-10-27'));
    assert.equal(handleDue(resumed) - handleDue(signed), (3 + 1) * 86_400_000, 'Fri 10-23 → Tue 10-27: two working days over a weekend');
    assert.deepEqual([resumed.suspension, resumed.suspendedWorkingDays], [null, 2]);
    await assertProjectionMatches(resumed);
    row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([row.suspendedAt, row.suspendedUntil, row.suspendedWorkingDays, row.handleDueAt?.getTime()], [null, null, 2, endOfShanghaiDay('2026-10-27')]);
    assert.equal(row.originalHandleDueAt?.getTime(), endOfShanghaiDay('2026-10-23'), 'the deadline first set stays');
    const resumedAudit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'resumed' } });
    assert.deepEqual([resumedAudit.actorId, resumedAudit.reason, (resumedAudit.payload as { workingDays: number }).workingDays], [actors.dispatcher.id, '材料已补齐', 2]);

    await waitUntil(async () => (await citizenMessages(caseId)).some((m) => m.templateCode === 'sms.resumedNotice'));
    const bodies = (await citizenMessages(caseId)).filter((m) => m.templateCode !== 'sms.receipt').map((m) => [m.templateCode, m.body]);
    assert.deepEqual(bodies, [
      ['sms.suspendedNotice', `【12345热线】您的诉求（受理号${caseId}）暂停办理（挂起），原因：${WAIT.reason}。最迟于2026-10-13 23:59恢复办理，挂起期间不计入办理时限。`],
      ['sms.resumedNotice', `【12345热线】您的诉求（受理号${caseId}）已恢复办理，办结时限顺延至2026-10-27 23:59。`],
    ]);

    // The assisting unit's child runs its moved clock: opinion due 10-08 + 2 = 10-10, red (and urged) only after that.
    await sleepUntil(shanghai('2026-10-10 23:00'));
    assert.equal((await t.h.state(handle)).counters.urges, 0);
    await sleepUntil(shanghai('2026-10-11 09:00'));
    await waitUntil(async () => (await t.h.state(handle)).counters.urges === 1);
    state = await t.h.state(handle);
    const red = state.recent.find((e) => e.type === 'warningChanged' && e.at > endOfShanghaiDay('2026-10-10'));
    assert.ok(red, 'the opinion turned red after its moved deadline');
    assert.equal(state.clocks.find((c) => c.key === 'handle')!.level, 'green');
    await recordHistory('suspended-across-national-day', handle);
    await handle.terminate('test finished');
  });

  it('no warning fires while suspended, and the case resumes by itself at the planned end', async () => {
    const { handle, state: signed } = await signedCase('consultation');
    const caseId = handle.workflowId;
    // 5 working days: 09-29, 09-30, 10-08, 10-09, 10-10.
    assert.equal(handleDue(signed), endOfShanghaiDay('2026-10-10'));
    await sleepUntil(shanghai('2026-09-29 10:00'));
    const suspended = await t.h.command(handle, 'suspend', { reasonKind: 'forceMajeure', reason: '台风过境，现场无法处置', workingDays: 5 }, actors.dispatcher);
    // 09-30, 10-08, 10-09, 10-10, 10-12.
    assert.equal(suspended.suspension?.resumeAt, endOfShanghaiDay('2026-10-12'));

    // The old yellow (10-09) and due date (10-10) pass without a light or an urge.
    await sleepUntil(shanghai('2026-10-12 23:00'));
    let state = await t.h.state(handle);
    assert.ok(state.suspension);
    assert.deepEqual([state.recent.at(-1)!.type, state.warningLevel, state.counters.urges], ['suspended', 'green', 0]);

    await sleepUntil(shanghai('2026-10-13 09:00'));
    state = await t.h.state(handle);
    assert.deepEqual([state.suspension, state.suspendedWorkingDays, state.recent.at(-1)!.type, state.recent.at(-1)!.actorId], [null, 5, 'resumed', 'system']);
    // 10-10 + 5 working days: 10-12, 13, 14, 15, 16.
    assert.equal(handleDue(state), endOfShanghaiDay('2026-10-16'));
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).suspendedWorkingDays === 5);

    // The moved yellow point (10-09 + 5 = 10-15) and deadline fire in their turn.
    await sleepUntil(shanghai('2026-10-15 23:00'));
    assert.equal((await t.h.state(handle)).warningLevel, 'green');
    await sleepUntil(shanghai('2026-10-16 09:00'));
    assert.equal((await t.h.state(handle)).warningLevel, 'yellow');
    await sleepUntil(shanghai('2026-10-17 09:00'));
    await waitUntil(async () => (await t.h.state(handle)).counters.urges === 1);
    state = await t.h.state(handle);
    assert.equal(state.warningLevel, 'red');
    await assertProjectionMatches(state);
    await waitUntil(async () => (await citizenMessages(caseId)).some((m) => m.templateCode === 'sms.resumedNotice'));
    await handle.terminate('test finished');
  });
});
