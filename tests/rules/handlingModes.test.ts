// The handling modes of seeds 002/003: dispatch by phone or in writing (a policy dimension),
// 转阅 (forward for information), 领导批示 (a leader's instruction) and the major emergency's
// report. Dates are counted by hand on the 2026 calendar.
import assert from 'node:assert/strict';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import type { Actor, Clock } from '../../rules/lifecycle/types';
import { resolveClockPolicy, type PolicyRow } from '../../rules/policies';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { becameMajorEmergency, majorEmergencyNotice, noticesFor } from '../../workflows/petition/notices';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase } from '../support/lifecycle';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import { decide } from '../../rules/lifecycle/decide';

const MONDAY = shanghai('2026-11-02 10:00');
const handleOf = (run: CaseRun): Clock => run.state.clocks.find((c) => c.key === 'handle')!;
const run = () => new CaseRun(registeredCase('2026110200001', MONDAY), MONDAY);

function refused(r: CaseRun, command: Parameters<CaseRun['do']>[0], input: unknown, actor: Actor): CommandRefusal {
  const before = JSON.stringify(r.state);
  try {
    r.do(command, input, actor);
  } catch (error) {
    assert.ok(error instanceof CommandRefusal, String(error));
    assert.equal(JSON.stringify(r.state), before, 'a refusal changes nothing');
    return error;
  }
  assert.fail(`${command} was accepted`);
}

describe('dispatch modes (交办方式)', () => {
  it('a complaint dispatched by phone is due in 3 working days, in writing 7, by the system 15', () => {
    const phone = run().do('dispatch', { leadUnitId: 'chengguan', mode: 'phone' }, actors.dispatcher);
    // 11-03, 04, 05 = 3
    assert.equal(handleOf(phone).dueAt, endOfShanghaiDay('2026-11-05'));
    assert.equal(phone.state.dispatchMode, 'phone');
    const written = run().do('dispatch', { leadUnitId: 'chengguan', mode: 'written' }, actors.dispatcher);
    // 11-03, 04, 05, 06, 09, 10, 11 = 7
    assert.equal(handleOf(written).dueAt, endOfShanghaiDay('2026-11-11'));
    const system = run().do('dispatch', { leadUnitId: 'chengguan' }, actors.dispatcher);
    // 15 working days: 11-03..06 (4), 09..13 (9), 16..20 (14), 11-23 (15)
    assert.equal(handleOf(system).dueAt, endOfShanghaiDay('2026-11-23'));
    assert.equal(system.state.dispatchMode, undefined, 'the default mode is not recorded on the state');
  });

  it('keeps the mode for the clocks that start later: a rehandle after review runs 3 working days again', () => {
    const r = run().do('dispatch', { leadUnitId: 'chengguan', mode: 'phone' }, actors.dispatcher)
      .do('signFor', {}, actors.leadHandler)
      .do('submitResult', { actionsTaken: '已处理', replyToCitizen: '已处理', handlerName: '张三', citizenContacted: true }, actors.leadHandler)
      .do('unitApprove', {}, actors.leadLeader);
    r.now = shanghai('2026-11-04 09:00');
    r.do('review', { accept: false, comment: '答复不完整' }, actors.dispatcher);
    // 11-05, 06, 09 = 3
    assert.equal(handleOf(r).dueAt, endOfShanghaiDay('2026-11-09'));
  });

  it('the mode outranks the case type, an urgency row outranks the mode', () => {
    const rows: PolicyRow[] = [
      { id: 'type', clock: 'handle', caseTypeCode: 'complaint', categoryId: null, urgency: null, dispatchMode: null, amount: 15, unit: 'workingDays', warnAmount: null, warnUnit: null, warnRatio: null },
      { id: 'phone', clock: 'handle', caseTypeCode: null, categoryId: null, urgency: null, dispatchMode: 'phone', amount: 3, unit: 'workingDays', warnAmount: null, warnUnit: null, warnRatio: null },
      { id: 'emergency', clock: 'handle', caseTypeCode: null, categoryId: null, urgency: 'emergency', dispatchMode: null, amount: 24, unit: 'hours', warnAmount: null, warnUnit: null, warnRatio: null },
    ];
    const profile = { caseTypeCode: 'complaint', categoryLineage: [], urgency: 'normal' };
    assert.equal(resolveClockPolicy(rows, 'handle', profile).policyId, 'type');
    assert.equal(resolveClockPolicy(rows, 'handle', { ...profile, dispatchMode: 'system' }).policyId, 'type', 'a mode row applies only to its mode');
    assert.equal(resolveClockPolicy(rows, 'handle', { ...profile, dispatchMode: 'phone' }).policyId, 'phone');
    assert.equal(resolveClockPolicy(rows, 'handle', { ...profile, urgency: 'emergency', dispatchMode: 'phone' }).policyId, 'emergency');
  });

  it('refuses a mode the case’s rules have no policies for (rules loaded before modes), and an unknown mode', () => {
    const r = run();
    const { modePolicies: _, ...old } = contextAt(r.now);
    assert.throws(() => decide(r.state, 'dispatch', { leadUnitId: 'chengguan', mode: 'phone' }, actors.dispatcher, old), (e: unknown) => e instanceof CommandRefusal && e.code === 'invalidState');
    assert.equal(refused(r, 'dispatch', { leadUnitId: 'chengguan', mode: 'fax' }, actors.dispatcher).code, 'invalidInput');
  });
});

