// Dispatch modes through real timers: the time-skipping test server starts on Mon 2026-11-02
// 10:00 (Shanghai). A complaint (15 working days by the system) dispatched by phone is due in 3
// working days, in writing in 7; the phone case turns red the morning after its deadline. The
// phone case also takes a 转阅 and a 领导批示 (the handling-modes patch), and an emergency case
// reports itself to the numbers of emergency.notifyPhones (the major-emergency-notice patch).
// Both histories are recorded for the replay test. Expected dates are counted by hand.
import assert from 'node:assert/strict';
import type { PetitionState } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

const handleDue = (state: PetitionState) => state.clocks.find((c) => c.key === 'handle')!.dueAt;
const RECEIVED = new Date(shanghai('2026-11-02 09:55')).toISOString();

describe('dispatch modes through real timers (test server from Mon 2026-11-02 10:00)', () => {
  const t = useHarnessAt('2026-11-02 10:00', 'each');
  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  it('a phone dispatch is due in 3 working days (red the morning after), with a 转阅 read and a 领导批示 on the way', async () => {
    const handle = await t.h.register({ caseTypeCode: 'complaint', citizenPhone: '+8613900002222', receivedAt: RECEIVED });
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [], mode: 'phone' }, actors.dispatcher);
    // 11-03, 04, 05 = 3 (a complaint by the system: 15)
    assert.equal(handleDue(dispatched), endOfShanghaiDay('2026-11-05'));
    assert.equal(dispatched.dispatchMode, 'phone');
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);

    const forwarded = await t.h.command(handle, 'forwardForInformation', { unitIds: ['donghu'], note: '请知悉' }, actors.dispatcher);
    assert.deepEqual(forwarded.forwards!.map((f) => f.unitId), ['donghu']);
    await t.h.command(handle, 'markForwardRead', {}, actors.otherUnitHandler);
    const instructed = await t.h.command(handle, 'attachLeaderInstruction', { leaderName: '王明', leaderTitle: '副市长', instruction: '请尽快办结。' }, actors.supervisor);
    assert.equal(handleDue(instructed), endOfShanghaiDay('2026-11-05'), 'an instruction moves no deadline');

    await sleepUntil(shanghai('2026-11-05 12:00'));
    assert.equal((await t.h.state(handle)).warningLevel, 'yellow', 'due tonight');
    await sleepUntil(shanghai('2026-11-06 09:00'));
    const state = await t.h.state(handle);
    assert.deepEqual([state.warningLevel, state.counters.urges], ['red', 1]);
    await assertProjectionMatches(state);
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: handle.workflowId } });
    assert.deepEqual([row.dispatchMode, row.handleDueAt?.getTime(), row.readerUnitIds, row.readByUnitIds, row.leaderInstructedAt !== null], ['phone', endOfShanghaiDay('2026-11-05'), ['donghu'], ['donghu'], true]);
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, templateCode: 'sms.leaderInstructionNotice' } })) >= 1);
    await recordHistory('handling-modes-phone-dispatch', handle);
    await handle.terminate('test finished');
  });

  it('a written dispatch is due in 7 working days', async () => {
    const handle = await t.h.register({ caseTypeCode: 'complaint', receivedAt: RECEIVED });
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [], mode: 'written' }, actors.dispatcher);
    // 11-03, 04, 05, 06, 09, 10, 11 = 7
    assert.equal(handleDue(dispatched), endOfShanghaiDay('2026-11-11'));
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    await sleepUntil(shanghai('2026-11-10 09:00'));
    assert.equal((await t.h.state(handle)).warningLevel, 'green', 'a phone dispatch would be red by now');
    await handle.terminate('test finished');
  });

  it('an emergency registration reports itself at once to the leadership and the duty room', async () => {
    await testPrisma().ruleSetting.upsert({
      where: { key: 'emergency.notifyPhones' },
      create: { key: 'emergency.notifyPhones', value: { leadership: ['+8613900003333'], dutyRoom: ['+8653112300000'] }, description: 'test' },
      update: { value: { leadership: ['+8613900003333'], dutyRoom: ['+8653112300000'] } },
    });
    try {
      const handle = await t.h.register({ caseTypeCode: 'complaint', urgency: 'emergency', title: '燃气泄漏', receivedAt: RECEIVED });
      await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, templateCode: 'sms.majorEmergencyNotice' } })) === 2);
      const sent = await testPrisma().smsMessage.findMany({ where: { caseId: handle.workflowId, templateCode: 'sms.majorEmergencyNotice' }, orderBy: { toNumber: 'asc' } });
      assert.deepEqual(sent.map((m) => m.toNumber), ['+8613900003333', '+8653112300000']);
      // The notices ran as local activities inside the registration's workflow task: recorded once it completed.
      await waitUntil(async () => (await handle.fetchHistory()).events!.some((e) => e.workflowTaskCompletedEventAttributes));
      await recordHistory('major-emergency-registered', handle);
      await handle.terminate('test finished');
    } finally {
      await testPrisma().ruleSetting.update({ where: { key: 'emergency.notifyPhones' }, data: { value: { leadership: [], dutyRoom: [] } } });
    }
  });
});
