// decideUnsatisfied: an unsatisfied callback no longer restarts handling by itself; the case waits
// on the office's clock for its decision (seed 001: 请示是否重新办理): rehandle (capped by a rule
// setting), close with an explanation, or 核减 (a supervisor judges the demand unreasonable; the
// case closes and leaves the assessment). Refusals change nothing.
import assert from 'node:assert/strict';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import { DEFAULT_SETTINGS, type LifecycleSettings, type RuleContext } from '../../rules/lifecycle/clocks';
import type { CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import type { Actor } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_RESULT } from '../support/lifecycle';

const UNSATISFIED = { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false, comment: '摊贩又回来了' };

/** A case run under chosen lifecycle settings (and, for old histories, the automatic rehandle). */
class Run extends CaseRun {
  constructor(public settings: Partial<LifecycleSettings> = DEFAULT_SETTINGS, public legacy = false) {
    // Monday 2026-11-23, 09:00 Shanghai.
    super(registeredCase(), shanghai('2026-11-23 09:00'));
  }
  ctx(): RuleContext {
    return { ...contextAt(this.now), settings: this.settings as LifecycleSettings, unsatisfiedRehandlesAtOnce: this.legacy };
  }
  override do(command: CommandName, input: unknown, actor: Actor): this {
    const decision = decide(this.state, command, input, actor, this.ctx());
    const events = stampEvents(this.state, decision.events, actor, this.now, decision.reason);
    this.events.push(...events);
    this.state = applyEvents(this.state, events);
    return this;
  }
  /** The lead's result up, accepted, and the citizen reached and unsatisfied. */
  handledAndUnsatisfied(): this {
    if (this.state.status === 'registered') this.do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher).do('signFor', {}, actors.leadHandler);
    return this.do('submitResult', SAMPLE_RESULT, actors.leadHandler)
      .do('unitApprove', {}, actors.leadLeader)
      .do('review', { accept: true }, actors.dispatcher)
      .do('recordCallback', UNSATISFIED, actors.operator);
  }
  refusal(input: unknown, actor: Actor): CommandRefusal {
    const before = JSON.stringify(this.state);
    try {
      this.do('decideUnsatisfied', input, actor);
    } catch (error) {
      assert.ok(error instanceof CommandRefusal, String(error));
      assert.equal(JSON.stringify(this.state), before, 'a refused decision changes nothing');
      return error;
    }
    assert.fail('the decision was accepted');
  }
}

const types = (run: CaseRun, from: number) => run.events.slice(from).map((e) => e.type);

