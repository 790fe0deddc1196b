// Supervision notices answered (督办回复): each notice carries a reply clock of
// `supervision.replyWorkingDays` working days; the unit answers, the office evaluates (a rejected
// reply re-opens the notice with a new clock); an unanswered notice escalates, level 1 → level 2
// → leadership. Dates counted by hand on the 2026 calendar; refusals change nothing.
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../rules/lifecycle/clocks';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import { startReplyClock, withReplyClocks } from '../../rules/lifecycle/supervision';
import type { Actor } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_DISPATCH, SAMPLE_RESULT } from '../support/lifecycle';

/** Signed for on Monday 2026-11-23; the supervisor's notice at 10:00 the same day (the case's fifth event). */
function supervised(): CaseRun {
  const run = new CaseRun(registeredCase(), shanghai('2026-11-23 09:00'));
  run.do('dispatch', SAMPLE_DISPATCH, actors.dispatcher).do('signFor', {}, actors.leadHandler).do('signFor', {}, actors.assistHandler);
  run.now = shanghai('2026-11-23 10:00');
  return run.do('supervise', { content: '请于两日内报告处置进展' }, actors.supervisor);
}
const NOTICE = '2026021300001-V5';

function refusal(run: CaseRun, command: 'answerSupervision' | 'evaluateSupervisionAnswer', input: unknown, actor: Actor): CommandRefusal {
  const before = JSON.stringify(run.state);
  try {
    decide(run.state, command, input, actor, contextAt(run.now));
  } catch (error) {
    assert.ok(error instanceof CommandRefusal);
    assert.equal(JSON.stringify(run.state), before);
    return error;
  }
  assert.fail(`${command} was accepted`);
}

