// childEffects: which child workflows a step of the lifecycle starts or tells, and that cases
// older than the child workflows (gates closed) are asked about them only when a child would
// start, and get none.
import assert from 'node:assert/strict';
import { childEffects, type ChildEffect, type DelegationGate } from '../../rules/lifecycle/childEffects';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import type { CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import type { Actor } from '../../rules/lifecycle/types';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_DISPATCH, SAMPLE_RESULT } from '../support/lifecycle';

/** A gate that is on or off and counts how often it was asked to open. */
function gate(on: boolean): DelegationGate & { opened: number } {
  const g = {
    opened: 0,
    open: () => {
      g.opened += 1;
      return on;
    },
    isOpen: () => on,
  };
  return g;
}

/** The child effects of one command on `run`, with both kinds of children in use unless said. */
function effectsOf(run: CaseRun, command: CommandName, input: unknown, actor: Actor, gates = { callbacks: gate(true), assists: gate(true) }): ChildEffect[] {
  const before = run.state;
  const seen = run.events.length;
  run.do(command, input, actor);
  return childEffects(before, run.state, run.events.slice(seen), gates);
}

const start = () => new CaseRun(registeredCase(), shanghai('2026-11-23 09:00'));
const dispatched = () => start().do('dispatch', SAMPLE_DISPATCH, actors.dispatcher);
const signed = () => dispatched().do('signFor', {}, actors.leadHandler).do('signFor', {}, actors.assistHandler);
const inCallback = () => signed().do('submitAssistOpinion', { opinion: '协办意见' }, actors.assistHandler).do('submitResult', SAMPLE_RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader).do('review', { accept: true }, actors.dispatcher);

describe('child workflow effects', () => {
  it('starts the assisting unit’s clocks on dispatch, with its own clocks only', () => {
    const effects = effectsOf(start(), 'dispatch', SAMPLE_DISPATCH, actors.dispatcher);
    assert.equal(effects.length, 1);
    const [effect] = effects;
    assert.ok(effect?.kind === 'startUnitClocks');
    assert.equal(effect.unitId, 'zhujian');
    assert.ok(effect.clocks.length > 0 && effect.clocks.every((c) => c.assignmentId === effect.assignmentId));
  });

  it('tells the assisting unit’s child that its sign-for clock stopped, and nothing for the lead unit', () => {
    const run = dispatched();
    assert.deepEqual(effectsOf(run, 'signFor', {}, actors.leadHandler), []);
    const assist = run.state.assignments.find((a) => a.unitId === 'zhujian')!;
    const [effect, ...more] = effectsOf(run, 'signFor', {}, actors.assistHandler);
    assert.deepEqual(more, []);
    assert.ok(effect?.kind === 'unitClockStopped');
    assert.equal(effect.assignmentId, assist.id);
    assert.match(effect.clockKey, /^signFor/);
  });

  it('starts a sub-unit’s clocks on sub-dispatch', () => {
    const [effect] = effectsOf(signed(), 'subDispatch', { subUnitId: 'chengguan-donghu' }, actors.leadHandler);
    assert.ok(effect?.kind === 'startUnitClocks');
    assert.equal(effect.unitId, 'chengguan-donghu');
  });

  it('tells every level’s child its new deadline when the lead’s extension moves them', () => {
    const level3: Actor = { id: 'user-cg-squad', roles: ['unitHandler'], unitId: 'chengguan-donghu-squad' };
    const run = signed()
      .do('subDispatch', { subUnitIds: ['chengguan-donghu'] }, actors.leadHandler)
      .do('signFor', {}, actors.subUnitHandler)
      .do('subDispatch', { subUnitIds: [level3.unitId!] }, actors.subUnitHandler)
      .do('requestExtension', { workingDays: 3, reason: '需勘验' }, actors.leadHandler);
    const subs = run.state.assignments.filter((a) => a.role === 'sub').map((a) => a.id);
    const effects = effectsOf(run, 'decideExtension', { approve: true, reason: '同意' }, actors.dispatcher);
    assert.deepEqual(effects.map((e) => [e.kind, 'assignmentId' in e ? e.assignmentId : null, e.kind === 'unitClocksChanged' ? e.clocks.map((c) => c.key) : null]), subs.map((id) => ['unitClocksChanged', id, [`subHandle:${id}`]]));
  });

  it('tells a sub-unit’s child its new deadline when a reclassification moves it', () => {
    const run = signed().do('subDispatch', { subUnitId: 'chengguan-donghu' }, actors.leadHandler);
    const before = run.state;
    const sub = before.assignments.find((a) => a.role === 'sub')!;
    // A complaint (15 working days) reclassified as a consultation (5): the workflow decides it with the consultation's rules.
    const ctx = { ...contextAt(run.now), reclassifyTo: { categoryLineage: before.profile.categoryLineage, policies: contextAt(run.now, 'consultation').policies } };
    const decision = decide(before, 'reclassify', { caseTypeCode: 'consultation', categoryId: before.profile.categoryId, urgency: 'normal', reason: '仅为咨询' }, actors.dispatcher, ctx);
    const events = stampEvents(before, decision.events, actors.dispatcher, run.now, decision.reason);
    const effects = childEffects(before, applyEvents(before, events), events, { callbacks: gate(true), assists: gate(true) });
    assert.deepEqual(effects.map((e) => [e.kind, 'assignmentId' in e ? e.assignmentId : null]), [['unitClocksChanged', sub.id]]);
    const [changed] = effects;
    assert.ok(changed?.kind === 'unitClocksChanged');
    assert.deepEqual(changed.clocks.map((c) => c.key), [`subHandle:${sub.id}`]);
    assert.ok(changed.clocks[0]!.dueAt < before.clocks.find((c) => c.key === `subHandle:${sub.id}`)!.dueAt);
  });

  it('on review: starts the callback and withdraws an assisting unit that gave no opinion', () => {
    const run = signed().do('submitResult', SAMPLE_RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader);
    const effects = effectsOf(run, 'review', { accept: true }, actors.dispatcher);
    assert.deepEqual(effects.map((e) => e.kind), ['startCallback', 'unitWithdrawn']);
    assert.equal((effects[0] as { callbackId: string }).callbackId, run.state.callbacks.at(-1)!.id);
  });

  it('stops the callback when the callback is recorded as final', () => {
    const run = inCallback();
    const callbackId = run.state.callbacks.at(-1)!.id;
    const effects = effectsOf(run, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied' }, actors.operator);
    assert.deepEqual(effects, [{ kind: 'stopCallback', callbackId }]);
  });

  it('gives a case older than the child workflows none, asking its gate only when a child would start', () => {
    const closed = () => ({ callbacks: gate(false), assists: gate(false) });
    const atDispatch = closed();
    assert.deepEqual(effectsOf(start(), 'dispatch', SAMPLE_DISPATCH, actors.dispatcher, atDispatch), []);
    assert.deepEqual([atDispatch.assists.opened, atDispatch.callbacks.opened], [1, 0]);
    const atSignFor = closed();
    assert.deepEqual(effectsOf(dispatched(), 'signFor', {}, actors.assistHandler, atSignFor), []);
    assert.deepEqual([atSignFor.assists.opened, atSignFor.callbacks.opened], [0, 0]);
    const atReview = closed();
    const run = signed().do('submitResult', SAMPLE_RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader);
    assert.deepEqual(effectsOf(run, 'review', { accept: true }, actors.dispatcher, atReview), []);
    assert.deepEqual([atReview.assists.opened, atReview.callbacks.opened], [0, 1]);
  });
});
