// Sub-dispatch down the tree (issue 19): several sub-units, a third level and no fourth, each
// level reviewing the one below before its own result goes up, and deadlines a set number of
// working days before the parent's, counted by hand here over National Day 2026.
import assert from 'node:assert/strict';
import { recomputeClock } from '../../rules/lifecycle/clocks';
import { decide } from '../../rules/lifecycle/decide';
import { alignedSubClocks } from '../../rules/lifecycle/subUnits';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import type { Actor, Clock } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { workingDaysBefore } from '../../rules/limits';
import { shanghai, calendar2025to2026 } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_RESULT } from '../support/lifecycle';

const donghu: Actor = actors.subUnitHandler; // chengguan-donghu, level 2
const xihu: Actor = { id: 'user-cg-xihu', roles: ['unitHandler'], unitId: 'chengguan-xihu' }; // level 2
const squad: Actor = { id: 'user-cg-donghu-1', roles: ['unitHandler'], unitId: 'chengguan-donghu-1' }; // level 3

function refusal(run: CaseRun, command: string, input: unknown, actor: Actor): CommandRefusal {
  const before = JSON.stringify(run.state);
  try {
    decide(run.state, command as never, input, actor, { ...contextAt(run.now), ...run.context });
  } catch (error) {
    assert.ok(error instanceof CommandRefusal, String(error));
    assert.equal(JSON.stringify(run.state), before, 'nothing changes on refusal');
    return error;
  }
  assert.fail(`${command} was accepted`);
}

const clockOf = (run: CaseRun, key: string): Clock => run.state.clocks.find((c) => c.key === key)!;
const assignmentOf = (run: CaseRun, unitId: string) => run.state.assignments.filter((a) => a.unitId === unitId).at(-1)!;

/** A complaint (15 working days) dispatched on Monday 2026-09-14 and signed for: due at the end of Saturday 10-10, a 调休 working day. */
function signed(): CaseRun {
  return new CaseRun(registeredCase(), shanghai('2026-09-14 09:00'))
    .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher)
    .do('signFor', {}, actors.leadHandler);
}

