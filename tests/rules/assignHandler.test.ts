// assignHandler: a unit names the person who handles its part of a case (承办人). A handler
// takes it for themselves, a leader names anyone and reassigns (the one replaced is recorded);
// the part must be the actor's unit's and live. The named handler's notices: when named, and
// when a duty clock of that assignment turns yellow; none without a phone on record.
import assert from 'node:assert/strict';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import type { RuleContext } from '../../rules/lifecycle/clocks';
import type { CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import type { Actor, PetitionEvent } from '../../rules/lifecycle/types';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import { handlerNoticesFor } from '../../workflows/petition/notices';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_RESULT } from '../support/lifecycle';

/** The users the workflow would find in the database, by id. */
const PEOPLE: Record<string, NonNullable<RuleContext['namedHandler']>> = {
  'user-handler': { userId: 'user-handler', name: '张承办', hasPhone: true },
  'user-leader': { userId: 'user-leader', name: '赵领导', hasPhone: true },
  'user-cg-nophone': { userId: 'user-cg-nophone', name: '钱无机', hasPhone: false },
  'user-zhujian': { userId: 'user-zhujian', name: '住建承办', hasPhone: true },
  'user-cg-donghu': { userId: 'user-cg-donghu', name: '下级承办', hasPhone: true },
};

/** A case run that decides assignHandler with the named user looked up, as the workflow does. */
class StaffedRun extends CaseRun {
  override do(command: CommandName, input: unknown, actor: Actor): this {
    const named = PEOPLE[(input as { handlerId?: string } | null)?.handlerId ?? ''];
    const ctx = command === 'assignHandler' && named ? { ...contextAt(this.now), namedHandler: named } : contextAt(this.now);
    const decision = decide(this.state, command, input, actor, ctx);
    const events = stampEvents(this.state, decision.events, actor, this.now, decision.reason);
    this.events.push(...events);
    this.state = applyEvents(this.state, events);
    return this;
  }
}

/** Dispatched Mon 2026-11-23 09:00 to 城管局 with 住建局 assisting; the lead signed for. */
const dispatched = () =>
  new StaffedRun(registeredCase(), shanghai('2026-11-23 09:00'))
    .do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher)
    .do('signFor', {}, actors.leadHandler);

const leadOf = (run: CaseRun) => run.state.assignments.find((a) => a.id === run.state.leadAssignmentId)!;

function refusal(run: CaseRun, input: unknown, actor: Actor): CommandRefusal {
  const before = JSON.stringify(run.state);
  try {
    run.do('assignHandler', input, actor);
  } catch (error) {
    assert.ok(error instanceof CommandRefusal, String(error));
    assert.equal(JSON.stringify(run.state), before, 'a refused assignHandler changes nothing');
    return error;
  }
  assert.fail('assignHandler was accepted');
}

