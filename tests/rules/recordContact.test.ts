// recordContact (响应): the lead unit records when and how it reached the citizen. The time is
// checked against the dispatch and the clock; refusals change nothing; contacts accumulate.
import assert from 'node:assert/strict';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import type { Actor } from '../../rules/lifecycle/types';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, registeredCase } from '../support/lifecycle';

const dispatchedAt = shanghai('2026-11-23 09:00');
const dispatched = () => new CaseRun(registeredCase(), dispatchedAt).do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher);

function refusal(run: CaseRun, input: unknown, actor: Actor = actors.leadHandler): CommandRefusal {
  const before = JSON.stringify(run.state);
  try {
    run.do('recordContact', input, actor);
  } catch (error) {
    assert.ok(error instanceof CommandRefusal);
    assert.equal(JSON.stringify(run.state), before, 'a refused contact changes nothing');
    return error;
  }
  assert.fail('the contact was accepted');
}

describe('recordContact (响应)', () => {
  it('records the means and time of the contact on the lead assignment; a later one is kept beside the first', () => {
    const run = dispatched();
    run.now = shanghai('2026-11-23 15:00');
    run.do('recordContact', { means: 'phone', contactedAt: '2026-11-23T10:30:00+08:00', note: '电话联系，约定明日上门' }, actors.leadHandler);
    run.now = shanghai('2026-11-24 11:00');
    run.do('recordContact', { means: 'visit', contactedAt: '2026-11-24T10:00:00+08:00' }, actors.leadLeader);
    const lead = run.state.assignments.find((a) => a.role === 'lead')!;
    assert.deepEqual(
      run.state.contacts!.map((c) => [c.assignmentId, c.unitId, c.means, c.contactedAt, c.note, c.recordedAt, c.recordedBy]),
      [
        [lead.id, 'chengguan', 'phone', shanghai('2026-11-23 10:30'), '电话联系，约定明日上门', shanghai('2026-11-23 15:00'), actors.leadHandler.id],
        [lead.id, 'chengguan', 'visit', shanghai('2026-11-24 10:00'), null, shanghai('2026-11-24 11:00'), actors.leadLeader.id],
      ],
    );
    assert.deepEqual(run.events.slice(-2).map((e) => [e.type, e.actor.id, e.reason]), [['citizenContacted', actors.leadHandler.id, '电话联系，约定明日上门'], ['citizenContacted', actors.leadLeader.id, null]]);
    assert.equal(run.state.status, 'dispatched', 'recording a contact moves no state');
  });

  it('refuses a time before the dispatch or in the future, naming the field', () => {
    const run = dispatched();
    run.now = shanghai('2026-11-23 12:00');
    const early = refusal(run, { means: 'phone', contactedAt: '2026-11-23T08:59:59.999+08:00' });
    assert.equal(early.code, 'invalidInput');
    assert.match(early.fields!.contactedAt!, /before the dispatch/);
    const future = refusal(run, { means: 'phone', contactedAt: '2026-11-23T12:01:01+08:00' });
    assert.equal(future.code, 'invalidInput');
    assert.equal(future.fields!.contactedAt, 'is in the future');
    // A device clock a few seconds ahead is not the future; the dispatch instant itself is allowed,
    // and so is its minute (the console enters times to the minute).
    run.do('recordContact', { means: 'sms', contactedAt: '2026-11-23T12:00:30+08:00' }, actors.leadHandler);
    run.do('recordContact', { means: 'sms', contactedAt: '2026-11-23T09:00:00+08:00' }, actors.leadHandler);
    assert.equal(run.state.contacts!.length, 2);
  });

  it('refuses bad input, other units, assisting units and cases no unit holds', () => {
    const run = dispatched();
    run.now = shanghai('2026-11-23 12:00');
    const means = refusal(run, { means: 'pigeon', contactedAt: '2026-11-23T10:00:00+08:00' });
    assert.equal(means.code, 'invalidInput');
    assert.ok(means.fields!.means);
    const noTime = refusal(run, { means: 'phone' });
    assert.ok(noTime.fields!.contactedAt);
    const notIso = refusal(run, { means: 'phone', contactedAt: '2026-11-23 10:00' });
    assert.ok(notIso.fields!.contactedAt);
    assert.equal(refusal(run, { means: 'phone', contactedAt: '2026-11-23T10:00:00+08:00' }, actors.assistHandler).code, 'forbidden');
    assert.equal(refusal(run, { means: 'phone', contactedAt: '2026-11-23T10:00:00+08:00' }, actors.otherUnitHandler).code, 'forbidden');
    assert.equal(refusal(run, { means: 'phone', contactedAt: '2026-11-23T10:00:00+08:00' }, actors.dispatcher).code, 'forbidden');
    const registered = new CaseRun(registeredCase(), dispatchedAt);
    assert.equal(refusal(registered, { means: 'phone', contactedAt: '2026-11-23T09:00:00+08:00' }).code, 'invalidState');
  });
});
