// Sub-dispatch down the tree through the real workflow (issue 19): several sub-units, a third
// level whose deadline and warning fire at the instant 2 working days before its parent's (over
// National Day 2026), no fourth level, and the lead's result waiting for its sub-units.
import assert from 'node:assert/strict';
import { endOfShanghaiDay } from '../../rules/shanghaiTime';
import type { Actor, PetitionState } from '../../rules/lifecycle/types';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

/** A level-3 unit under 东湖执法大队 (the seed has none). */
const SQUAD = 'chengguan-donghu-squad1';
const squad: Actor = { id: 'user-cg-squad1', roles: ['unitHandler'], unitId: SQUAD };
const RESULT = { actionsTaken: '现场劝离', replyToCitizen: '已处理', handlerName: '王五', citizenContacted: true };

function refusedWith(type: string, details?: unknown) {
  return (error: unknown) => {
    const cause = (error as { cause?: { type?: string; details?: unknown[] } }).cause;
    assert.equal(cause?.type, type);
    if (details !== undefined) assert.deepEqual(cause?.details?.[0], details);
    return true;
  };
}

describe('sub-dispatch down the tree (test server from Mon 2026-09-14 10:00)', () => {
  const t = useHarnessAt('2026-09-14 10:00', 'each');
  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  before(async () => {
    const parent = await testPrisma().unit.findUniqueOrThrow({ where: { id: 'chengguan-donghu' } });
    await testPrisma().unit.upsert({
      where: { id: SQUAD },
      update: {},
      create: { id: SQUAD, code: SQUAD, name: '东湖执法大队一中队', kind: 'subBureau', level: parent.level + 1, parentId: parent.id, lineage: [...parent.lineage, SQUAD] },
    });
  });

  it('runs a third level whose deadline and warning fall 2 working days before its parent’s, refuses a fourth, and holds the lead’s result until its sub-units are done', async () => {
    // Received on the server's day: the case's calendar starts there.
    const handle = await t.h.register({ receivedAt: new Date(shanghai('2026-09-14 09:50')).toISOString() });
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    let state = await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    // 15 working days from Monday 09-14 over Mid-Autumn (09-25) and National Day: the end of Saturday 10-10, a worked day.
    assert.equal(state.clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-10-10'));
    await assert.rejects(t.h.command(handle, 'subDispatch', { subUnitIds: ['chengguan-xishan', 'donghu-jiefang'] }, actors.leadHandler), refusedWith('invalidInput', { 'subUnitIds.1': 'is not below chengguan' }));
    state = await t.h.command(handle, 'subDispatch', { subUnitIds: ['chengguan-donghu', 'chengguan-xishan'], instructions: '请分片核查' }, actors.leadHandler);
    const subs = state.assignments.filter((a) => a.role === 'sub');
    assert.deepEqual(subs.map((a) => a.unitId), ['chengguan-donghu', 'chengguan-xishan']);
    // Before 10-10: 10-09 (1), 10-08 (2).
    for (const sub of subs) assert.equal(state.clocks.find((c) => c.key === `subHandle:${sub.id}`)!.dueAt, endOfShanghaiDay('2026-10-08'));

    await t.h.command(handle, 'signFor', {}, actors.subUnitHandler);
    await assert.rejects(t.h.command(handle, 'subDispatch', { subUnitIds: ['donghu-jiefang'] }, actors.subUnitHandler), refusedWith('invalidInput', { 'subUnitIds.0': 'is not below chengguan-donghu' }));
    state = await t.h.command(handle, 'subDispatch', { subUnitIds: [SQUAD] }, actors.subUnitHandler);
    const third = state.assignments.find((a) => a.unitId === SQUAD)!;
    const clock = state.clocks.find((c) => c.key === `subHandle:${third.id}`)!;
    // Before 10-08: 10-01..07 are holidays, so 09-30 (1), 09-29 (2); yellow at 80 % of the span from now.
    const startedAt = await t.env.currentTimeMs();
    assert.equal(clock.dueAt, endOfShanghaiDay('2026-09-29'));
    assert.ok(Math.abs(clock.yellowAt - (clock.startedAt + Math.floor((clock.dueAt - clock.startedAt) * 0.8))) === 0 && clock.startedAt <= startedAt);
    await t.h.command(handle, 'signFor', {}, squad);
    await assert.rejects(t.h.command(handle, 'subDispatch', { subUnitIds: ['donghu-jiefang'] }, squad), refusedWith('invalidState'));
    await assert.rejects(t.h.command(handle, 'submitResult', RESULT, actors.leadHandler), refusedWith('invalidState'));

    const squadLevel = (s: PetitionState) => s.clocks.find((c) => c.key === `subHandle:${third.id}`)?.level;
    await sleepUntil(clock.yellowAt - 60_000);
    assert.equal(squadLevel(await t.h.state(handle)), 'green', 'not yet a minute before');
    await sleepUntil(clock.yellowAt + 60_000);
    await waitUntil(async () => squadLevel(await t.h.state(handle)) === 'yellow');
    await sleepUntil(clock.dueAt - 60_000);
    assert.equal(squadLevel(await t.h.state(handle)), 'yellow');
    await sleepUntil(clock.dueAt + 60_000);
    await waitUntil(async () => squadLevel(await t.h.state(handle)) === 'red');
    const urges = await testPrisma().urge.findMany({ where: { caseId: state.caseId, unitId: SQUAD } });
    assert.equal(urges.length, 1, 'the overdue squad is urged');

    await t.h.command(handle, 'submitResult', RESULT, squad);
    await t.h.command(handle, 'reviewSubResult', { accept: true }, actors.subUnitHandler);
    await t.h.command(handle, 'submitResult', RESULT, actors.subUnitHandler);
    await t.h.command(handle, 'signFor', {}, { id: 'user-cg-xishan', roles: ['unitHandler'], unitId: 'chengguan-xishan' });
    await t.h.command(handle, 'submitResult', RESULT, { id: 'user-cg-xishan', roles: ['unitHandler'], unitId: 'chengguan-xishan' });
    await assert.rejects(t.h.command(handle, 'reviewSubResult', { accept: true }, actors.leadHandler), refusedWith('invalidInput'));
    for (const sub of subs) await t.h.command(handle, 'reviewSubResult', { assignmentId: sub.id, accept: true }, actors.leadHandler);
    state = await t.h.command(handle, 'submitResult', RESULT, actors.leadHandler);
    assert.equal(state.status, 'resultSubmitted');
    await assertProjectionMatches(state);
    const rows = await testPrisma().caseAssignment.findMany({ where: { caseId: state.caseId, role: 'sub' }, orderBy: { id: 'asc' } });
    assert.deepEqual(rows.map((r) => [r.unitId, r.parentAssignmentId, r.status]).sort(), [
      ['chengguan-donghu', state.leadAssignmentId, 'completed'],
      ['chengguan-xishan', state.leadAssignmentId, 'completed'],
      [SQUAD, subs[0]!.id, 'completed'],
    ].sort());
    await recordHistory('sub-dispatch-tree', handle);
    await handle.terminate('test finished');
  });
});
