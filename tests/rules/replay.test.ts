// The auditor's replay without a database: audit rows written the way activities/projection.ts
// writes them fold back into the very state the lifecycle reached, as of any moment.
import assert from 'node:assert/strict';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import { initialState } from '../../rules/lifecycle/evolve';
import { replay, type AuditRow } from '../../rules/lifecycle/replay';
import type { PetitionEvent } from '../../rules/lifecycle/types';
import { shanghai } from '../support/calendar';
import { actors, CaseRun } from '../support/lifecycle';

const CASE_ID = '2026021300001';
const RESULT = { actionsTaken: '执法队员现场劝离摊贩。', replyToCitizen: '已处理。', handlerName: '张三', citizenContacted: true, resolved: true };

/** As projection.ts writes it: metadata in columns, the rest as JSON payload. */
function auditRowOf(event: PetitionEvent): AuditRow {
  const { seq, at, actor, reason, ...data } = event;
  return {
    idempotencyKey: `${CASE_ID}:${seq}`, entityType: 'case', action: event.type, actorId: actor.id, actorRole: actor.roles.join(','),
    actorUnitId: actor.unitId, reason, payload: JSON.parse(JSON.stringify(data)), occurredAt: new Date(at),
  };
}

/** A case registered as the workflow registers it, then dispatched, signed for, resolved, urged. */
function lifecycle(): CaseRun {
  const at = shanghai('2026-02-13 10:00');
  const profile = { caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', categoryLineage: ['cat-urban', 'cat-urban.street-vending'], urgency: 'normal' as const, channel: 'phone' as const };
  const initial = initialState(CASE_ID, profile, at, at);
  const registered = stampEvents(initial, [{ type: 'registered', caseId: CASE_ID, profile, receivedAt: at, registeredAt: at }], actors.operator, at, null);
  const run = new CaseRun(applyEvents(initial, registered), at + 60_000);
  run.events.push(...registered);
  run.do('dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher);
  run.now += 60_000;
  run.do('signFor', {}, actors.leadHandler).do('urge', { reason: '市民再次来电' }, actors.dispatcher);
  run.advanceTo(shanghai('2026-02-27 10:00')); // the assisting unit's clocks warn and urge
  run.do('submitResult', RESULT, actors.leadHandler);
  return run;
}

describe('replay of the audit trail', () => {
  it('rebuilds the final state exactly, whatever order the rows come in and whatever else is recorded about the case', () => {
    const run = lifecycle();
    assert.ok(run.events.some((e) => e.actor.id === 'system'), 'timer events are part of the trail');
    const rows = run.events.map(auditRowOf).reverse();
    rows.push({ ...rows[0]!, idempotencyKey: 'citizenIdentityRead:0b7c', action: 'citizenIdentityRead', payload: {} });
    const replayed = replay(CASE_ID, rows);
    assert.deepEqual(JSON.parse(JSON.stringify(replayed.state)), JSON.parse(JSON.stringify(run.state)));
    assert.deepEqual(replayed.last, { seq: run.state.seq, at: run.events.at(-1)!.at });
  });

  it('as of a moment: the state after the last event by then; nothing before the registration', () => {
    const run = lifecycle();
    const rows = run.events.map(auditRowOf);
    const dispatched = run.events.find((e) => e.type === 'dispatched')!;
    assert.equal(replay(CASE_ID, rows, dispatched.at - 1).state!.status, 'registered');
    assert.equal(replay(CASE_ID, rows, dispatched.at).state!.status, 'dispatched');
    assert.deepEqual(replay(CASE_ID, rows, run.events[0]!.at - 1), { state: null, last: null, events: [] });
  });

  it('never applies an event stamped earlier than one it came after: as of T is a prefix by seq', () => {
    const run = lifecycle();
    const rows = run.events.map(auditRowOf);
    // The sign-for (seq 3) carries a time before the dispatch's (seq 2).
    const dispatchedAt = rows[1]!.occurredAt.getTime();
    rows[2] = { ...rows[2]!, occurredAt: new Date(dispatchedAt - 30_000) };
    const between = replay(CASE_ID, rows, dispatchedAt - 1);
    assert.deepEqual([between.last!.seq, between.state!.status], [1, 'registered']);
    const after = replay(CASE_ID, rows, dispatchedAt);
    assert.deepEqual([after.last!.seq, after.state!.status], [3, 'signed']);
  });

  it('refuses a trail with a missing event instead of guessing', () => {
    const rows = lifecycle().events.map(auditRowOf);
    rows.splice(2, 1);
    assert.throws(() => replay(CASE_ID, rows), /event 3 is missing/);
  });
});
