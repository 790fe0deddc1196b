// The office decides on an unsatisfied callback, through real timers: the time-skipping test
// server starts on Mon 2026-11-23 10:00 (Shanghai); the citizen answers unsatisfied, the case
// waits on the office's decision clock (one working day: the end of Tue 11-24), which turns
// yellow and red without urging any unit, and the office's decision is kept, projected and audited.
import assert from 'node:assert/strict';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

const UNSATISFIED = { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false, comment: '摊贩又回来了' };

describe('the office decides on an unsatisfied callback (test server from Mon 2026-11-23 10:00)', () => {
  const t = useHarnessAt('2026-11-23 10:00', 'each');
  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  it('waits for the decision on a clock that warns, then rehandles with the same lead unit on a new handling clock', async () => {
    const { handle } = await t.h.registerInCallback('+8613900002222');
    const caseId = handle.workflowId;
    const waiting = await t.h.command(handle, 'recordCallback', UNSATISFIED, actors.operator);
    assert.equal(waiting.status, 'awaitingUnsatisfiedDecision');
    assert.equal(waiting.counters.rehandles, 0, 'nothing restarted by itself');
    const clock = waiting.clocks.find((c) => c.key === 'unsatisfiedDecision')!;
    assert.equal(clock.dueAt, endOfShanghaiDay('2026-11-24'));
    await assertProjectionMatches(waiting);

    await sleepUntil(clock.yellowAt + 60_000);
    await waitUntil(async () => (await t.h.state(handle)).clocks.find((c) => c.key === 'unsatisfiedDecision')?.level === 'yellow');
    await sleepUntil(shanghai('2026-11-25 09:00'));
    await waitUntil(async () => (await t.h.state(handle)).clocks.find((c) => c.key === 'unsatisfiedDecision')?.level === 'red');
    let state = await t.h.state(handle);
    assert.deepEqual(state.recent.slice(-2).map((e) => e.type), ['warningChanged', 'warningChanged']);
    assert.deepEqual([state.status, state.counters.urges, state.warningLevel], ['awaitingUnsatisfiedDecision', 0, 'green'], 'the office’s clock urges no unit');

    state = await t.h.command(handle, 'decideUnsatisfied', { decision: 'rehandle', reason: '市民反映摊贩仍在，重新办理' }, actors.dispatcher);
    assert.deepEqual([state.status, state.round, state.counters.rehandles], ['signed', 2, 1]);
    const handleClock = state.clocks.find((c) => c.key === 'handle')!;
    assert.ok(handleClock.startedAt >= shanghai('2026-11-25 09:00'), 'the new handling clock starts at the decision');
    assert.ok(!state.clocks.some((c) => c.key === 'unsatisfiedDecision'));
    await assertProjectionMatches(state);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'unsatisfiedDecided' } });
    assert.deepEqual([audit.actorId, audit.actorRole, audit.reason, (audit.payload as { decision: string }).decision], [actors.dispatcher.id, 'dispatcher', '市民反映摊贩仍在，重新办理', 'rehandle']);
    await recordHistory('unsatisfied-callback-decided-rehandle', handle);
    await handle.terminate('test finished');
  });

  it('a supervisor marks the demand unreasonable (核减): the case closes and its row says so', async () => {
    const { handle } = await t.h.registerInCallback('+8613900003333');
    await t.h.command(handle, 'recordCallback', UNSATISFIED, actors.operator);
    await assert.rejects(t.h.command(handle, 'decideUnsatisfied', { decision: 'unreasonable', reason: '诉求超出政策' }, actors.dispatcher), (error: Error & { cause?: Error }) => /only a supervisor/.test(error.cause?.message ?? ''));
    const state = await t.h.command(handle, 'decideUnsatisfied', { decision: 'unreasonable', reason: '诉求超出政策规定，予以核减' }, actors.supervisor);
    assert.deepEqual([state.status, state.judgedUnreasonable], ['closed', true]);
    await assertProjectionMatches(state);
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: handle.workflowId } });
    assert.deepEqual([row.status, row.judgedUnreasonable, row.satisfaction], ['closed', true, 'unsatisfied']);
    await handle.terminate('test finished');
  });
});
