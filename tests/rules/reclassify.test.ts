// reclassify: the office changes a case's type, category or urgency before the lead unit's
// result goes up. Running clocks keep their start (time already used counts) and take the new
// profile's limits; refusals change nothing. Dates are counted by hand on the 2026 calendar.
import assert from 'node:assert/strict';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import type { RuleContext } from '../../rules/lifecycle/clocks';
import type { CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import type { Actor, Clock } from '../../rules/lifecycle/types';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { noticesFor } from '../../workflows/petition/notices';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase } from '../support/lifecycle';

const LINEAGE = ['cat-urban', 'cat-urban.street-vending'];
const CATEGORY = 'cat-urban.street-vending';
const workingDays = (amount: number) => ({ amount, unit: 'workingDays' });

/** A case run whose rules follow its own case type, as the workflow's do after a reclassification. */
class ProfiledRun extends CaseRun {
  constructor(caseTypeCode: string, now: number) {
    const registered = registeredCase('2026110200001', now);
    super({ ...registered, profile: { ...registered.profile, caseTypeCode } }, now);
  }
  ctx(): RuleContext {
    return contextAt(this.now, this.state.profile.caseTypeCode, this.state.profile.urgency);
  }
  override do(command: CommandName, input: unknown, actor: Actor): this {
    // The workflow loads the named profile's rules before deciding a reclassification.
    const named = input as { caseTypeCode?: string; categoryId?: string | null; urgency?: string } | null;
    const ctx = command === 'reclassify' && named?.caseTypeCode
      ? { ...this.ctx(), reclassifyTo: { categoryLineage: named.categoryId ? LINEAGE : [], policies: contextAt(this.now, named.caseTypeCode, named.urgency ?? 'normal').policies } }
      : this.ctx();
    const decision = decide(this.state, command, input, actor, ctx);
    const events = stampEvents(this.state, decision.events, actor, this.now, decision.reason);
    this.events.push(...events);
    this.state = applyEvents(this.state, events);
    return this;
  }
}

const handleOf = (run: CaseRun): Clock => run.state.clocks.find((c) => c.key === 'handle')!;
const to = (caseTypeCode: string, reason = '经核实，诉求性质变化') => ({ caseTypeCode, categoryId: CATEGORY, urgency: 'normal', reason });

/** Dispatched Mon 2026-11-02 10:00 to 城管局 and signed for at once. */
function dispatched(caseTypeCode: string, assistUnitIds: string[] = []): ProfiledRun {
  return new ProfiledRun(caseTypeCode, shanghai('2026-11-02 10:00'))
    .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds }, actors.dispatcher)
    .do('signFor', {}, actors.leadHandler);
}

function refusal(run: CaseRun, input: unknown, actor: Actor = actors.dispatcher): CommandRefusal {
  const before = JSON.stringify(run.state);
  try {
    run.do('reclassify', input, actor);
  } catch (error) {
    assert.ok(error instanceof CommandRefusal, String(error));
    assert.equal(JSON.stringify(run.state), before, 'a refused reclassification changes nothing');
    return error;
  }
  assert.fail('the reclassification was accepted');
}