describe('assignHandler (承办人)', () => {
  it('lets a handler take the lead unit’s part for themselves, and the leader reassign it (the one replaced recorded)', () => {
    const run = dispatched().do('assignHandler', { handlerId: 'user-handler', note: '我来承办' }, actors.leadHandler);
    const taken = run.events.at(-1)!;
    assert.deepEqual(taken.type === 'handlerAssigned' && [taken.assignmentId, taken.unitId, taken.handler, taken.replaced, taken.reason], [
      leadOf(run).id, 'chengguan', { userId: 'user-handler', name: '张承办', hasPhone: true, assignedAt: run.now, assignedBy: actors.leadHandler.id }, null, '我来承办',
    ]);
    assert.equal(leadOf(run).handler!.userId, 'user-handler');

    run.now = shanghai('2026-11-24 10:00');
    run.do('assignHandler', { assignmentId: leadOf(run).id, handlerId: 'user-cg-nophone' }, actors.leadLeader);
    const reassigned = run.events.at(-1)!;
    assert.deepEqual(reassigned.type === 'handlerAssigned' && [reassigned.handler.userId, reassigned.handler.hasPhone, reassigned.replaced, reassigned.reason], ['user-cg-nophone', false, { userId: 'user-handler', name: '张承办' }, null]);
    assert.deepEqual(leadOf(run).handler, { userId: 'user-cg-nophone', name: '钱无机', hasPhone: false, assignedAt: shanghai('2026-11-24 10:00'), assignedBy: actors.leadLeader.id });
    assert.equal(run.state.status, 'signed', 'the case’s status does not move');
  });

  it('refuses a handler naming another or taking over, the office, another unit, the same handler again; each unit staffs its own part', () => {
    const run = dispatched();
    assert.equal(refusal(run, { handlerId: 'user-leader' }, actors.leadHandler).code, 'forbidden');
    assert.equal(refusal(run, { handlerId: 'user-handler' }, actors.dispatcher).code, 'forbidden');
    assert.equal(refusal(run, { handlerId: 'user-handler' }, actors.otherUnitHandler).code, 'forbidden');
    assert.equal(refusal(run, { assignmentId: leadOf(run).id, handlerId: 'user-zhujian' }, actors.assistHandler).code, 'forbidden', 'not the assisting unit’s to staff');
    assert.equal(refusal(run, { assignmentId: 'no-such', handlerId: 'user-handler' }, actors.leadLeader).code, 'invalidInput');

    run.do('assignHandler', { handlerId: 'user-leader' }, actors.leadLeader);
    const takeOver = refusal(run, { handlerId: 'user-handler' }, actors.leadHandler);
    assert.equal(takeOver.code, 'forbidden');
    assert.match(takeOver.message, /赵领导 handles this assignment: only a unit leader may reassign it/);
    const same = refusal(run, { handlerId: 'user-leader' }, actors.leadLeader);
    assert.deepEqual([same.code, same.fields], ['invalidInput', { handlerId: 'already the handler' }]);

    // The assisting unit, before signing for, and the sub-unit staff their own parts.
    run.do('assignHandler', { handlerId: 'user-zhujian' }, actors.assistHandler);
    run.do('subDispatch', { subUnitId: 'chengguan-donghu' }, actors.leadHandler).do('assignHandler', { handlerId: 'user-cg-donghu' }, actors.subUnitHandler);
    assert.deepEqual(run.state.assignments.map((a) => [a.unitId, a.handler?.userId]), [['chengguan', 'user-leader'], ['zhujian', 'user-zhujian'], ['chengguan-donghu', 'user-cg-donghu']]);
  });

  it('refuses once the part is finished (409): an assisting opinion given, the lead’s result accepted', () => {
    const run = dispatched().do('signFor', {}, actors.assistHandler).do('submitAssistOpinion', { opinion: '同意' }, actors.assistHandler);
    assert.equal(refusal(run, { handlerId: 'user-zhujian' }, actors.assistHandler).code, 'invalidState');
    run.do('submitResult', SAMPLE_RESULT, actors.leadHandler).do('unitApprove', {}, actors.leadLeader);
    run.do('assignHandler', { handlerId: 'user-handler' }, actors.leadLeader);
    run.do('review', { accept: true }, actors.dispatcher);
    assert.equal(refusal(run, { handlerId: 'user-leader' }, actors.leadLeader).code, 'invalidState');
  });

  it('texts the handler when named and when a clock of their assignment turns yellow; nobody without a phone, nothing for another unit’s clock', () => {
    const run = dispatched();
    const noticesOf = (events: PetitionEvent[]) => handlerNoticesFor(run.state, events).map((n) => [n.template, 'userId' in n.to ? n.to.userId : null, n.params]);
    run.do('assignHandler', { handlerId: 'user-handler' }, actors.leadHandler);
    const handleDue = formatShanghaiMinute(run.state.clocks.find((c) => c.key === 'handle')!.dueAt);
    assert.deepEqual(noticesOf(run.events.slice(-1)), [['sms.handlerAssigned', 'user-handler', { handlerName: '张承办', dueAt: handleDue }]]);
    run.do('assignHandler', { handlerId: 'user-cg-nophone' }, actors.leadLeader);
    assert.deepEqual(noticesOf(run.events.slice(-1)), [], 'no phone on record');
    run.do('assignHandler', { handlerId: 'user-handler' }, actors.leadLeader);

    // 住建局's sign-for and opinion clocks turn yellow first (its part has no handler), then the lead's handling clock.
    const from = run.events.length;
    run.advanceTo(shanghai('2026-12-14 12:00'));
    const yellows = run.events.slice(from).filter((e) => e.type === 'warningChanged' && e.level === 'yellow');
    assert.deepEqual(yellows.map((e) => e.type === 'warningChanged' && e.clockKey.split(':')[0]), ['signFor', 'assistOpinion', 'handle']);
    assert.deepEqual(noticesOf(run.events.slice(from)), [['sms.handlerWarning', 'user-handler', { handlerName: '张承办', dueAt: handleDue }]]);
  });
});
