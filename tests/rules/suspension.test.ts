// suspend / resume (挂起 / 恢复): the clocks stop while the office waits for the citizen, a court
// or force majeure, and run again later by exactly the working days suspended. Dates are counted
// by hand on the 2026 calendar (National Day: 10-01..07 off, Sat 10-10 a working day).
import assert from 'node:assert/strict';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import { childEffects } from '../../rules/lifecycle/childEffects';
import { DEFAULT_SETTINGS, type RuleContext } from '../../rules/lifecycle/clocks';
import type { CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import type { Actor, Clock, PetitionState } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { noticesFor } from '../../workflows/petition/notices';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_RESULT } from '../support/lifecycle';

const otherLeader: Actor = { id: 'user-donghu-leader', roles: ['unitLeader'], unitId: 'donghu' };
const WAIT = { reasonKind: 'citizenMaterials', reason: '等待市民补充产权证明材料' };
const clock = (state: PetitionState, key: string): Clock => state.clocks.find((c) => c.key === key)!;

/** A case of `caseTypeCode` whose rules follow it (and settings that may differ from the seeded ones). */
class Run extends CaseRun {
  constructor(caseTypeCode: string, now: number, public settings = DEFAULT_SETTINGS) {
    const registered = registeredCase('2026092800001', now);
    super({ ...registered, profile: { ...registered.profile, caseTypeCode } }, now);
  }
  ctx(): RuleContext {
    return { ...contextAt(this.now, this.state.profile.caseTypeCode), settings: this.settings };
  }
  override do(command: CommandName, input: unknown, actor: Actor): this {
    const decision = decide(this.state, command, input, actor, this.ctx());
    const events = stampEvents(this.state, decision.events, actor, this.now, decision.reason);
    this.events.push(...events);
    this.state = applyEvents(this.state, events);
    return this;
  }
  at(local: string): this {
    this.now = shanghai(local);
    return this;
  }
  refusal(command: CommandName, input: unknown, actor: Actor): CommandRefusal {
    const before = JSON.stringify(this.state);
    try {
      decide(this.state, command, input, actor, this.ctx());
    } catch (error) {
      assert.ok(error instanceof CommandRefusal);
      assert.equal(JSON.stringify(this.state), before);
      return error;
    }
    throw new Error(`${command} was accepted`);
  }
}

/** Dispatched to 城管局 (and 住建局 assisting) on Mon 2026-09-28 10:00, both signed for at once. */
const signedOn0928 = (caseTypeCode: string, settings = DEFAULT_SETTINGS) =>
  new Run(caseTypeCode, shanghai('2026-09-28 10:00'), settings)
    .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher)
    .do('signFor', {}, actors.leadHandler)
    .do('signFor', {}, actors.assistHandler);