describe('sub-dispatch down the tree', () => {
  it('counts the lead’s deadline over National Day, as the tests below assume', () => {
    // 09-15..18 (4), 09-20 Sunday worked (5), 09-21..24 (9), 09-25 Mid-Autumn off, 09-28..30 (12), 10-01..07 off, 10-08, 10-09, 10-10 Saturday worked (15).
    assert.equal(clockOf(signed(), 'handle').dueAt, endOfShanghaiDay('2026-10-10'));
  });

  it('gives each sub-unit a deadline 2 working days before its parent’s, over the holiday and the worked Saturday', () => {
    const run = signed().do('subDispatch', { subUnitIds: ['chengguan-donghu', 'chengguan-xihu'], instructions: '请分片核查' }, actors.leadHandler);
    assert.equal(run.state.status, 'subDispatched');
    const subs = run.state.assignments.filter((a) => a.role === 'sub');
    assert.deepEqual(subs.map((a) => [a.unitId, a.parentAssignmentId]), [['chengguan-donghu', run.state.leadAssignmentId], ['chengguan-xihu', run.state.leadAssignmentId]]);
    assert.equal(new Set(subs.map((a) => a.id)).size, 2);
    // Before Saturday 10-10: Friday 10-09 (1), Thursday 10-08 (2).
    for (const sub of subs) assert.equal(clockOf(run, `subHandle:${sub.id}`).dueAt, endOfShanghaiDay('2026-10-08'));

    run.now = shanghai('2026-09-16 10:00');
    run.do('signFor', {}, donghu).do('subDispatch', { subUnitIds: ['chengguan-donghu-1'] }, donghu);
    const third = assignmentOf(run, 'chengguan-donghu-1');
    assert.equal(third.parentAssignmentId, assignmentOf(run, 'chengguan-donghu').id);
    const thirdClock = clockOf(run, `subHandle:${third.id}`);
    // Before Thursday 10-08: 10-01..07 are holidays, so Wednesday 09-30 (1), Tuesday 09-29 (2).
    assert.equal(thirdClock.dueAt, endOfShanghaiDay('2026-09-29'));
    // The warning keeps the handling policy's share of the span (80 %).
    assert.equal(thirdClock.yellowAt, shanghai('2026-09-16 10:00') + Math.floor((endOfShanghaiDay('2026-09-29') - shanghai('2026-09-16 10:00')) * 0.8));
  });

  it('never sets a deadline before the sub-dispatch itself: then the parent’s', () => {
    const run = signed().do('subDispatch', { subUnitIds: ['chengguan-donghu'] }, actors.leadHandler).do('signFor', {}, donghu);
    run.now = shanghai('2026-09-30 10:00'); // after the end of 09-29, which 2 working days before 10-08 would give
    run.do('subDispatch', { subUnitIds: ['chengguan-donghu-1'] }, donghu);
    assert.equal(clockOf(run, `subHandle:${assignmentOf(run, 'chengguan-donghu-1').id}`).dueAt, endOfShanghaiDay('2026-10-08'));
  });

  it('moves every level’s deadline when the lead’s is extended or overridden', () => {
    const run = signed().do('subDispatch', { subUnitIds: ['chengguan-donghu'] }, actors.leadHandler).do('signFor', {}, donghu).do('subDispatch', { subUnitIds: ['chengguan-donghu-1'] }, donghu);
    const second = `subHandle:${assignmentOf(run, 'chengguan-donghu').id}`;
    const third = `subHandle:${assignmentOf(run, 'chengguan-donghu-1').id}`;
    run.do('requestExtension', { workingDays: 2, reason: '需现场勘验' }, actors.leadHandler).do('decideExtension', { approve: true, reason: '同意' }, actors.dispatcher);
    // The lead: 10-12, 10-13. Level 2: before Tuesday 10-13, Monday 10-12 (1), Saturday 10-10 (2). Level 3: before 10-10, 10-09 (1), 10-08 (2).
    assert.equal(clockOf(run, 'handle').dueAt, endOfShanghaiDay('2026-10-13'));
    assert.deepEqual([clockOf(run, second).dueAt, clockOf(run, third).dueAt], [endOfShanghaiDay('2026-10-10'), endOfShanghaiDay('2026-10-08')]);
    assert.deepEqual(run.events.at(-1)!.type, 'deadlinesRecomputed', 'recorded, and told to the sub-units’ child workflows');

    // A supervisor's deadline for level 2 is its own from then on; level 3 follows it.
    run.do('overrideDeadline', { clockKey: second, dueAt: '2026-10-20T18:00:00+08:00', reason: '领导交办' }, actors.supervisor);
    assert.equal(clockOf(run, second).dueAt, Date.parse('2026-10-20T18:00:00+08:00'));
    // Before Tuesday 10-20: 10-19 (1), Friday 10-16 (2), at the same time of day.
    assert.equal(clockOf(run, third).dueAt, Date.parse('2026-10-16T18:00:00+08:00'));
    run.do('overrideDeadline', { clockKey: 'handle', dueAt: '2026-10-30T18:00:00+08:00', reason: '领导交办' }, actors.supervisor);
    assert.equal(clockOf(run, second).dueAt, Date.parse('2026-10-20T18:00:00+08:00'), 'the overridden level no longer follows the lead');
  });

  it('moves every level’s deadline with a calendar change, as the workflow recomputes it', () => {
    const run = signed().do('subDispatch', { subUnitIds: ['chengguan-donghu'] }, actors.leadHandler).do('signFor', {}, donghu).do('subDispatch', { subUnitIds: ['chengguan-donghu-1'] }, donghu);
    const base = calendar2025to2026();
    const changed = { ...base, exceptions: { ...base.exceptions, '2026-09-29': false } }; // Tuesday 09-29 made a holiday
    const ctx = { ...contextAt(run.now), calendar: changed };
    const clocks = alignedSubClocks(run.state.clocks.map((c) => recomputeClock(c, ctx)), ctx);
    const due = (unitId: string) => clocks.find((c) => c.key === `subHandle:${assignmentOf(run, unitId).id}`)!.dueAt;
    // The lead: 09-28 (10), 09-30 (11), 10-08, 10-09, 10-10 (14), 10-12 (15). Level 2: 10-10 (1), 10-09 (2). Level 3: 10-08 (1), 09-30 (2).
    assert.equal(clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-10-12'));
    assert.deepEqual([due('chengguan-donghu'), due('chengguan-donghu-1')], [endOfShanghaiDay('2026-10-09'), endOfShanghaiDay('2026-09-30')]);
  });

  it('has each level review the one below before its own result goes up, the lead last', () => {
    const run = signed().do('subDispatch', { subUnitIds: ['chengguan-donghu', 'chengguan-xihu'] }, actors.leadHandler);
    run.do('signFor', {}, donghu).do('subDispatch', { subUnitIds: ['chengguan-donghu-1'] }, donghu).do('signFor', {}, squad);
    assert.equal(assignmentOf(run, 'chengguan-donghu').status, 'subDispatched');

    assert.match(refusal(run, 'subDispatch', { subUnitIds: ['chengguan-donghu-1-a'] }, squad).message, /no fourth level/);
    assert.equal(refusal(run, 'subDispatch', { subUnitIds: ['chengguan-donghu-1-a'] }, squad).code, 'invalidState');
    assert.equal(refusal(run, 'subDispatch', { subUnitIds: ['chengguan-xihu'] }, actors.leadHandler).code, 'invalidInput', 'a unit already at work');
    assert.match(refusal(run, 'submitResult', SAMPLE_RESULT, actors.leadHandler).message, /waiting for the sub-units' results \(chengguan-donghu, chengguan-xihu\)/);
    assert.equal(refusal(run, 'submitResult', SAMPLE_RESULT, donghu).code, 'invalidState', 'level 2 waits for level 3');
    assert.equal(refusal(run, 'reviewSubResult', { accept: true }, squad).code, 'invalidState', 'level 3 has nobody to review');

    run.do('submitResult', SAMPLE_RESULT, squad);
    assert.equal(refusal(run, 'reviewSubResult', { accept: true }, actors.leadHandler).code, 'invalidState', 'the lead reviews its own sub-units only');
    run.do('reviewSubResult', { accept: true }, donghu);
    assert.deepEqual([assignmentOf(run, 'chengguan-donghu-1').status, assignmentOf(run, 'chengguan-donghu').status, run.state.status], ['completed', 'signed', 'subDispatched']);

    run.do('submitResult', SAMPLE_RESULT, donghu).do('signFor', {}, xihu).do('submitResult', SAMPLE_RESULT, xihu);
    const several = refusal(run, 'reviewSubResult', { accept: true }, actors.leadHandler);
    assert.equal(several.code, 'invalidInput');
    assert.match(several.message, /name the sub-assignment/);
    run.do('reviewSubResult', { assignmentId: assignmentOf(run, 'chengguan-donghu').id, accept: true }, actors.leadHandler);
    assert.equal(run.state.status, 'subDispatched', 'one sub-unit is still at work');
    run.do('reviewSubResult', { accept: false, comment: '未附照片' }, actors.leadLeader);
    assert.equal(assignmentOf(run, 'chengguan-xihu').status, 'signed');
    assert.equal(clockOf(run, `subHandle:${assignmentOf(run, 'chengguan-xihu').id}`).dueAt, endOfShanghaiDay('2026-10-08'), 'sent back: a new clock, again before the lead’s');
    run.do('submitResult', SAMPLE_RESULT, xihu).do('reviewSubResult', { accept: true }, actors.leadHandler);
    assert.deepEqual([run.state.status, assignmentOf(run, 'chengguan').status], ['signed', 'signed']);
    run.do('submitResult', SAMPLE_RESULT, actors.leadHandler);
    assert.equal(run.state.status, 'resultSubmitted');
  });

  it('keeps one sub-unit under the lead, due with the lead, for a case started before the patch', () => {
    const run = signed();
    run.context = { legacySubDispatch: true };
    assert.equal(refusal(run, 'subDispatch', { subUnitIds: ['chengguan-donghu', 'chengguan-xihu'] }, actors.leadHandler).code, 'invalidInput');
    run.do('subDispatch', { subUnitId: 'chengguan-donghu' }, actors.leadHandler).do('signFor', {}, donghu);
    assert.equal(clockOf(run, `subHandle:${assignmentOf(run, 'chengguan-donghu').id}`).dueAt, endOfShanghaiDay('2026-10-10'), 'capped at the lead’s');
    assert.match(refusal(run, 'subDispatch', { subUnitIds: ['chengguan-donghu-1'] }, donghu).message, /not possible while the case is with a sub-unit/, 'no third level');
    assert.match(refusal(run, 'subDispatch', { subUnitIds: ['chengguan-xihu'] }, actors.leadHandler).message, /not possible while the case is with a sub-unit/, 'no second sub-unit');
  });

  it('counts working days back from a deadline with the calendar', () => {
    const calendar = calendar2025to2026();
    // Spring Festival 2026: 02-15..23 off, Saturday 02-14 worked; so before Tuesday 02-24: 02-14 (1), Friday 02-13 (2).
    assert.equal(workingDaysBefore(endOfShanghaiDay('2026-02-24'), 1, calendar).dueAt, endOfShanghaiDay('2026-02-14'));
    assert.equal(workingDaysBefore(endOfShanghaiDay('2026-02-24'), 2, calendar).dueAt, endOfShanghaiDay('2026-02-13'));
    assert.equal(workingDaysBefore(endOfShanghaiDay('2026-10-12'), 0, calendar).dueAt, endOfShanghaiDay('2026-10-12'));
  });
});