describe('转阅 (forwardForInformation, markForwardRead)', () => {
  it('gives units the case to read, with no clock; the unit may mark it read once', () => {
    const r = run().do('dispatch', { leadUnitId: 'chengguan' }, actors.dispatcher);
    const clocks = JSON.stringify(r.state.clocks);
    r.do('forwardForInformation', { unitIds: ['donghu'], note: '请知悉' }, actors.supervisor);
    assert.equal(JSON.stringify(r.state.clocks), clocks, 'no clock starts');
    assert.deepEqual(r.state.forwards!.map((f) => [f.unitId, f.note, f.readAt]), [['donghu', '请知悉', null]]);
    assert.equal(r.state.status, 'dispatched');
    r.do('markForwardRead', {}, actors.otherUnitHandler);
    assert.equal(r.state.forwards![0]!.readAt, r.now);
    assert.equal(r.state.forwards![0]!.readBy, actors.otherUnitHandler.id);
    assert.equal(refused(r, 'markForwardRead', {}, actors.otherUnitHandler).code, 'invalidState');
  });

  it('refuses: a unit role (403), a unit already handling or already told (400), a unit it was not forwarded to marking it read (403)', () => {
    const r = run().do('dispatch', { leadUnitId: 'chengguan' }, actors.dispatcher);
    assert.equal(refused(r, 'forwardForInformation', { unitIds: ['donghu'] }, actors.leadHandler).code, 'forbidden');
    assert.equal(refused(r, 'forwardForInformation', { unitIds: ['donghu'] }, actors.operator).code, 'forbidden');
    const handling = refused(r, 'forwardForInformation', { unitIds: ['donghu', 'chengguan'] }, actors.dispatcher);
    assert.equal(handling.code, 'invalidInput');
    assert.deepEqual(Object.keys(handling.fields ?? {}), ['unitIds.1']);
    assert.equal(refused(r, 'forwardForInformation', { unitIds: [] }, actors.dispatcher).code, 'invalidInput');
    r.do('forwardForInformation', { unitIds: ['donghu'] }, actors.dispatcher);
    assert.equal(refused(r, 'forwardForInformation', { unitIds: ['donghu'] }, actors.dispatcher).code, 'invalidInput');
    assert.equal(refused(r, 'markForwardRead', {}, actors.assist2Handler).code, 'forbidden');
  });
});

describe('领导批示 (attachLeaderInstruction)', () => {
  const instruction = { leaderName: '王明', leaderTitle: '副市长', instruction: '请城管局三日内处理到位并报结果。' };

  it('is the supervisor’s; it is kept on the case and the lead unit and its leaders are told', () => {
    const r = run().do('dispatch', { leadUnitId: 'chengguan' }, actors.dispatcher);
    assert.equal(refused(r, 'attachLeaderInstruction', instruction, actors.dispatcher).code, 'forbidden');
    assert.equal(refused(r, 'attachLeaderInstruction', { ...instruction, instruction: '' }, actors.supervisor).code, 'invalidInput');
    const before = r.events.length;
    r.do('attachLeaderInstruction', instruction, actors.supervisor);
    assert.deepEqual(r.state.leaderInstructions!.map((i) => [i.leaderName, i.leaderTitle, i.instruction, i.attachedBy]), [['王明', '副市长', instruction.instruction, actors.supervisor.id]]);
    assert.equal(r.state.profile.urgency, 'normal', 'the urgency (and so the deadlines) stays: changing it is reclassify’s');
    const notices = noticesFor(r.state, r.events.slice(before));
    assert.deepEqual(notices.map((n) => [n.template, n.to]), [
      ['sms.leaderInstructionNotice', { unitId: 'chengguan' }],
      ['sms.leaderInstructionNotice', { unitLeadersOf: 'chengguan' }],
    ]);
    assert.deepEqual(notices[0]!.params, { leader: '副市长王明', instruction: instruction.instruction });
  });

  it('before dispatch: kept, no unit to tell yet', () => {
    const r = run().do('attachLeaderInstruction', instruction, actors.supervisor);
    assert.equal(r.state.leaderInstructions!.length, 1);
    assert.deepEqual(noticesFor(r.state, r.events), []);
  });
});

describe('重大紧急 (major emergency)', () => {
  it('a reclassification to the emergency urgency is one, once; other reclassifications are not', () => {
    const r = run();
    const reclassify = (urgency: string) => {
      const ctx = contextAt(r.now, 'complaint', urgency);
      const decision = decide(r.state, 'reclassify', { caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', urgency, reason: '经核实' }, actors.dispatcher, { ...ctx, reclassifyTo: { categoryLineage: ['cat-urban', 'cat-urban.street-vending'], policies: ctx.policies } });
      const events = stampEvents(r.state, decision.events, actors.dispatcher, r.now, decision.reason);
      r.state = applyEvents(r.state, events);
      return events;
    };
    assert.equal(becameMajorEmergency(reclassify('urgent')), undefined);
    const events = reclassify('emergency');
    assert.equal(becameMajorEmergency(events)?.seq, events[0]!.seq);
    assert.equal(becameMajorEmergency(reclassify('urgent')), undefined, 'leaving the emergency level is no new one');
  });

  it('the report goes to the configured numbers, with the case’s title and place', () => {
    const notice = majorEmergencyNotice({ caseId: '2026110200001', title: '燃气泄漏', address: '东湖路1号', urgency: 'emergency' } as never, 0);
    assert.deepEqual([notice.template, notice.to, notice.params, notice.key], ['sms.majorEmergencyNotice', { emergencyContacts: true }, { title: '燃气泄漏', address: '东湖路1号' }, '2026110200001:0:emergency']);
  });
});