describe('supervision replies', () => {
  it('gives a notice a reply clock of 2 working days, yellow one working day before', () => {
    const run = supervised();
    const notice = run.state.supervisionNotices![0]!;
    assert.deepEqual([notice.id, notice.unitId, notice.level, notice.status, notice.issuedBy], [NOTICE, 'chengguan', 1, 'awaitingReply', 'user-supervisor']);
    const clock = run.state.clocks.find((c) => c.key === `supervisionReply:${NOTICE}`)!;
    // Counted from the next day: Tue 11-24 (1), Wed 11-25 (2).
    assert.equal(clock.dueAt, endOfShanghaiDay('2026-11-25'));
    assert.equal(notice.replyDueAt, clock.dueAt);
    assert.equal(clock.yellowAt, endOfShanghaiDay('2026-11-24'));
    assert.equal(run.state.counters.supervisions, 1);
    run.advanceTo(clock.yellowAt);
    assert.equal(run.state.clocks.find((c) => c.key === clock.key)!.level, 'yellow');
    assert.equal(run.state.warningLevel, 'green', 'the reply clock is not the case’s duty light');
  });

  it('takes its limit from supervision.replyWorkingDays (a one-day limit turns yellow at 80 %), the default when the rules predate it', () => {
    const now = shanghai('2026-11-27 10:00'); // a Friday: day 1 is Monday 11-30
    const base = contextAt(now);
    const oneDay = startReplyClock('N1', 'chengguan', { ...base, settings: { ...DEFAULT_SETTINGS, supervisionReplyWorkingDays: 1 } });
    assert.equal(oneDay.dueAt, endOfShanghaiDay('2026-11-30'));
    assert.equal(oneDay.yellowAt, now + Math.floor((oneDay.dueAt - now) * 0.8));
    const { supervisionReplyWorkingDays: _absent, ...older } = DEFAULT_SETTINGS;
    const byDefault = startReplyClock('N1', 'chengguan', { ...base, settings: older as typeof DEFAULT_SETTINGS });
    assert.equal(byDefault.dueAt, endOfShanghaiDay('2026-12-01'));
    const urge = { type: 'urged', urgeId: 'U1', unitId: 'chengguan', clockKey: null, automatic: false } as const;
    assert.deepEqual(withReplyClocks([urge], base), [urge], 'only notices get a reply clock');
  });

  it('escalates an unanswered level-1 notice to a level-2 notice to the same unit at the first instant past its reply deadline, then to leadership', () => {
    const run = supervised();
    const firstDue = endOfShanghaiDay('2026-11-25');
    run.advanceTo(firstDue);
    assert.equal(run.state.supervisionNotices!.length, 1, 'nothing happens while the deadline holds');
    run.advanceTo(firstDue + 1);
    const escalated = run.events.at(-2)!;
    const second = run.events.at(-1)!;
    assert.equal(escalated.type, 'supervisionEscalated');
    assert.deepEqual(escalated.type === 'supervisionEscalated' && [escalated.noticeId, escalated.unitId, escalated.to, escalated.at, escalated.actor.id], [NOTICE, 'chengguan', 'level2', firstDue + 1, 'system']);
    assert.ok(second.type === 'supervised' && second.level === 2 && second.automatic && second.unitId === 'chengguan');
    const [first, level2] = run.state.supervisionNotices!;
    assert.deepEqual([first!.status, first!.escalatedTo], ['escalated', 'level2']);
    assert.ok(!run.state.clocks.some((c) => c.key === `supervisionReply:${NOTICE}`));
    // Its own reply clock from 11-26 00:00: Fri 11-27 (1), Mon 11-30 (2).
    assert.equal(level2!.replyDueAt, endOfShanghaiDay('2026-11-30'));
    assert.equal(run.state.escalationLevel, 0);
    run.advanceTo(level2!.replyDueAt + 1);
    assert.deepEqual([run.state.supervisionNotices![1]!.status, run.state.supervisionNotices![1]!.escalatedTo], ['escalated', 'leadership']);
    assert.equal(run.state.escalationLevel, 3, 'leadership');
    assert.equal(run.state.supervisionNotices!.length, 2, 'leadership is the last step');
    run.advanceTo(shanghai('2026-12-31 12:00'));
    const ids = [NOTICE, level2!.id];
    assert.equal(run.events.filter((e) => e.type === 'supervisionEscalated' && ids.includes(e.noticeId)).length, 2);
  });

  it('does not escalate a notice answered before its deadline; the reply stops its clock', () => {
    const run = supervised();
    run.now = shanghai('2026-11-25 17:00');
    run.do('answerSupervision', { noticeId: NOTICE, reply: '已约谈摊主，限期三日整改' }, actors.leadLeader);
    const notice = run.state.supervisionNotices![0]!;
    assert.deepEqual([notice.status, notice.reply, notice.repliedAt, notice.repliedBy], ['answered', '已约谈摊主，限期三日整改', run.now, 'user-leader']);
    assert.ok(!run.state.clocks.some((c) => c.name === 'supervisionReply'));
    assert.equal(run.events.at(-1)!.reason, '已约谈摊主，限期三日整改', 'audited with the reply');
    run.advanceTo(shanghai('2026-12-10 12:00'));
    assert.ok(!run.events.some((e) => e.type === 'supervisionEscalated' && e.noticeId === NOTICE));
  });

  it('lets the office accept a reply, or reject it with a comment, which re-opens the notice with a new reply deadline', () => {
    const accepted = supervised().do('answerSupervision', { noticeId: NOTICE, reply: '已处理' }, actors.leadHandler);
    accepted.do('evaluateSupervisionAnswer', { noticeId: NOTICE, accepted: true }, actors.dispatcher);
    assert.deepEqual(
      (({ status, accepted: ok, evaluatedBy, evaluationComment }) => ({ status, ok, evaluatedBy, evaluationComment }))(accepted.state.supervisionNotices![0]!),
      { status: 'accepted', ok: true, evaluatedBy: 'user-dispatcher', evaluationComment: null },
    );

    const rejected = supervised().do('answerSupervision', { noticeId: NOTICE, reply: '正在处理' }, actors.leadHandler);
    rejected.now = shanghai('2026-11-26 15:00'); // Thursday: Fri 11-27 (1), Mon 11-30 (2)
    rejected.do('evaluateSupervisionAnswer', { noticeId: NOTICE, accepted: false, comment: '未说明整改措施和时限' }, actors.supervisor);
    const reopened = rejected.state.supervisionNotices![0]!;
    assert.deepEqual([reopened.status, reopened.accepted, reopened.evaluationComment, reopened.reply], ['awaitingReply', false, '未说明整改措施和时限', '正在处理']);
    assert.equal(reopened.replyDueAt, endOfShanghaiDay('2026-11-30'));
    assert.equal(rejected.state.clocks.find((c) => c.key === `supervisionReply:${NOTICE}`)!.dueAt, reopened.replyDueAt);
    rejected.do('answerSupervision', { noticeId: NOTICE, reply: '已取缔占道摊点，恢复通行' }, actors.leadHandler);
    assert.deepEqual([rejected.state.supervisionNotices![0]!.status, rejected.state.supervisionNotices![0]!.accepted], ['answered', null], 'the new reply waits for its evaluation');
  });

  it('refuses other units, other roles, a second reply, an evaluation without a reply and a finished case, with reasons', () => {
    const run = supervised();
    assert.equal(refusal(run, 'answerSupervision', { noticeId: NOTICE, reply: '已处理' }, actors.assistHandler).code, 'forbidden');
    assert.equal(refusal(run, 'answerSupervision', { noticeId: NOTICE, reply: '已处理' }, actors.supervisor).code, 'forbidden');
    const unknown = refusal(run, 'answerSupervision', { noticeId: 'nope', reply: '已处理' }, actors.leadHandler);
    assert.deepEqual([unknown.code, unknown.fields], ['invalidInput', { noticeId: 'no such notice on this case' }]);
    assert.equal(refusal(run, 'answerSupervision', { noticeId: NOTICE, reply: '' }, actors.leadHandler).code, 'invalidInput');
    assert.equal(refusal(run, 'evaluateSupervisionAnswer', { noticeId: NOTICE, accepted: true }, actors.dispatcher).code, 'invalidState');
    run.do('answerSupervision', { noticeId: NOTICE, reply: '已处理' }, actors.leadHandler);
    const twice = refusal(run, 'answerSupervision', { noticeId: NOTICE, reply: '再次答复' }, actors.leadHandler);
    assert.deepEqual([twice.code, twice.message], ['invalidState', `supervision notice ${NOTICE} is already answered`]);
    assert.equal(refusal(run, 'evaluateSupervisionAnswer', { noticeId: NOTICE, accepted: true }, actors.leadLeader).code, 'forbidden');
    assert.equal(refusal(run, 'evaluateSupervisionAnswer', { noticeId: NOTICE, accepted: false }, actors.dispatcher).code, 'invalidInput', 'a rejection says why');
    assert.equal(refusal(new CaseRun(registeredCase(), run.now), 'answerSupervision', { noticeId: NOTICE, reply: '已处理' }, actors.leadHandler).code, 'invalidState', 'no notice on the case');

    const closed = supervised().do('submitResult', SAMPLE_RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader)
      .do('review', { accept: true }, actors.dispatcher).do('recordCallback', { outcome: 'reached', satisfaction: 'satisfied' }, actors.operator);
    assert.equal(closed.state.status, 'closed');
    assert.ok(!closed.state.clocks.some((c) => c.name === 'supervisionReply'), 'closing drops the reply clocks');
    const finished = refusal(closed, 'answerSupervision', { noticeId: NOTICE, reply: '已处理' }, actors.leadHandler);
    assert.deepEqual([finished.code, finished.message], ['invalidState', 'answerSupervision is not possible: the case is closed']);
    closed.advanceTo(shanghai('2026-12-10 12:00'));
    assert.ok(!closed.events.some((e) => e.type === 'supervisionEscalated' && e.noticeId === NOTICE), 'a closed case’s notices no longer escalate');
  });

  it('keeps a reply clock through a reclassification (its limit is a setting, not a policy of the profile)', () => {
    const run = supervised();
    const before = run.state.clocks.find((c) => c.name === 'supervisionReply')!;
    const ctx = { ...contextAt(run.now), reclassifyTo: { categoryLineage: [], policies: contextAt(run.now, 'report').policies } };
    const decision = decide(run.state, 'reclassify', { caseTypeCode: 'report', categoryId: null, urgency: 'normal', reason: '经核实属举报' }, actors.dispatcher, ctx);
    const event = decision.events[0]!;
    assert.ok(event.type === 'reclassified' && event.clocks.some((c) => c.key === 'handle') && !event.clocks.some((c) => c.key === before.key));
  });
});