describe('suspend and resume', () => {
  it('across National Day: resumed on Fri 10-09, the clocks move by the two working days suspended (10-08, 10-09)', () => {
    const run = signedOn0928('complaint');
    // 15 working days from 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat, worked), 10-12..16 (10), 10-19..23 (15).
    assert.equal(clock(run.state, 'handle').dueAt, endOfShanghaiDay('2026-10-23'));
    assert.equal(clock(run.state, 'handle').yellowAt, endOfShanghaiDay('2026-10-22'));
    assert.equal(clock(run.state, 'returnWindow').dueAt, endOfShanghaiDay('2026-09-30'));
    const opinionDue = clock(run.state, `assistOpinion:${run.state.assignments[1]!.id}`).dueAt;
    // 3 working days: 09-29, 09-30, 10-08.
    assert.equal(opinionDue, endOfShanghaiDay('2026-10-08'));

    run.at('2026-09-30 14:00').do('suspend', { ...WAIT, workingDays: 5 }, actors.leadLeader);
    const { suspension } = run.state;
    assert.ok(suspension);
    // Planned end: the 5th working day after 09-30: 10-08, 10-09, 10-10, 10-12, 10-13.
    assert.deepEqual([suspension.resumeAt, suspension.suspendedAt, suspension.suspendedBy, suspension.reasonKind], [endOfShanghaiDay('2026-10-13'), shanghai('2026-09-30 14:00'), actors.leadLeader.id, 'citizenMaterials']);
    assert.ok(run.state.clocks.every((c) => c.pausedAt === shanghai('2026-09-30 14:00')), 'every running clock paused');

    // The return window, the opinion's deadline and the handling's yellow would all have passed: nothing fires.
    const eventsBefore = run.events.length;
    run.advanceTo(shanghai('2026-10-09 10:00'));
    assert.equal(run.events.length, eventsBefore, 'no warning, no window end while suspended');

    run.do('resume', { reason: '材料已补齐' }, actors.dispatcher);
    const resumed = run.events.at(-1)!;
    assert.equal(resumed.type, 'resumed');
    assert.equal(resumed.type === 'resumed' && resumed.workingDays, 2);
    assert.equal(run.state.suspension, null);
    assert.equal(run.state.suspendedWorkingDays, 2);
    // 10-23 + 2 working days: 10-26, 10-27. The yellow point: 10-22 + 2: 10-23, 10-26.
    assert.equal(clock(run.state, 'handle').dueAt, endOfShanghaiDay('2026-10-27'));
    assert.equal(clock(run.state, 'handle').yellowAt, endOfShanghaiDay('2026-10-26'));
    // Escalation: 5 working days after due (10-28..11-03), then 5 more (11-04..11-10).
    assert.equal(clock(run.state, 'handle').supervisorAt, endOfShanghaiDay('2026-11-03'));
    assert.equal(clock(run.state, 'handle').leadershipAt, endOfShanghaiDay('2026-11-10'));
    // 09-30 + 2: 10-08, 10-09; 10-08 + 2: 10-09, 10-10.
    assert.equal(clock(run.state, 'returnWindow').dueAt, endOfShanghaiDay('2026-10-09'));
    assert.equal(clock(run.state, `assistOpinion:${run.state.assignments[1]!.id}`).dueAt, endOfShanghaiDay('2026-10-10'));
    assert.ok(run.state.clocks.every((c) => c.pausedAt === null && c.suspendedWorkingDays === 2));
    assert.equal(run.state.warningLevel, 'green');

    // The unit is still inside its (moved) return window; the light turns yellow at the moved point, not before.
    assert.equal(decide(run.state, 'requestReturn', { reason: '不属本单位' }, actors.leadHandler, run.ctx()).events[0]!.type, 'returnRequested');
    run.advanceTo(shanghai('2026-10-26 23:00'));
    assert.equal(clock(run.state, 'handle').level, 'green');
    run.advanceTo(shanghai('2026-10-27 09:00'));
    assert.equal(clock(run.state, 'handle').level, 'yellow');
  });

  it('resumes by itself at the end of the last planned working day; no warning fires meanwhile, the moved ones fire later', () => {
    const run = signedOn0928('consultation');
    // 5 working days: 09-29, 09-30, 10-08, 10-09, 10-10; yellow at the end of the 4th.
    assert.equal(clock(run.state, 'handle').dueAt, endOfShanghaiDay('2026-10-10'));
    assert.equal(clock(run.state, 'handle').yellowAt, endOfShanghaiDay('2026-10-09'));
    run.at('2026-09-29 10:00').do('suspend', { reasonKind: 'forceMajeure', reason: '台风', workingDays: 5 }, actors.dispatcher);
    // 09-30, 10-08, 10-09, 10-10, 10-12.
    assert.equal(run.state.suspension!.resumeAt, endOfShanghaiDay('2026-10-12'));

    run.advanceTo(shanghai('2026-10-12 23:00'));
    assert.deepEqual(run.events.slice(-1).map((e) => e.type), ['suspended'], 'the old due date (10-10) passed without red or urge');
    assert.deepEqual([run.state.warningLevel, run.state.counters.urges], ['green', 0]);

    run.advanceTo(shanghai('2026-10-13 09:00'));
    const resumed = run.events.at(-1)!;
    assert.deepEqual([resumed.type, resumed.actor.id, resumed.at], ['resumed', 'system', endOfShanghaiDay('2026-10-12')]);
    assert.equal(run.state.suspendedWorkingDays, 5);
    // 10-10 + 5: 10-12, 13, 14, 15, 16; yellow 10-09 + 5: 10-10, 12, 13, 14, 15.
    assert.equal(clock(run.state, 'handle').dueAt, endOfShanghaiDay('2026-10-16'));
    assert.equal(clock(run.state, 'handle').yellowAt, endOfShanghaiDay('2026-10-15'));

    run.advanceTo(shanghai('2026-10-17 09:00'));
    assert.deepEqual(run.events.slice(-3).map((e) => e.type), ['warningChanged', 'warningChanged', 'urged']);
    assert.equal(run.events.at(-3)!.at, endOfShanghaiDay('2026-10-15'));
    assert.equal(run.events.at(-2)!.at, endOfShanghaiDay('2026-10-16') + 1);
  });

  it('resumed the same day: no working day suspended, the clocks unchanged but running', () => {
    const run = signedOn0928('complaint');
    const before = clock(run.state, 'handle');
    run.at('2026-09-29 09:00').do('suspend', { ...WAIT, workingDays: 2 }, actors.dispatcher).at('2026-09-29 17:00').do('resume', {}, actors.leadLeader);
    const after = clock(run.state, 'handle');
    assert.deepEqual([after.dueAt, after.yellowAt, after.pausedAt, run.state.suspendedWorkingDays], [before.dueAt, before.yellowAt, null, 0]);
    assert.equal(run.events.at(-1)!.reason, null, 'the note is optional');
  });

  it('the lead unit’s result resumes the case first: it is judged against the moved deadline', () => {
    const run = signedOn0928('complaint').at('2026-09-30 14:00').do('suspend', { ...WAIT, workingDays: 5 }, actors.dispatcher);
    run.at('2026-10-09 15:00').do('submitResult', SAMPLE_RESULT, actors.leadHandler);
    assert.deepEqual(run.events.slice(-2).map((e) => [e.type, e.actor.id]), [['resumed', actors.leadHandler.id], ['resultSubmitted', actors.leadHandler.id]]);
    assert.equal(run.state.status, 'resultSubmitted');
    run.do('unitApprove', {}, actors.leadLeader);
    assert.equal(run.state.results.at(-1)!.handleDueAt, endOfShanghaiDay('2026-10-27'));
  });

  it('a dispatcher or the lead’s leader suspends up to the approval threshold in total; a supervisor beyond; no one beyond the maximum', () => {
    const run = signedOn0928('complaint').at('2026-09-29 10:00');
    const forbidden = run.refusal('suspend', { ...WAIT, workingDays: 6 }, actors.dispatcher);
    assert.equal(forbidden.code, 'forbidden');
    assert.match(forbidden.message, /more than 5 working days in total needs a supervisor/);
    assert.equal(run.refusal('suspend', { ...WAIT, workingDays: 6 }, actors.leadLeader).code, 'forbidden');
    const tooLong = run.refusal('suspend', { ...WAIT, workingDays: 31 }, actors.supervisor);
    assert.deepEqual([tooLong.code, tooLong.fields], ['invalidInput', { workingDays: 'at most 30' }]);
    assert.equal(run.refusal('suspend', { ...WAIT, workingDays: 3 }, actors.leadHandler).code, 'forbidden', 'a handler does not suspend');
    assert.equal(run.refusal('suspend', { ...WAIT, workingDays: 3 }, otherLeader).code, 'forbidden', 'nor another unit’s leader');
    assert.equal(run.refusal('suspend', { reasonKind: 'weather', reason: '?', workingDays: 0 }, actors.dispatcher).code, 'invalidInput');
    assert.equal(run.refusal('resume', {}, actors.dispatcher).code, 'invalidState', 'not suspended');

    // 3 days used (09-30, 10-08, 10-09 as planned): 2 more are the dispatcher's, 3 more need a supervisor.
    run.do('suspend', { ...WAIT, workingDays: 3 }, actors.dispatcher).advanceTo(shanghai('2026-10-10 09:00'));
    assert.deepEqual([run.state.suspension, run.state.suspendedWorkingDays], [null, 3]);
    assert.equal(run.refusal('suspend', { ...WAIT, workingDays: 3 }, actors.dispatcher).code, 'forbidden');
    run.do('suspend', { ...WAIT, workingDays: 27 }, actors.supervisor);
    assert.equal(run.refusal('suspend', { ...WAIT, workingDays: 1 }, actors.supervisor).message, 'the case is already suspended');
    run.advanceTo(run.state.suspension!.resumeAt + 60_000);
    assert.equal(run.state.suspendedWorkingDays, 30);
    const used = run.refusal('suspend', { ...WAIT, workingDays: 1 }, actors.supervisor);
    assert.equal(used.code, 'invalidState', 'all 30 working days used: no suspension is possible any more');
  });

  it('the thresholds are rule settings', () => {
    const run = signedOn0928('complaint', { ...DEFAULT_SETTINGS, suspensionApprovalAboveWorkingDays: 10, suspensionMaxTotalWorkingDays: 12 }).at('2026-09-29 10:00');
    assert.equal(run.refusal('suspend', { ...WAIT, workingDays: 13 }, actors.supervisor).fields?.workingDays, 'at most 12');
    run.do('suspend', { ...WAIT, workingDays: 10 }, actors.dispatcher);
    assert.equal(run.state.suspension!.workingDays, 10);
  });

  it('refuses with 409 what would move or start a paused clock, and takes what does not', () => {
    const run = signedOn0928('complaint').at('2026-09-30 14:00').do('suspend', { ...WAIT, workingDays: 5 }, actors.dispatcher);
    for (const [command, input, actor] of [
      ['urge', { reason: '请加快' }, actors.dispatcher],
      ['supervise', { content: '督办' }, actors.supervisor],
      ['overrideDeadline', { clockKey: 'handle', dueAt: '2026-12-31T18:00:00+08:00', reason: '领导交办' }, actors.supervisor],
      ['reclassify', { caseTypeCode: 'report', categoryId: 'cat-urban.street-vending', urgency: 'normal', reason: '属举报' }, actors.dispatcher],
      ['requestExtension', { workingDays: 2, reason: '需勘验' }, actors.leadHandler],
      ['requestReturn', { reason: '不属本单位' }, actors.leadHandler],
      ['subDispatch', { subUnitId: 'chengguan-donghu' }, actors.leadHandler],
    ] as const) {
      const refusal = run.refusal(command, input, actor);
      assert.deepEqual([command, refusal.code], [command, 'invalidState']);
      assert.match(refusal.message, /suspended/);
    }
    assert.equal(run.refusal('urge', { reason: '请加快' }, actors.operator).code, 'forbidden', 'the role is checked before the state');
    run.do('recordContact', { means: 'phone', contactedAt: new Date(run.now).toISOString() }, actors.leadHandler);
    run.do('submitAssistOpinion', { opinion: '同意' }, actors.assistHandler);
    assert.ok(run.state.suspension, 'still suspended');
  });

  it('tells the citizen, and the assisting unit’s child workflow that its clock paused and moved', () => {
    const run = signedOn0928('complaint').at('2026-09-30 14:00').do('suspend', { ...WAIT, workingDays: 5 }, actors.dispatcher);
    const open = { open: () => true, isOpen: () => true };
    const assist = run.state.assignments[1]!;
    const beforeResume = run.state;
    assert.deepEqual(noticesFor(run.state, run.events.slice(-1)).map((n) => [n.template, n.to, n.params]), [
      ['sms.suspendedNotice', { citizen: true }, { reason: WAIT.reason, resumeAt: '2026-10-13 23:59' }],
    ]);
    run.at('2026-10-09 10:00').do('resume', {}, actors.dispatcher);
    assert.deepEqual(noticesFor(run.state, run.events.slice(-1)).map((n) => [n.template, n.params]), [['sms.resumedNotice', { dueAt: '2026-10-27 23:59' }]]);
    const effects = childEffects(beforeResume, run.state, run.events.slice(-1), { callbacks: open, assists: open });
    assert.deepEqual(effects.map((e) => e.kind === 'unitClocksChanged' && [e.assignmentId, e.clocks.map((c) => [c.key, c.dueAt, c.pausedAt])]), [
      [assist.id, [[`assistOpinion:${assist.id}`, endOfShanghaiDay('2026-10-10'), null]]],
    ]);
  });
});
