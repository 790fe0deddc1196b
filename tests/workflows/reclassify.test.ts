// Reclassification through real timers: the time-skipping test server starts on Mon 2026-11-02
// 10:00 (Shanghai), a case is dispatched and signed for at once, working days pass, and the
// office reclassifies it. The handling deadline is recomputed from the dispatch (time already
// used counts) with the new case type's limit; the workflow's timer follows the new deadline,
// and it keeps the new profile's rules. Expected dates are counted by hand.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import type { PetitionState } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { rulesChangedSignal } from '../../workflows/petition/definitions';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, SOLVED, useHarnessAt, waitUntil } from '../support/petitions';

const CHENGGUAN_DUTY_PHONE = '+8653181010001';
const handleDue = (state: PetitionState) => state.clocks.find((c) => c.key === 'handle')!.dueAt;
const unitMessages = (caseId: string) => testPrisma().smsMessage.findMany({ where: { caseId, toNumber: CHENGGUAN_DUTY_PHONE }, orderBy: { createdAt: 'asc' } });

describe('reclassification through real timers (test server from Mon 2026-11-02 10:00)', () => {
  const t = useHarnessAt('2026-11-02 10:00', 'each');

  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  /** Registered as `caseTypeCode`, dispatched to 城管局 and signed for. */
  const dispatchedCase = async (caseTypeCode: string): Promise<{ handle: WorkflowHandle; state: PetitionState }> => {
    const handle = await t.h.register({ caseTypeCode, citizenPhone: '+8613900001111', receivedAt: new Date(shanghai('2026-11-02 09:55')).toISOString() });
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    return { handle, state: await t.h.command(handle, 'signFor', {}, actors.leadHandler) };
  };

  it('reclassifying consultation → report moves the handling due date later: start + 30 working days, not 30 from now', async () => {
    const { handle, state: dispatched } = await dispatchedCase('consultation');
    const caseId = handle.workflowId;
    // 11-03, 04, 05, 06, 09 = 5
    assert.equal(handleDue(dispatched), endOfShanghaiDay('2026-11-09'));
    await sleepUntil(shanghai('2026-11-09 12:00'));
    assert.equal((await t.h.state(handle)).warningLevel, 'yellow', 'the consultation is due tonight');

    const reclassified = await t.h.command(handle, 'reclassify', { caseTypeCode: 'report', categoryId: 'cat-urban.street-vending', urgency: 'normal', reason: '经核实，反映的是违法经营行为，属举报' }, actors.dispatcher);
    // 11-03..06 (4), 09..13 (9), 16..20 (14), 23..27 (19), 11-30..12-04 (24), 12-07..11 (29), 12-14 (30)
    assert.equal(handleDue(reclassified), endOfShanghaiDay('2026-12-14'));
    assert.equal(reclassified.clocks.find((c) => c.key === 'handle')!.startedAt, dispatched.clocks.find((c) => c.key === 'handle')!.startedAt, 'the clock keeps its start');
    assert.equal(reclassified.warningLevel, 'green');
    assert.equal(reclassified.profile.caseTypeCode, 'report');
    await assertProjectionMatches(reclassified);

    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([row.caseTypeCode, row.categoryId, row.urgency, row.handleDueAt?.getTime(), row.warningLevel], ['report', 'cat-urban.street-vending', 'normal', endOfShanghaiDay('2026-12-14'), 'green']);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'reclassified' } });
    assert.deepEqual([audit.actorId, audit.actorRole, audit.reason], [actors.dispatcher.id, 'dispatcher', '经核实，反映的是违法经营行为，属举报']);
    const payload = audit.payload as { from: { caseTypeCode: string }; to: { caseTypeCode: string }; clocks: { key: string; dueAt: number }[] };
    assert.deepEqual([payload.from.caseTypeCode, payload.to.caseTypeCode], ['consultation', 'report']);
    assert.deepEqual(payload.clocks.map((c) => [c.key, c.dueAt]), [['handle', endOfShanghaiDay('2026-12-14')]]);
    await waitUntil(async () => (await unitMessages(caseId)).some((m) => m.templateCode === 'sms.reclassifiedNotice'));
    const notice = (await unitMessages(caseId)).find((m) => m.templateCode === 'sms.reclassifiedNotice')!;
    assert.equal(notice.body, `【12345热线】市城市管理局：工单${caseId}已重新分类，办结时限调整为2026-12-14 23:59，请按新时限办理。`);

    // The old deadline passes without a red light: the timer follows the new one.
    await sleepUntil(shanghai('2026-11-10 09:00'));
    let state = await t.h.state(handle);
    assert.deepEqual([state.warningLevel, state.counters.urges], ['green', 0]);

    // The case keeps the report's rules: a clock started later takes the report's limit…
    const sentBack = async (comment: string) => {
      await t.h.command(handle, 'submitResult', SOLVED, actors.leadHandler);
      await t.h.command(handle, 'unitApprove', {}, actors.leadLeader);
      const back = await t.h.command(handle, 'review', { accept: false, comment }, actors.dispatcher);
      assert.equal(back.status, 'signed', 'sent back for rehandling');
      return back;
    };
    state = await sentBack('未说明处罚依据，请补充');
    assert.deepEqual(state.clocks.find((c) => c.key === 'handle')!.limit, { amount: 30, unit: 'workingDays' }, 'the rehandling clock runs on the report’s policy');
    // …and so does a rules reload, which reads the new profile.
    await handle.signal(rulesChangedSignal);
    await t.env.sleep(60_000);
    state = await sentBack('请补充现场照片');
    assert.deepEqual(state.clocks.find((c) => c.key === 'handle')!.limit, { amount: 30, unit: 'workingDays' }, 'still the report’s policy after the reload');
    await assertProjectionMatches(state);
    await recordHistory('reclassified-consultation-to-report', handle);
    await handle.terminate('test finished');
  });

  it('reclassifying report → consultation makes a deadline already passed: red and an automatic urge at once', async () => {
    const { handle, state: dispatched } = await dispatchedCase('report');
    const caseId = handle.workflowId;
    assert.equal(handleDue(dispatched), endOfShanghaiDay('2026-12-14'));
    await sleepUntil(shanghai('2026-11-11 12:00'));
    assert.equal((await t.h.state(handle)).warningLevel, 'green');

    const reclassified = await t.h.command(handle, 'reclassify', { caseTypeCode: 'consultation', categoryId: 'cat-urban.street-vending', urgency: 'normal', reason: '仅为政策咨询' }, actors.supervisor);
    assert.equal(handleDue(reclassified), endOfShanghaiDay('2026-11-09'), 'start + 5 working days: two days ago');
    await waitUntil(async () => (await t.h.state(handle)).counters.urges === 1);
    const state = await t.h.state(handle);
    assert.equal(state.warningLevel, 'red');
    assert.deepEqual(state.recent.slice(-4).map((e) => e.type), ['reclassified', 'warningChanged', 'warningChanged', 'urged']);
    await assertProjectionMatches(state);
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([row.caseTypeCode, row.handleDueAt?.getTime(), row.warningLevel], ['consultation', endOfShanghaiDay('2026-11-09'), 'red']);
    await waitUntil(async () => (await unitMessages(caseId)).length === 3);
    assert.deepEqual((await unitMessages(caseId)).map((m) => [m.templateCode, m.body]), [
      ['sms.dispatchNotice', `【12345热线】市城市管理局：工单${caseId}已交办，请于2026-11-03 23:59前签收，2026-12-14 23:59前办结。`],
      ['sms.reclassifiedNotice', `【12345热线】市城市管理局：工单${caseId}已重新分类，办结时限调整为2026-11-09 23:59，请按新时限办理。`],
      ['sms.warningNotice', `【12345热线】市城市管理局：工单${caseId}已超期，时限2026-11-09 23:59，请抓紧办理。`],
    ]);
    await handle.terminate('test finished');
  });
});
