// Seed 003's criticism rule as a pure function: which urge calls for a criticism notice (通报批评),
// counted per unit on one case.
import assert from 'node:assert/strict';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import { criticismEvents } from '../../rules/lifecycle/criticism';
import { initialState } from '../../rules/lifecycle/evolve';
import type { PetitionEventData } from '../../rules/lifecycle/types';
import { shanghai } from '../support/calendar';
import { actors, CaseRun } from '../support/lifecycle';

const CASE_ID = '2026112300077';

function signedCase(assistUnitIds: string[] = []): CaseRun {
  const at = shanghai('2026-11-23 10:00');
  const profile = { caseTypeCode: 'complaint', categoryId: null, categoryLineage: [], urgency: 'normal' as const, channel: 'phone' as const };
  const initial = initialState(CASE_ID, profile, at, at);
  const registered = stampEvents(initial, [{ type: 'registered', caseId: CASE_ID, profile, receivedAt: at, registeredAt: at }], actors.operator, at, null);
  const run = new CaseRun(applyEvents(initial, registered), at + 60_000);
  run.do('dispatch', { leadUnitId: 'chengguan', assistUnitIds }, actors.dispatcher).do('signFor', {}, actors.leadHandler);
  return run;
}

/** Runs one command and returns the criticism its events call for at `threshold`. */
function criticismAfter(run: CaseRun, threshold: number, command: 'urge' | 'submitResult' = 'urge'): PetitionEventData[] {
  const before = run.state;
  const seen = run.events.length;
  if (command === 'urge') run.do('urge', { reason: '催办' }, actors.dispatcher);
  else run.do('submitResult', { actionsTaken: '已处理', replyToCitizen: '已处理。', handlerName: '张三', citizenContacted: true }, actors.leadHandler);
  return criticismEvents(before, run.state, run.events.slice(seen), threshold);
}

describe('criticism after repeated urges (rules)', () => {
  it('criticises the urged unit at the urge that reaches the threshold, and only then', () => {
    const run = signedCase();
    assert.deepEqual(criticismAfter(run, 2), []);
    const second = criticismAfter(run, 2);
    assert.deepEqual(second, [{ type: 'criticized', noticeId: `${CASE_ID}-K${run.state.seq + 1}`, unitId: 'chengguan', urgeCount: 2, threshold: 2 }]);
    assert.deepEqual(criticismAfter(run, 2), [], 'the third urge is past the threshold');
    // A threshold raised later criticises again when the new one is reached.
    assert.equal(criticismAfter(run, 4).length, 1);
  });

  it('does nothing when the rule is off (0) or the unit has put up its result', () => {
    const off = signedCase();
    assert.deepEqual([criticismAfter(off, 0), criticismAfter(off, 0)], [[], []]);

    const done = signedCase();
    criticismAfter(done, 2);
    assert.deepEqual(criticismAfter(done, 2, 'submitResult'), []);
    assert.equal(done.state.status, 'resultSubmitted');
    assert.deepEqual(criticismAfter(done, 2), [], 'urged twice, but 已办结 by the unit');
  });

  it('counts urges per unit: the lead urged once and an assisting unit once is no criticism; the assisting unit urged twice is', () => {
    const run = signedCase(['zhujian']);
    const urgeAssist = () => {
      const before = run.state;
      const events = stampEvents(before, [{ type: 'urged', urgeId: `${CASE_ID}-U${before.seq + 1}`, unitId: 'zhujian', clockKey: 'assistOpinion', automatic: true }], { id: 'system', roles: ['system'], unitId: null }, run.now, null);
      run.state = applyEvents(before, events);
      run.events.push(...events);
      return criticismEvents(before, run.state, events, 2);
    };
    assert.deepEqual(criticismAfter(run, 2), []);
    assert.deepEqual(urgeAssist(), [], 'two urges on the case, one per unit');
    assert.equal(run.state.counters.urges, 2);
    assert.deepEqual(urgeAssist().map((e) => e.type === 'criticized' && [e.unitId, e.urgeCount]), [['zhujian', 2]]);
    assert.deepEqual(criticismAfter(run, 2).map((e) => e.type === 'criticized' && [e.unitId, e.urgeCount]), [['chengguan', 2]]);
  });
});
