// Supervision notices answered, through real timers: the time-skipping test server starts on
// Mon 2026-11-02 10:00 (Shanghai); a case is dispatched to 城管局, signed for, and a supervisor
// issues a notice at once. Its reply is due at the end of the second working day after (Wed
// 11-04); unanswered, it escalates at the first instant after that, to a level-2 notice whose own
// reply is due two working days on, and then to leadership. Answered in time, nothing escalates.
// Expected dates are counted by hand.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import type { PetitionState } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

const CHENGGUAN_DUTY_PHONE = '+8653181010001';
const SUPERVISOR_PHONE = '+8613800000005';
const messagesTo = (caseId: string, toNumber: string) => testPrisma().smsMessage.findMany({ where: { caseId, toNumber }, orderBy: { createdAt: 'asc' } });
/** The timer fires at the first millisecond past `dueAt`, give or take the test server's scheduling (well under a second). */
const assertJustPast = (at: number, dueAt: number) => assert.ok(at > dueAt && at < dueAt + 1_000, `${new Date(at).toISOString()} is not just past ${new Date(dueAt).toISOString()}`);
const notices = (caseId: string) => testPrisma().supervisionNotice.findMany({ where: { caseId }, orderBy: { issuedAt: 'asc' } });

describe('supervision replies through real timers (test server from Mon 2026-11-02 10:00)', () => {
  const t = useHarnessAt('2026-11-02 10:00', 'each');

  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  /** Dispatched to 城管局, signed for, and under a supervisor's notice. */
  const supervisedCase = async (): Promise<{ handle: WorkflowHandle; state: PetitionState; noticeId: string }> => {
    const handle = await t.h.register({ caseTypeCode: 'complaint', receivedAt: new Date(shanghai('2026-11-02 09:55')).toISOString() });
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    const state = await t.h.command(handle, 'supervise', { content: '请于两个工作日内报告占道经营整治情况' }, actors.supervisor);
    return { handle, state, noticeId: state.supervisionNotices![0]!.id };
  };

  it('an unanswered notice escalates at the first instant past its reply deadline: level 2 to the same unit, then leadership', async () => {
    const { handle, state: supervised, noticeId } = await supervisedCase();
    const caseId = handle.workflowId;
    // Counted from the next day: Tue 11-03 (1), Wed 11-04 (2).
    const firstDue = endOfShanghaiDay('2026-11-04');
    assert.equal(supervised.supervisionNotices![0]!.replyDueAt, firstDue);
    await waitUntil(async () => (await messagesTo(caseId, CHENGGUAN_DUTY_PHONE)).some((m) => m.templateCode === 'sms.supervisionNotice'));
    const arrived = (await messagesTo(caseId, CHENGGUAN_DUTY_PHONE)).find((m) => m.templateCode === 'sms.supervisionNotice')!;
    assert.equal(arrived.body, `【12345热线】市城市管理局：工单${caseId}已列入督办，请抓紧办理，并于2026-11-04 23:59前在系统中答复督办办理情况。`);

    await sleepUntil(firstDue - 60_000);
    let state = await t.h.state(handle);
    assert.deepEqual([state.supervisionNotices!.length, state.supervisionNotices![0]!.status], [1, 'awaitingReply'], 'nothing yet in the deadline’s last minute');
    assert.equal(state.clocks.find((c) => c.key === `supervisionReply:${noticeId}`)!.level, 'yellow', 'yellow since the end of 11-03');

    await sleepUntil(firstDue + 1_000);
    await waitUntil(async () => (await t.h.state(handle)).supervisionNotices!.length === 2);
    state = await t.h.state(handle);
    const escalated = state.recent.find((e) => e.type === 'supervisionEscalated')!;
    assert.equal(escalated.actorId, 'system');
    assertJustPast(escalated.at, firstDue);
    const [first, level2] = state.supervisionNotices!;
    assert.deepEqual([first!.status, first!.escalatedTo], ['escalated', 'level2']);
    assert.deepEqual([level2!.level, level2!.unitId, level2!.automatic, level2!.status], [2, 'chengguan', true, 'awaitingReply']);
    // From Thu 11-05 00:00: Fri 11-06 (1), Mon 11-09 (2).
    assert.equal(level2!.replyDueAt, endOfShanghaiDay('2026-11-09'));
    await assertProjectionMatches(state);

    await sleepUntil(endOfShanghaiDay('2026-11-09') + 1_000);
    await waitUntil(async () => (await t.h.state(handle)).escalationLevel === 3);
    state = await t.h.state(handle);
    assert.deepEqual([state.supervisionNotices![1]!.status, state.supervisionNotices![1]!.escalatedTo], ['escalated', 'leadership']);
    await assertProjectionMatches(state);

    const rows = await notices(caseId);
    assert.deepEqual(rows.map((r) => [r.level, r.kind, r.replyStatus, r.escalatedTo, r.dueAt?.getTime()]), [
      [1, 'manual', 'escalated', 'level2', firstDue],
      [2, 'automatic', 'escalated', 'leadership', endOfShanghaiDay('2026-11-09')],
    ]);
    const audit = await testPrisma().auditEvent.findMany({ where: { caseId, action: 'supervisionEscalated' }, orderBy: { occurredAt: 'asc' } });
    assert.deepEqual(audit.map((a) => [a.actorId, (a.payload as { to: string }).to]), [['system', 'level2'], ['system', 'leadership']]);
    assertJustPast(audit[0]!.occurredAt.getTime(), firstDue);
    assertJustPast(audit[1]!.occurredAt.getTime(), endOfShanghaiDay('2026-11-09'));
    await waitUntil(async () => (await messagesTo(caseId, CHENGGUAN_DUTY_PHONE)).filter((m) => m.templateCode === 'sms.supervisionNotice').length === 2);
    const raised = (await messagesTo(caseId, CHENGGUAN_DUTY_PHONE)).filter((m) => m.templateCode === 'sms.supervisionNotice')[1]!;
    assert.equal(raised.body, `【12345热线】市城市管理局：工单${caseId}已列入二级督办（报领导），请抓紧办理，并于2026-11-09 23:59前在系统中答复督办办理情况。`);
    await recordHistory('supervision-unanswered-escalates', handle);
    await handle.terminate('test finished');
  });

  it('a notice answered in time does not escalate; a rejected reply re-opens it with a new deadline, a second reply is accepted', async () => {
    const { handle, noticeId } = await supervisedCase();
    const caseId = handle.workflowId;
    await sleepUntil(shanghai('2026-11-03 16:00'));
    let state = await t.h.command(handle, 'answerSupervision', { noticeId, reply: '已约谈摊主，正在整改' }, actors.leadLeader);
    assert.equal(state.supervisionNotices![0]!.status, 'answered');
    assert.ok(!state.clocks.some((c) => c.name === 'supervisionReply'), 'the reply stops its clock');
    await waitUntil(async () => (await messagesTo(caseId, SUPERVISOR_PHONE)).length === 1);
    assert.equal((await messagesTo(caseId, SUPERVISOR_PHONE))[0]!.body, `【12345热线】工单${caseId}的督办通知已答复：已约谈摊主，正在整改 请评价。`);

    await sleepUntil(shanghai('2026-11-04 10:00'));
    state = await t.h.command(handle, 'evaluateSupervisionAnswer', { noticeId, accepted: false, comment: '未说明整改时限' }, actors.dispatcher);
    // From Wed 11-04: Thu 11-05 (1), Fri 11-06 (2).
    assert.deepEqual([state.supervisionNotices![0]!.status, state.supervisionNotices![0]!.replyDueAt], ['awaitingReply', endOfShanghaiDay('2026-11-06')]);
    await sleepUntil(shanghai('2026-11-06 11:00'));
    await t.h.command(handle, 'answerSupervision', { noticeId, reply: '已取缔占道摊点，11月6日起恢复通行' }, actors.leadHandler);
    state = await t.h.command(handle, 'evaluateSupervisionAnswer', { noticeId, accepted: true, comment: null }, actors.supervisor);

    await sleepUntil(shanghai('2026-11-13 12:00'));
    state = await t.h.state(handle);
    assert.deepEqual([state.supervisionNotices!.length, state.supervisionNotices![0]!.status, state.escalationLevel], [1, 'accepted', 0], 'nothing escalated');
    assert.ok(!state.recent.some((e) => e.type === 'supervisionEscalated'));
    await assertProjectionMatches(state);
    const [row] = await notices(caseId);
    assert.deepEqual(
      [row!.replyStatus, row!.response, row!.respondedById, row!.accepted, row!.evaluatedById, row!.evaluationComment, row!.dueAt?.getTime()],
      ['accepted', '已取缔占道摊点，11月6日起恢复通行', actors.leadHandler.id, true, actors.supervisor.id, null, endOfShanghaiDay('2026-11-06')],
    );
    assert.ok(Math.abs(row!.respondedAt!.getTime() - shanghai('2026-11-06 11:00')) < 1_000, 'replied at 11:00');
    const audit = await testPrisma().auditEvent.findMany({ where: { caseId, action: { in: ['supervisionAnswered', 'supervisionAnswerEvaluated'] } }, orderBy: { occurredAt: 'asc' } });
    assert.deepEqual(audit.map((a) => [a.action, a.actorId, a.reason]), [
      ['supervisionAnswered', actors.leadLeader.id, '已约谈摊主，正在整改'],
      ['supervisionAnswerEvaluated', actors.dispatcher.id, '未说明整改时限'],
      ['supervisionAnswered', actors.leadHandler.id, '已取缔占道摊点，11月6日起恢复通行'],
      ['supervisionAnswerEvaluated', actors.supervisor.id, null],
    ]);
    await recordHistory('supervision-answered-evaluated', handle);
    await handle.terminate('test finished');
  });
});