describe('decideUnsatisfied', () => {
  it('an unsatisfied callback waits for the office on a clock of one working day, which warns yellow then red and escalates to no unit', () => {
    const run = new Run().handledAndUnsatisfied();
    assert.equal(run.state.status, 'awaitingUnsatisfiedDecision');
    assert.deepEqual(types(run, -2), ['callbackRecorded', 'unsatisfiedReferred']);
    assert.ok(!run.state.clocks.some((c) => c.key === 'callback' || c.key === 'handle'), 'the callback and handling clocks are over');
    const clock = run.state.clocks.find((c) => c.key === 'unsatisfiedDecision')!;
    // Referred Monday 09:00: one working day is the end of Tuesday 2026-11-24.
    assert.equal(clock.dueAt, endOfShanghaiDay('2026-11-24'));
    assert.equal(clock.yellowAt, run.now + Math.floor((clock.dueAt - run.now) * 0.8));
    assert.equal(run.state.counters.rehandles, 0, 'nothing restarted by itself');

    const seen = run.events.length;
    run.advanceTo(clock.yellowAt);
    assert.deepEqual(run.events.slice(seen).map((e) => [e.type, 'clockKey' in e ? e.clockKey : null, 'level' in e ? e.level : null]), [['warningChanged', 'unsatisfiedDecision', 'yellow']]);
    run.advanceTo(shanghai('2026-11-30 09:00'));
    assert.deepEqual(types(run, seen + 1), ['warningChanged'], 'red, and no urge or supervision: the clock is the office’s');
    assert.equal(run.state.clocks.find((c) => c.key === 'unsatisfiedDecision')!.level, 'red');
    assert.equal(run.state.warningLevel, 'green', 'the case’s light is its units’');
    assert.equal(run.state.status, 'awaitingUnsatisfiedDecision');
  });

  it('rehandle: the same lead unit handles again in a new round on a new handling clock; the decision clock stops', () => {
    const run = new Run().handledAndUnsatisfied();
    const round = run.state.round;
    const seen = run.events.length;
    run.now = shanghai('2026-11-24 10:00');
    run.do('decideUnsatisfied', { decision: 'rehandle', reason: '市民反映摊贩仍在，重新办理' }, actors.dispatcher);
    assert.deepEqual(types(run, seen), ['unsatisfiedDecided', 'rehandleStarted']);
    assert.equal(run.events.at(-2)!.reason, '市民反映摊贩仍在，重新办理');
    assert.equal(run.state.status, 'signed');
    assert.equal(run.state.round, round + 1);
    assert.equal(run.state.assignments.find((a) => a.id === run.state.leadAssignmentId)!.unitId, 'chengguan');
    const handle = run.state.clocks.find((c) => c.key === 'handle')!;
    assert.equal(handle.startedAt, shanghai('2026-11-24 10:00'));
    assert.ok(!run.state.clocks.some((c) => c.key === 'unsatisfiedDecision'));
    assert.deepEqual([run.state.counters.rehandles, run.state.counters.unsatisfiedRehandles], [1, 1]);
  });

  it('rehandles are capped by unsatisfied.maxRehandles: past the cap the office must close or mark the demand unreasonable', () => {
    const run = new Run().handledAndUnsatisfied();
    run.do('decideUnsatisfied', { decision: 'rehandle', reason: '第一次重办' }, actors.dispatcher).handledAndUnsatisfied();
    run.do('decideUnsatisfied', { decision: 'rehandle', reason: '第二次重办' }, actors.supervisor).handledAndUnsatisfied();
    const refused = run.refusal({ decision: 'rehandle', reason: '第三次重办' }, actors.supervisor);
    assert.equal(refused.code, 'invalidState');
    assert.match(refused.message, /already rehandled 2 times.*at most 2.*unsatisfied\.maxRehandles.*close it with an explanation or mark the demand unreasonable/);
    run.do('decideUnsatisfied', { decision: 'close', reason: '已两次重办，向市民解释政策' }, actors.dispatcher);
    assert.equal(run.state.status, 'closed');

    const none = new Run({ ...DEFAULT_SETTINGS, unsatisfiedMaxRehandles: 0 }).handledAndUnsatisfied();
    assert.match(none.refusal({ decision: 'rehandle', reason: '重办' }, actors.dispatcher).message, /at most 0/);
  });

  it('the cap counts the automatic rehandles of histories from before, and not the results sent back at review', () => {
    const run = new Run({ ...DEFAULT_SETTINGS, unsatisfiedMaxRehandles: 1 }, true).handledAndUnsatisfied();
    assert.equal(run.state.status, 'signed', 'before the patch an unsatisfied callback restarts handling at once');
    assert.equal(run.state.counters.unsatisfiedRehandles, 1);
    run.legacy = false;
    run.do('submitResult', SAMPLE_RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader).do('review', { accept: false, comment: '未说明依据' }, actors.dispatcher);
    run.handledAndUnsatisfied();
    assert.equal(run.state.counters.rehandles, 2);
    assert.match(run.refusal({ decision: 'rehandle', reason: '重办' }, actors.dispatcher).message, /already rehandled 1 times/);
  });

  it('close: the case closes with the explanation and the re-review window opens', () => {
    const run = new Run().handledAndUnsatisfied();
    const seen = run.events.length;
    run.do('decideUnsatisfied', { decision: 'close', reason: '摊贩已依法处理，属市民期望过高，已解释' }, actors.dispatcher);
    assert.deepEqual(types(run, seen), ['unsatisfiedDecided', 'closed']);
    const closed = run.events.at(-1)!;
    assert.ok(closed.type === 'closed' && closed.explanation === '摊贩已依法处理，属市民期望过高，已解释');
    assert.equal(run.state.status, 'closed');
    assert.equal(run.state.judgedUnreasonable, false);
    assert.ok(run.state.reReviewUntil !== null && run.state.clocks.some((c) => c.key === 'reReviewWindow'));
    assert.equal(run.state.satisfaction, 'unsatisfied');
  });

  it('unreasonable (核减): only a supervisor; the case closes judged unreasonable, and a reopening re-review clears it', () => {
    const run = new Run().handledAndUnsatisfied();
    const forbidden = run.refusal({ decision: 'unreasonable', reason: '诉求超出政策' }, actors.dispatcher);
    assert.equal(forbidden.code, 'forbidden');
    assert.match(forbidden.message, /supervisor/);
    run.do('decideUnsatisfied', { decision: 'unreasonable', reason: '诉求超出政策规定，予以核减' }, actors.supervisor);
    assert.equal(run.state.status, 'closed');
    assert.equal(run.state.judgedUnreasonable, true);
    run.do('requestReReview', { reason: '不服' }, actors.operator).do('decideReReview', { reopen: true, reason: '重新核实' }, actors.supervisor);
    assert.equal(run.state.status, 'signed');
    assert.equal(run.state.judgedUnreasonable, false);
  });

  it('refuses the wrong people, the wrong moment and bad input', () => {
    const run = new Run().handledAndUnsatisfied();
    for (const actor of [actors.operator, actors.leadHandler, actors.leadLeader, actors.auditor, actors.citizen]) {
      assert.equal(run.refusal({ decision: 'close', reason: '解释' }, actor).code, 'forbidden', actor.id);
    }
    assert.deepEqual(Object.keys(run.refusal({ decision: 'close' }, actors.dispatcher).fields!), ['reason']);
    assert.deepEqual(Object.keys(run.refusal({ decision: 'ignore', reason: '解释' }, actors.dispatcher).fields!), ['decision']);
    const callback = new Run().do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher).do('signFor', {}, actors.leadHandler)
      .do('submitResult', SAMPLE_RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader).do('review', { accept: true }, actors.dispatcher);
    assert.equal(callback.refusal({ decision: 'close', reason: '解释' }, actors.dispatcher).code, 'invalidState', 'no decision while the callback runs');
  });

  it('reads its settings’ defaults when the case’s rules were loaded before the settings existed', () => {
    const { unsatisfiedDecisionWorkingDays: _days, unsatisfiedMaxRehandles: _max, ...older } = DEFAULT_SETTINGS;
    const run = new Run(older).handledAndUnsatisfied();
    assert.equal(run.state.clocks.find((c) => c.key === 'unsatisfiedDecision')!.dueAt, endOfShanghaiDay('2026-11-24'));
    run.do('decideUnsatisfied', { decision: 'rehandle', reason: '重办' }, actors.dispatcher).handledAndUnsatisfied();
    run.do('decideUnsatisfied', { decision: 'rehandle', reason: '重办' }, actors.dispatcher).handledAndUnsatisfied();
    assert.match(run.refusal({ decision: 'rehandle', reason: '重办' }, actors.dispatcher).message, /at most 2/);
  });
});
