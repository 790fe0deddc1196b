// 核减 leaves the assessment: three complaints 市城市管理局 handled through real petition
// workflows (time-skipping test server from Mon 2026-06-08, a stretch no other suite uses) and
// the real projection: one satisfied, one unsatisfied that the office closed with an explanation,
// one answered after its deadline, unsatisfied, that a supervisor judged unreasonable. The unit's
// satisfaction and on-time figures, and the summary's answers, are the ones the product computes.
import assert from 'node:assert/strict';
import { computeIndicators } from '../../statistics/indicators';
import { computeSummary } from '../../statistics/summary';
import { shanghaiDate } from '../../rules/shanghaiTime';
import type { PetitionState } from '../../rules/lifecycle/types';
import { testPrisma } from '../support/db';
import { actors } from '../support/lifecycle';
import { SOLVED, useHarnessAt, waitUntil } from '../support/petitions';

async function projected(state: PetitionState): Promise<void> {
  await waitUntil(async () => ((await testPrisma().case.findUnique({ where: { id: state.caseId } }))?.projectionVersion ?? 0) >= state.seq);
}

describe('statistics: a demand judged unreasonable (核减) is left out of the unit’s assessment', () => {
  const t = useHarnessAt('2026-06-08 09:00', 'all');

  it('counts the satisfied and the explained cases, and not the one judged unreasonable, which also came late', async () => {
    const day = shanghaiDate(await t.env.currentTimeMs());
    const unsatisfied = { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false };

    const { handle: satisfied } = await t.h.registerInCallback('+8613900004441');
    await projected(await t.h.command(satisfied, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true }, actors.operator));
    const { handle: explained } = await t.h.registerInCallback('+8613900004442');
    await t.h.command(explained, 'recordCallback', unsatisfied, actors.operator);
    await projected(await t.h.command(explained, 'decideUnsatisfied', { decision: 'close', reason: '已依法处理，向市民解释' }, actors.dispatcher));

    // The third one's result goes up a day after its deadline, then the citizen is unsatisfied and a supervisor judges the demand unreasonable.
    const unreasonable = await t.h.register({ citizenPhone: '+8613900004443' });
    await t.h.command(unreasonable, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    const signed = await t.h.command(unreasonable, 'signFor', {}, actors.leadHandler);
    const dueAt = signed.clocks.find((c) => c.key === 'handle')!.dueAt;
    await t.env.sleep(dueAt - (await t.env.currentTimeMs()) + 86_400_000);
    await t.h.command(unreasonable, 'submitResult', SOLVED, actors.leadHandler);
    await t.h.command(unreasonable, 'unitApprove', {}, actors.leadLeader);
    await t.h.command(unreasonable, 'review', { accept: true }, actors.dispatcher);
    await t.h.command(unreasonable, 'recordCallback', unsatisfied, actors.operator);
    await projected(await t.h.command(unreasonable, 'decideUnsatisfied', { decision: 'unreasonable', reason: '诉求超出政策规定，予以核减' }, actors.supervisor));
    const today = shanghaiDate(await t.env.currentTimeMs());

    const row = (id: string) => testPrisma().case.findUniqueOrThrow({ where: { id } });
    const cases = [await row(satisfied.workflowId), await row(explained.workflowId), await row(unreasonable.workflowId)];
    assert.deepEqual(cases.map((c) => [c.satisfaction, c.judgedUnreasonable, c.finalHandleDueAt?.getTime() === dueAt]), [['satisfied', false, true], ['unsatisfied', false, true], ['unsatisfied', true, true]], 'one deadline for all three');

    const { rows } = await computeIndicators(testPrisma(), { groupBy: 'unit', from: day, to: today, asOf: new Date(await t.env.currentTimeMs()) });
    const chengguan = rows.find((row) => row.key === 'chengguan')!;
    assert.equal(chengguan.satisfactionRate, 0.5, '满意率: one satisfied of the two assessed, not one of three');
    assert.equal(chengguan.resolutionRate, 0.5);
    assert.equal(chengguan.completedOnTimeRate, 1, '按时办结率: the late result judged unreasonable is not held against the unit');
    assert.equal(chengguan.overdueCount, 0);
    assert.equal(chengguan.received, 3, 'the unit still received three cases');

    const summary = await computeSummary(testPrisma(), { from: day, to: today });
    assert.deepEqual(summary.satisfaction, { satisfied: 1, basicallySatisfied: 0, unsatisfied: 1 });
    assert.equal(summary.totals.satisfactionRate, 0.5);
  });
});