describe('reclassify', () => {
  it('consultation → report: the handling deadline moves from start + 5 to start + 30 working days, the light back to green', () => {
    const run = dispatched('consultation');
    const before = handleOf(run);
    // 11-03, 04, 05, 06, 09 = 5
    assert.equal(before.dueAt, endOfShanghaiDay('2026-11-09'));
    run.advanceTo(shanghai('2026-11-09 12:00'));
    assert.equal(handleOf(run).level, 'yellow', 'the consultation is near its deadline');

    run.do('reclassify', to('report', '市民反映的是违法行为，属举报'), actors.dispatcher);
    const after = handleOf(run);
    assert.equal(after.startedAt, before.startedAt, 'time already used counts');
    assert.deepEqual(after.limit, workingDays(30));
    // 11-03..06 (4), 09..13 (9), 16..20 (14), 23..27 (19), 11-30..12-04 (24), 07..11 (29), 12-14 (30)
    assert.equal(after.dueAt, endOfShanghaiDay('2026-12-14'));
    assert.equal(after.level, 'green');
    assert.equal(run.state.warningLevel, 'green');
    assert.deepEqual([run.state.profile.caseTypeCode, run.state.profile.categoryId, run.state.profile.categoryLineage], ['report', CATEGORY, LINEAGE]);
    const event = run.events.at(-1)!;
    assert.equal(event.type, 'reclassified');
    assert.equal(event.actor.id, actors.dispatcher.id);
    assert.equal(event.reason, '市民反映的是违法行为，属举报');
    if (event.type !== 'reclassified') return;
    assert.deepEqual([event.from.caseTypeCode, event.to.caseTypeCode], ['consultation', 'report']);
    assert.deepEqual(event.clocks.map((c) => c.key), ['handle'], 'only the clocks whose limits changed');
    assert.equal(run.state.status, 'signed', 'the case stays where it was');
  });

  it('report → consultation: a deadline already passed turns red at the next timer and urges the unit', () => {
    const run = dispatched('report');
    assert.equal(handleOf(run).dueAt, endOfShanghaiDay('2026-12-14'));
    run.advanceTo(shanghai('2026-11-11 12:00'));
    run.do('reclassify', to('consultation'), actors.supervisor);
    assert.equal(handleOf(run).dueAt, endOfShanghaiDay('2026-11-09'), 'start + 5 working days, already passed');
    assert.equal(run.state.counters.urges, 0);
    run.advanceTo(shanghai('2026-11-11 12:00') + 1000);
    assert.equal(handleOf(run).level, 'red');
    assert.equal(run.state.warningLevel, 'red');
    assert.equal(run.state.counters.urges, 1);
    assert.deepEqual(run.events.slice(-3).map((e) => e.type), ['warningChanged', 'warningChanged', 'urged']);
  });

  it('a deadline moved past now starts its escalation afresh: overdue again later, the unit is urged again', () => {
    const run = dispatched('consultation');
    run.advanceTo(shanghai('2026-11-10 12:00'));
    assert.deepEqual([handleOf(run).level, handleOf(run).escalation, run.state.counters.urges], ['red', 1, 1]);
    run.do('reclassify', to('complaint'), actors.dispatcher);
    // 15 working days from 11-03: 11-23 (yellow from the end of the 14th, 11-20)
    assert.deepEqual([handleOf(run).dueAt, handleOf(run).level, handleOf(run).escalation], [endOfShanghaiDay('2026-11-23'), 'green', 0]);
    assert.equal(run.state.escalationLevel, 0);
    run.advanceTo(shanghai('2026-11-24 09:00'));
    assert.deepEqual([handleOf(run).level, run.state.counters.urges], ['red', 2]);
  });

  it('keeps an assisting unit’s cap at the lead’s new deadline, a sub-unit 2 working days before it, and a supervisor’s override', () => {
    const run = dispatched('consultation', ['zhujian']);
    run.now = shanghai('2026-11-04 10:00');
    run.do('subDispatch', { subUnitId: 'chengguan-donghu' }, actors.leadHandler);
    const sub = run.state.clocks.find((c) => c.name === 'subHandle')!;
    assert.equal(sub.dueAt, endOfShanghaiDay('2026-11-05'), '2 working days before the lead’s Monday 11-09');
    run.do('reclassify', to('report'), actors.dispatcher);
    const lead = handleOf(run);
    const newSub = run.state.clocks.find((c) => c.name === 'subHandle')!;
    assert.equal(lead.dueAt, endOfShanghaiDay('2026-12-14'));
    assert.equal(newSub.dueAt, endOfShanghaiDay('2026-12-10'), 'follows the lead’s new Monday 12-14: Thursday 12-10');
    const opinion = run.state.clocks.find((c) => c.name === 'assistOpinion')!;
    assert.deepEqual(opinion.limit, workingDays(3), 'the opinion’s own policy is the same for both types');
    run.do('reclassify', to('consultation'), actors.dispatcher);
    assert.equal(run.state.clocks.find((c) => c.name === 'subHandle')!.dueAt, endOfShanghaiDay('2026-11-05'), 'back before the lead’s 5 days');

    const overridden = dispatched('consultation').do('overrideDeadline', { clockKey: 'handle', dueAt: '2026-11-20T18:00:00+08:00', reason: '领导交办' }, actors.supervisor);
    overridden.do('reclassify', to('report'), actors.dispatcher);
    assert.equal(handleOf(overridden).dueAt, Date.parse('2026-11-20T18:00:00+08:00'), 'a supervisor’s deadline stands');
    assert.deepEqual(handleOf(overridden).limit, workingDays(30));
  });

  it('reclassifies a registered case before dispatch: the profile only, no clock', () => {
    const run = new ProfiledRun('consultation', shanghai('2026-11-02 10:00'));
    run.do('reclassify', { caseTypeCode: 'consultation', categoryId: null, urgency: 'urgent', reason: '市民反映情况紧急' }, actors.supervisor);
    assert.deepEqual([run.state.profile.urgency, run.state.profile.categoryId, run.state.profile.categoryLineage, run.state.clocks], ['urgent', null, [], []]);
    // Dispatched afterwards, it runs on the urgent sign-for policy (2 hours, around the clock).
    run.do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    assert.equal(run.state.clocks.find((c) => c.name === 'signFor')!.dueAt, shanghai('2026-11-02 12:00'));
  });

  it('tells the lead unit its new deadline, and nobody before there is a lead unit', () => {
    const registered = new ProfiledRun('consultation', shanghai('2026-11-02 10:00'));
    registered.do('reclassify', to('report'), actors.dispatcher);
    assert.deepEqual(noticesFor(registered.state, registered.events), []);
    const run = dispatched('consultation');
    const seen = run.events.length;
    run.do('reclassify', to('report'), actors.dispatcher);
    assert.deepEqual(noticesFor(run.state, run.events.slice(seen)), [
      { key: `${run.state.caseId}:${run.state.seq}:chengguan`, caseId: run.state.caseId, template: 'sms.reclassifiedNotice', to: { unitId: 'chengguan' }, params: { handleDue: '2026-12-14 23:59' } },
    ]);
  });

  it('refuses nothing-changes, other roles, a result already up and malformed input, with reasons', () => {
    const run = dispatched('consultation');
    const same = refusal(run, to('consultation'));
    assert.equal(same.code, 'invalidInput');
    assert.match(same.message, /nothing to reclassify/);
    for (const actor of [actors.operator, actors.leadHandler, actors.leadLeader, actors.auditor, actors.admin, actors.citizen]) {
      assert.equal(refusal(run, to('report'), actor).code, 'forbidden', actor.id);
    }
    const noCategory = refusal(run, { caseTypeCode: 'report', urgency: 'normal', reason: '举报' });
    assert.equal(noCategory.code, 'invalidInput');
    assert.ok(noCategory.fields!.categoryId, 'the category must be named (null clears it)');
    const badUrgency = refusal(run, { ...to('report'), urgency: 'whenever' });
    assert.ok(badUrgency.fields!.urgency);
    const noReason = refusal(run, { ...to('report'), reason: '  ' });
    assert.ok(noReason.fields!.reason);

    run.do('submitResult', { actionsTaken: '已处理', replyToCitizen: '已处理', handlerName: '张三', citizenContacted: true }, actors.leadHandler);
    const late = refusal(run, to('report'));
    assert.equal(late.code, 'invalidState');
    assert.match(late.message, /awaiting the unit leader/);
  });
});
