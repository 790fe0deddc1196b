// The lifecycle's side paths on real Temporal and PostgreSQL, on a test-server clock that
// starts Mon 2026-11-23 10:00 Shanghai so that every date is known.
import assert from 'node:assert/strict';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { fetchWorkflowHistories } from '../../api/caseReplay/temporalHistory';
import { rulesChangedSignal } from '../../workflows/petition/definitions';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

const RESULT = { actionsTaken: '已现场核查并整改。', replyToCitizen: '经核查，问题已整改。', handlerName: '李四', citizenContacted: true, resolved: true };

async function refusedWith(promise: Promise<unknown>, type: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof WorkflowUpdateFailedError, String(error));
    const cause = error.cause as { type?: string; message: string };
    assert.equal(cause.type, type);
    assert.match(cause.message, message);
    return true;
  });
}

describe('lifecycle paths (test server from Mon 2026-11-23 10:00)', () => {
  const t = useHarnessAt('2026-11-23 10:00', 'each');
  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));



  async function signedCase(leadUnitId = 'chengguan'): Promise<WorkflowHandle> {
    const handle = await t.h.register();
    await t.h.command(handle, 'dispatch', { leadUnitId, assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, leadUnitId === 'chengguan' ? actors.leadHandler : actors.otherUnitHandler);
    return handle;
  }

  it('return: inside the window re-dispatches; past the maximum a supervisor arbitrates; after the window it is refused', async () => {
    const handle = await t.h.register();
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher);
    await t.h.command(handle, 'requestReturn', { reason: '该路段属东湖区管辖' }, actors.leadHandler);
    let state = await t.h.command(handle, 'decideReturn', { approve: true, reason: '改派东湖区', redispatch: { leadUnitId: 'donghu', assistUnitIds: [] } }, actors.dispatcher);
    assert.equal(state.assignments.find((a) => a.id === state.leadAssignmentId)!.unitId, 'donghu');
    await t.h.command(handle, 'requestReturn', { reason: '属城管执法范围' }, actors.otherUnitHandler);
    await t.h.command(handle, 'decideReturn', { approve: true, reason: '改派城管局', redispatch: { leadUnitId: 'chengguan', assistUnitIds: [] } }, actors.dispatcher);
    state = await t.h.command(handle, 'requestReturn', { reason: '仍认为不属本单位' }, actors.leadHandler);
    assert.equal(state.status, 'arbitration');
    await refusedWith(t.h.command(handle, 'decideReturn', { approve: false, reason: '驳回' }, actors.dispatcher), 'forbidden', /requires the role supervisor/);
    state = await t.h.command(handle, 'decideReturn', { approve: false, reason: '仲裁：城管局主办', wrongReturn: true }, actors.supervisor);
    assert.equal(state.status, 'dispatched');
    await assertProjectionMatches(state);
    const returns = await testPrisma().returnRequest.findMany({ where: { caseId: state.caseId }, orderBy: { requestedAt: 'asc' } });
    assert.deepEqual(returns.map((r) => [r.unitId, r.decision, r.arbitrated, r.wrongReturn, r.redispatchUnitId]), [
      ['chengguan', 'approved', false, false, 'donghu'],
      ['donghu', 'approved', false, false, 'chengguan'],
      ['chengguan', 'rejected', true, true, null],
    ]);

    // The return window is 2 working days after dispatch: Mon 11-23 → end of Wed 11-25.
    await sleepUntil(endOfShanghaiDay('2026-11-25') + 60_000);
    await refusedWith(t.h.command(handle, 'requestReturn', { reason: '再次退回' }, actors.leadHandler), 'invalidState', /return window has closed/);
    await recordHistory('return-arbitration', handle);
    await handle.terminate('test finished');
  });

  it('extension: a dispatcher grants within the cap, only a supervisor beyond it, and the deadline moves', async () => {
    const handle = await signedCase();
    const before = (await t.h.state(handle)).clocks.find((c) => c.key === 'handle')!;
    assert.equal(before.dueAt, endOfShanghaiDay('2026-12-14')); // 11-24..27, 11-30..12-04, 12-07..11, 12-14
    await t.h.command(handle, 'requestExtension', { workingDays: 5, reason: '需协调多部门' }, actors.leadHandler);
    let state = await t.h.command(handle, 'decideExtension', { approve: true, reason: '同意延期5个工作日' }, actors.dispatcher);
    assert.equal(state.clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-12-21'));
    await t.h.command(handle, 'requestExtension', { workingDays: 6, reason: '仍需时间' }, actors.leadHandler);
    await refusedWith(t.h.command(handle, 'decideExtension', { approve: true, reason: '同意' }, actors.dispatcher), 'forbidden', /requires the role supervisor/);
    state = await t.h.command(handle, 'decideExtension', { approve: true, reason: '督办批准' }, actors.supervisor);
    assert.equal(state.clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-12-29'));
    await assertProjectionMatches(state);
    const requests = await testPrisma().extensionRequest.findMany({ where: { caseId: state.caseId }, orderBy: { requestedAt: 'asc' } });
    assert.deepEqual(requests.map((r) => [r.workingDays, r.decision, r.beyondCap, r.newDueAt?.getTime()]), [
      [5, 'approved', false, endOfShanghaiDay('2026-12-21')],
      [6, 'approved', true, endOfShanghaiDay('2026-12-29')],
    ]);
    await recordHistory('extensions', handle);
    await handle.terminate('test finished');
  });

  it('rehandle after a rejected review and, on the office’s decision, after an unsatisfied callback; closes when the citizen is satisfied', async () => {
    const handle = await signedCase();
    const submit = async () => {
      await t.h.command(handle, 'submitResult', RESULT, actors.leadHandler);
      await t.h.command(handle, 'unitApprove', {}, actors.leadLeader);
    };
    await submit();
    let state = await t.h.command(handle, 'review', { accept: false, comment: '答复未说明法律依据' }, actors.dispatcher);
    assert.deepEqual([state.status, state.counters.rehandles], ['signed', 1]);
    await submit();
    await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
    state = await t.h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false, comment: '摊贩又回来了' }, actors.operator);
    assert.deepEqual([state.status, state.counters.rehandles], ['awaitingUnsatisfiedDecision', 1], 'the office decides whether to handle again');
    state = await t.h.command(handle, 'decideUnsatisfied', { decision: 'rehandle', reason: '摊贩仍在，重新办理' }, actors.dispatcher);
    assert.deepEqual([state.status, state.counters.rehandles], ['signed', 2]);
    await submit();
    await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
    state = await t.h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'basicallySatisfied', resolved: true }, actors.operator);
    assert.equal(state.status, 'closed');
    await assertProjectionMatches(state);
    const results = await testPrisma().caseResult.findMany({ where: { caseId: state.caseId }, orderBy: { submittedAt: 'asc' } });
    assert.deepEqual(results.map((r) => r.reviewOutcome), ['sentBack', 'accepted', 'accepted']);
    const callbacks = await testPrisma().callback.findMany({ where: { caseId: state.caseId }, orderBy: { round: 'asc' } });
    assert.deepEqual(callbacks.map((c) => [c.round, c.status, c.satisfaction]), [[1, 'reached', 'unsatisfied'], [2, 'reached', 'basicallySatisfied']]);
    await recordHistory('rehandles', handle);
    await handle.terminate('test finished');
  });

  it('closes an unreachable citizen after the last attempt; reopens on re-review; a supervisor overrides a deadline', async () => {
    const handle = await signedCase();
    await refusedWith(t.h.command(handle, 'overrideDeadline', { clockKey: 'handle', dueAt: '2026-12-01T18:00:00+08:00', reason: '领导交办' }, actors.dispatcher), 'forbidden', /supervisor/);
    let state = await t.h.command(handle, 'overrideDeadline', { clockKey: 'handle', dueAt: '2026-12-01T18:00:00+08:00', reason: '市领导交办，限期完成' }, actors.supervisor);
    assert.equal(state.clocks.find((c) => c.key === 'handle')!.dueAt, shanghai('2026-12-01 18:00'));
    await t.h.command(handle, 'submitResult', RESULT, actors.leadHandler);
    await t.h.command(handle, 'unitApprove', {}, actors.leadLeader);
    await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
    for (let attempt = 1; attempt <= 3; attempt++) state = await t.h.command(handle, 'recordCallback', { outcome: 'unreachable', method: 'phoneCall' }, actors.operator);
    assert.equal(state.status, 'closed');
    assert.equal(state.callbacks[0]!.outcome, 'unreachable');
    state = await t.h.command(handle, 'requestReReview', { reason: '问题没有解决', channel: 'phone' }, actors.citizen);
    assert.equal(state.status, 'reReview');
    state = await t.h.command(handle, 'decideReReview', { reopen: true, reason: '核实后重办' }, actors.supervisor);
    assert.equal(state.status, 'signed');
    await assertProjectionMatches(state);
    const reReviews = await testPrisma().reReviewRequest.findMany({ where: { caseId: state.caseId } });
    assert.deepEqual(reReviews.map((r) => r.status), ['reopened']);
    await recordHistory('unreachable-rereview-override', handle);
    await handle.terminate('test finished');
  });

  it('moves the deadlines of an open case when the calendar changes', async () => {
    const handle = await signedCase();
    assert.equal((await t.h.state(handle)).clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-12-14'));
    const day = new Date('2026-12-01');
    await testPrisma().calendarDay.update({ where: { date: day }, data: { isWorkingDay: false, kind: 'holiday', name: '市定假日', source: 'admin' } });
    try {
      await handle.signal(rulesChangedSignal);
      await waitUntil(async () => (await t.h.state(handle)).clocks.find((c) => c.key === 'handle')!.dueAt === endOfShanghaiDay('2026-12-15'));
      const state = await t.h.state(handle);
      await assertProjectionMatches(state);
      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId: state.caseId, action: 'deadlinesRecomputed' } });
      assert.equal(audit.actorId, 'system');
      await recordHistory('calendar-change', handle);
    } finally {
      await testPrisma().calendarDay.update({ where: { date: day }, data: { isWorkingDay: true, kind: 'workday', name: null, source: 'chineseDays' } });
    }
    await handle.terminate('test finished');
  });

  it('continues as new after 200 events, keeping its state, projection and running clocks', async function () {
    this.timeout(400_000);
    const handle = await signedCase();
    const firstRun = (await handle.describe()).runId;
    // Every 20th command of the supervisor a supervision notice: each carries its reply clock and
    // stays in the state, which every projection step's input holds (a hundred of them would make
    // the run's history larger than Temporal's 4 MiB message limit).
    for (let i = 0; i < 100; i++) {
      await t.h.command(handle, 'urge', { reason: `第${i + 1}次催办` }, actors.dispatcher);
      if (i % 20 === 0) await t.h.command(handle, 'supervise', { content: `第${i + 1}次督办`, level: 1 }, actors.supervisor);
      else await t.h.command(handle, 'urge', { reason: `第${i + 1}次督促` }, actors.supervisor);
    }
    await waitUntil(async () => (await handle.describe()).runId !== firstRun);
    const state = await t.h.command(handle, 'urge', { reason: '新一轮催办' }, actors.dispatcher);
    assert.equal(state.counters.urges, 196);
    assert.equal(state.counters.supervisions, 5);
    assert.deepEqual(state.supervisionNotices!.map((n) => n.status), Array(5).fill('awaitingReply'), 'the notices cross into the new run');
    assert.equal(state.clocks.filter((c) => c.name === 'supervisionReply').length, 5, 'with their reply clocks');
    assert.equal(state.clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-12-14'));
    await assertProjectionMatches(state);
    // The run ends at 200 case events or when Temporal suggests it (4 Ki history events), whichever
    // comes first; the new run starts from the carried state with a short history.
    const described = await handle.describe();
    const first = await t.env.client.workflow.getHandle(handle.workflowId, firstRun).describe();
    assert.equal(first.status.name, 'CONTINUED_AS_NEW');
    assert.ok((described.historyLength ?? 0) < (first.historyLength ?? 0), `new run ${described.historyLength} events < first run ${first.historyLength}`);
    assert.ok((first.historyLength ?? 0) <= 4_200, `the first run stayed bounded (${first.historyLength})`);
    // The case file's history follows the run chain back to the first run, oldest first.
    const histories = await fetchWorkflowHistories(t.env.client, handle.workflowId);
    assert.deepEqual(histories.runs.map((r) => r.runId), [firstRun, described.runId]);
    await handle.terminate('test finished');
  });
});
