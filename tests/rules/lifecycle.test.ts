// The lifecycle rules without Temporal: commands, refusals, and what time does.
import assert from 'node:assert/strict';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import { endOfShanghaiDay, shanghaiDate } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase } from '../support/lifecycle';

const RESULT = { actionsTaken: '执法队员现场劝离摊贩，设置围挡。', replyToCitizen: '已处理，摊贩已劝离。', handlerName: '张三', citizenContacted: true, resolved: true };
const DISPATCH = { leadUnitId: 'chengguan', assistUnitIds: ['zhujian', 'shichang'] };

function refusal(fn: () => unknown): CommandRefusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof CommandRefusal) return error;
    throw error;
  }
  assert.fail('the command was not refused');
}

describe('lifecycle rules', () => {
  it('runs the happy path from registration to archive', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-02-13 10:00'));
    run.do('dispatch', DISPATCH, actors.dispatcher);
    assert.equal(run.state.status, 'dispatched');
    assert.equal(run.state.assignments.length, 3);
    const handle = run.state.clocks.find((c) => c.key === 'handle')!;
    assert.equal(shanghaiDate(handle.dueAt), '2026-03-12', '15 working days over the Spring Festival');
    const leadSignFor = run.state.clocks.find((c) => c.name === 'signFor' && c.unitId === 'chengguan')!;
    assert.equal(leadSignFor.dueAt, endOfShanghaiDay('2026-02-14'));

    run.do('signFor', {}, actors.leadHandler);
    assert.equal(run.state.status, 'signed');
    run.do('signFor', {}, actors.assistHandler).do('signFor', {}, actors.assist2Handler);
    run.do('submitAssistOpinion', { opinion: '住建局：该路段无施工许可。' }, actors.assistHandler);
    run.do('submitAssistOpinion', { opinion: '市场监管局：摊贩无证经营，已登记。' }, actors.assist2Handler);
    run.now = shanghai('2026-02-26 15:00');
    run.do('submitResult', RESULT, actors.leadHandler);
    assert.equal(run.state.status, 'resultSubmitted');
    run.do('unitApprove', {}, actors.leadLeader);
    assert.equal(run.state.status, 'unitApproved');
    assert.equal(run.state.clocks.find((c) => c.key === 'handle'), undefined, 'the handling clock stops when the result goes up');
    run.do('review', { accept: true }, actors.dispatcher);
    assert.equal(run.state.status, 'callback');
    run.do('recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true }, actors.operator);
    assert.equal(run.state.status, 'closed');
    assert.equal(run.state.satisfaction, 'satisfied');
    const reReviewUntil = run.state.reReviewUntil!;
    assert.equal(shanghaiDate(reReviewUntil), '2026-03-18', '15 working days after closing on Thu 02-26: 02-27, Sat 02-28, 03-02 … 03-18');

    run.advanceTo(reReviewUntil);
    assert.equal(run.state.status, 'closed');
    run.advanceTo(reReviewUntil + 1);
    assert.equal(run.state.status, 'archived');
    assert.equal(run.state.finished, true);
    assert.deepEqual(run.events.map((e) => e.seq), run.events.map((_, i) => i + 2), 'events are numbered without gaps');
    assert.deepEqual(run.state.recent.slice(-3).map((e) => [e.type, e.actorId]), [['callbackRecorded', 'user-operator'], ['closed', 'user-operator'], ['archived', 'system']]);
    assert.equal(run.state.warningLevel, 'green');
  });

  it('turns a forgotten sign-for yellow, red with an automatic urge, then supervision and leadership', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-09-30 15:00'));
    run.do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    const signFor = run.state.clocks.find((c) => c.name === 'signFor')!;
    assert.equal(shanghaiDate(signFor.dueAt), '2026-10-08');
    run.advanceTo(signFor.yellowAt);
    assert.equal(run.state.warningLevel, 'yellow');
    run.advanceTo(signFor.dueAt + 1);
    assert.equal(run.state.warningLevel, 'red');
    assert.equal(run.state.counters.urges, 1);
    assert.equal(run.state.escalationLevel, 1);
    const urge = run.events.find((e) => e.type === 'urged')!;
    assert.equal(urge.at, signFor.dueAt + 1);
    assert.equal(urge.actor.id, 'system');
    // 5 working days after 10-08: 10-09, Sat 10-10, 10-12, 10-13, 10-14
    assert.equal(shanghaiDate(signFor.supervisorAt!), '2026-10-14');
    run.advanceTo(signFor.supervisorAt! + 1);
    assert.equal(run.state.escalationLevel, 2);
    run.advanceTo(signFor.leadershipAt! + 1);
    assert.equal(run.state.escalationLevel, 3);
    // The level-1 notice, unanswered within its 2 working days, became a level-2 notice before the leadership point.
    const notices = run.events.filter((e) => e.type === 'supervised');
    assert.deepEqual(notices.map((e) => e.type === 'supervised' && [e.level, e.clockKey]), [[1, signFor.key], [2, null], [2, signFor.key]]);
    const first = run.state.supervisionNotices![0]!;
    assert.equal(notices[1]!.at, first.replyDueAt + 1);
    run.do('signFor', {}, actors.leadHandler);
    assert.equal(run.state.warningLevel, 'green', 'signing for stops the clock');
  });

  it('lets a return inside the window re-dispatch to another unit, with fresh clocks', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')).do('dispatch', DISPATCH, actors.dispatcher);
    run.now = shanghai('2026-11-24 10:00');
    run.do('requestReturn', { reason: '该路段属东湖区管辖。' }, actors.leadHandler);
    assert.equal(run.state.status, 'returnRequested');
    run.do('decideReturn', { approve: true, reason: '同意，改派东湖区。', redispatch: { leadUnitId: 'donghu', assistUnitIds: [] } }, actors.dispatcher);
    assert.equal(run.state.status, 'dispatched');
    assert.equal(run.state.counters.returns, 1);
    const lead = run.state.assignments.find((a) => a.id === run.state.leadAssignmentId)!;
    assert.equal(lead.unitId, 'donghu');
    assert.deepEqual(run.state.assignments.filter((a) => a.round === 1).map((a) => a.status), ['returned', 'withdrawn', 'withdrawn']);
    assert.equal(shanghaiDate(run.state.clocks.find((c) => c.key === 'handle')!.dueAt), '2026-12-15', 'the clock restarts for the new unit');
    assert.ok(run.state.clocks.every((c) => c.unitId === 'donghu' || c.unitId === null));
  });

  it('refuses a return after the window, and sends a return past the maximum to arbitration', () => {
    const late = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')).do('dispatch', DISPATCH, actors.dispatcher);
    late.advanceTo(shanghai('2026-11-26 09:00'));
    const refused = refusal(() => late.do('requestReturn', { reason: '不属本单位' }, actors.leadHandler));
    assert.equal(refused.code, 'invalidState');
    assert.match(refused.message, /return window has closed/);

    const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')).do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    const bounce = (from: typeof actors.leadHandler, to: string) =>
      run.do('requestReturn', { reason: '非本单位职责' }, from).do('decideReturn', { approve: true, reason: '改派', redispatch: { leadUnitId: to, assistUnitIds: [] } }, actors.dispatcher);
    bounce(actors.leadHandler, 'donghu');
    bounce(actors.otherUnitHandler, 'chengguan');
    run.do('requestReturn', { reason: '仍非本单位职责' }, actors.leadHandler);
    assert.equal(run.state.status, 'arbitration');
    assert.equal(refusal(() => run.do('decideReturn', { approve: false, reason: '驳回' }, actors.dispatcher)).code, 'forbidden');
    run.do('decideReturn', { approve: false, reason: '仲裁：由城管局主办。', wrongReturn: true }, actors.supervisor);
    assert.equal(run.state.status, 'dispatched');
  });

  it('grants extensions within the cap by a dispatcher and beyond it only by a supervisor', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')).do('dispatch', DISPATCH, actors.dispatcher).do('signFor', {}, actors.leadHandler);
    const before = run.state.clocks.find((c) => c.key === 'handle')!.dueAt;
    run.do('requestExtension', { workingDays: 6, reason: '需现场勘验' }, actors.leadHandler);
    assert.equal(refusal(() => run.do('requestExtension', { workingDays: 1, reason: 'again' }, actors.leadHandler)).code, 'invalidState');
    run.do('decideExtension', { approve: true, reason: '同意' }, actors.dispatcher);
    const after = run.state.clocks.find((c) => c.key === 'handle')!;
    assert.equal(shanghaiDate(after.dueAt), '2026-12-22'); // 12-14 + 6: 15,16,17,18,21,22
    assert.ok(after.dueAt > before);
    run.do('requestExtension', { workingDays: 5, reason: '仍需时间' }, actors.leadHandler);
    assert.equal(run.state.pendingExtension!.beyondCap, true);
    assert.equal(refusal(() => run.do('decideExtension', { approve: true, reason: '同意' }, actors.dispatcher)).code, 'forbidden');
    run.do('decideExtension', { approve: true, reason: '督办批准' }, actors.supervisor);
    assert.equal(run.state.counters.extensionWorkingDays, 11);
  });

  it('sends a rejected result back for rehandling, and an unsatisfied callback once the office decides so', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00'))
      .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher)
      .do('signFor', {}, actors.leadHandler)
      .do('submitResult', RESULT, actors.leadHandler)
      .do('unitApprove', {}, actors.leadLeader);
    assert.equal(refusal(() => run.do('review', { accept: false }, actors.dispatcher)).code, 'invalidInput');
    run.do('review', { accept: false, comment: '未说明处理依据' }, actors.dispatcher);
    assert.equal(run.state.status, 'signed');
    assert.equal(run.state.counters.rehandles, 1);
    run.do('submitResult', RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader).do('review', { accept: true }, actors.dispatcher);
    run.do('recordCallback', { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false }, actors.operator);
    assert.equal(run.state.status, 'awaitingUnsatisfiedDecision');
    run.do('decideUnsatisfied', { decision: 'rehandle', reason: '问题确未解决' }, actors.dispatcher);
    assert.equal(run.state.status, 'signed');
    assert.equal(run.state.counters.rehandles, 2);
    assert.equal(run.state.results.length, 2);
  });

  it('closes as unreachable after the last callback attempt', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00'))
      .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher)
      .do('signFor', {}, actors.leadHandler)
      .do('submitResult', RESULT, actors.leadHandler)
      .do('unitApprove', {}, actors.leadLeader)
      .do('review', { accept: true }, actors.dispatcher);
    run.do('recordCallback', { outcome: 'unreachable' }, actors.operator).do('recordCallback', { outcome: 'unreachable' }, actors.operator);
    assert.equal(run.state.status, 'callback');
    run.do('recordCallback', { outcome: 'unreachable' }, actors.operator);
    assert.equal(run.state.status, 'closed');
    assert.equal(run.state.callbacks[0]!.outcome, 'unreachable');
  });

  it('reopens a closed case on re-review, and lets a supervisor override a deadline', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00'))
      .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher)
      .do('signFor', {}, actors.leadHandler);
    assert.equal(refusal(() => run.do('overrideDeadline', { clockKey: 'handle', dueAt: '2026-12-01T10:00:00+08:00', reason: '市领导交办，限期完成' }, actors.dispatcher)).code, 'forbidden');
    assert.equal(refusal(() => run.do('overrideDeadline', { clockKey: 'handle', dueAt: '2026-12-01T10:00:00+08:00' }, actors.supervisor)).code, 'invalidInput');
    run.do('overrideDeadline', { clockKey: 'handle', dueAt: '2026-12-01T10:00:00+08:00', reason: '市领导交办，限期完成' }, actors.supervisor);
    assert.equal(run.state.clocks.find((c) => c.key === 'handle')!.dueAt, shanghai('2026-12-01 10:00'));

    run.do('submitResult', RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader).do('review', { accept: true }, actors.dispatcher);
    run.do('recordCallback', { outcome: 'reached', satisfaction: 'basicallySatisfied' }, actors.operator);
    assert.equal(run.state.status, 'closed');
    run.do('requestReReview', { reason: '问题再次出现' }, actors.citizen);
    assert.equal(run.state.status, 'reReview');
    run.do('decideReReview', { reopen: true, reason: '确有反复，重办' }, actors.supervisor);
    assert.equal(run.state.status, 'signed');
    assert.ok(run.state.clocks.some((c) => c.key === 'handle'));
  });

  it('sub-dispatches to a level-2 unit whose result the lead unit reviews before reporting up', () => {
    const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00'))
      .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher)
      .do('signFor', {}, actors.leadHandler)
      .do('subDispatch', { subUnitId: 'chengguan-donghu', instructions: '请东湖大队现场处置' }, actors.leadHandler);
    assert.equal(run.state.status, 'subDispatched');
    const sub = run.state.assignments.find((a) => a.role === 'sub')!;
    assert.equal(sub.parentAssignmentId, run.state.leadAssignmentId);
    const subHandle = run.state.clocks.find((c) => c.key === `subHandle:${sub.id}`)!;
    assert.ok(subHandle.dueAt <= run.state.clocks.find((c) => c.key === 'handle')!.dueAt, "the sub-unit's deadline is within the lead's");
    assert.equal(refusal(() => run.do('reviewSubResult', { accept: true }, actors.leadHandler)).code, 'invalidState');
    assert.equal(refusal(() => run.do('submitResult', RESULT, actors.leadHandler)).code, 'invalidState', 'the lead waits for its sub-unit');
    run.do('signFor', {}, actors.subUnitHandler).do('submitResult', RESULT, actors.subUnitHandler);
    assert.equal(run.state.status, 'subDispatched');
    run.do('reviewSubResult', { accept: false, comment: '未附现场照片' }, actors.leadHandler);
    assert.ok(run.state.clocks.some((c) => c.key === `subHandle:${sub.id}`), 'the sub-unit works against a clock again');
    run.do('submitResult', RESULT, actors.subUnitHandler).do('reviewSubResult', { accept: true }, actors.leadLeader);
    assert.equal(run.state.status, 'signed');
    assert.equal(run.state.assignments.find((a) => a.id === sub.id)!.status, 'completed');
    run.do('submitResult', RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader).do('review', { accept: true }, actors.dispatcher);
    assert.equal(run.state.status, 'callback');
    assert.deepEqual(run.state.results.map((r) => [r.unitId, r.reviewOutcome]), [['chengguan-donghu', 'sentBack'], ['chengguan-donghu', 'accepted'], ['chengguan', 'accepted']]);
  });

  describe('refusals', () => {
    const dispatched = () => new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')).do('dispatch', DISPATCH, actors.dispatcher);
    const cases: [string, () => CaseRun, string, unknown, keyof typeof actors, 'forbidden' | 'invalidState' | 'invalidInput', RegExp][] = [
      ['operator dispatching', () => new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')), 'dispatch', DISPATCH, 'operator', 'forbidden', /requires the role dispatcher/],
      ['dispatch without a lead unit', () => new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')), 'dispatch', { assistUnitIds: [] }, 'dispatcher', 'invalidInput', /invalid dispatch input/],
      ['a lead unit assisting itself', () => new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')), 'dispatch', { leadUnitId: 'a', assistUnitIds: ['a'] }, 'dispatcher', 'invalidInput', /invalid dispatch input/],
      ['dispatching twice', dispatched, 'dispatch', DISPATCH, 'dispatcher', 'invalidState', /not possible while the case is dispatched/],
      ['another unit signing for', dispatched, 'signFor', {}, 'otherUnitHandler', 'forbidden', /has no part in this case/],
      ['an auditor signing for', dispatched, 'signFor', {}, 'auditor', 'forbidden', /requires the role unitHandler or unitLeader/],
      ['a result before signing for', dispatched, 'submitResult', RESULT, 'leadHandler', 'invalidState', /not possible while the case is dispatched/],
      ['an assisting unit submitting the result', () => dispatched().do('signFor', {}, actors.leadHandler), 'submitResult', RESULT, 'assistHandler', 'forbidden', /only the lead unit/],
      ['a handler approving the unit result', () => dispatched().do('signFor', {}, actors.leadHandler).do('submitResult', RESULT, actors.leadHandler), 'unitApprove', {}, 'leadHandler', 'forbidden', /requires the role unitLeader/],
      ['reviewing before the unit leader approved', () => dispatched().do('signFor', {}, actors.leadHandler).do('submitResult', RESULT, actors.leadHandler), 'review', { accept: true }, 'dispatcher', 'invalidState', /awaiting the unit leader/],
      ['an opinion before signing for', dispatched, 'submitAssistOpinion', { opinion: 'x' }, 'assistHandler', 'invalidState', /sign for the case before/],
      ['a callback before review', dispatched, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied' }, 'operator', 'invalidState', /not possible/],
      ['a callback without satisfaction', dispatched, 'recordCallback', { outcome: 'reached' }, 'operator', 'invalidInput', /invalid recordCallback input/],
      ['deciding an extension nobody asked for', dispatched, 'decideExtension', { approve: true, reason: 'x' }, 'dispatcher', 'invalidState', /no extension request/],
      ['re-review of an open case', dispatched, 'requestReReview', { reason: 'x' }, 'citizen', 'invalidState', /not possible while the case is dispatched/],
      ['a citizen urging', dispatched, 'urge', { reason: 'x' }, 'citizen', 'forbidden', /requires the role dispatcher or supervisor/],
      ['overriding a clock that is not running', dispatched, 'overrideDeadline', { clockKey: 'callback', dueAt: '2027-01-01T00:00:00+08:00', reason: 'x' }, 'supervisor', 'invalidState', /no running clock callback/],
      ['a sub-dispatch by an assisting unit', () => dispatched().do('signFor', {}, actors.leadHandler), 'subDispatch', { subUnitId: 'zhujian-wuye' }, 'assistHandler', 'forbidden', /only the lead unit/],
      ['a sub-dispatch before signing for', dispatched, 'subDispatch', { subUnitId: 'chengguan-donghu' }, 'leadHandler', 'invalidState', /not possible while the case is dispatched/],
      ['merging into itself', () => new CaseRun(registeredCase('2026021300001'), shanghai('2026-11-23 09:00')), 'merge', { intoCaseId: '2026021300001' }, 'operator', 'invalidInput', /merged into itself/],
    ];
    for (const [label, setup, command, input, actor, code, message] of cases) {
      it(`refuses ${label} (${code})`, () => {
        const run = setup();
        const before = JSON.stringify(run.state);
        const error = refusal(() => decide(run.state, command as never, input, actors[actor], contextAt(run.now)));
        assert.equal(error.code, code);
        assert.match(error.message, message);
        assert.equal(JSON.stringify(run.state), before);
      });
    }

    it('refuses every command on an archived case', () => {
      const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00')).do('reject', { reasonCode: 'emergency', reason: '属110警情，已告知拨打110' }, actors.operator);
      assert.equal(run.state.finished, true);
      assert.match(refusal(() => run.do('dispatch', DISPATCH, actors.dispatcher)).message, /takes no more commands/);
    });
  });
});
