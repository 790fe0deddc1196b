// Seed 003's "催办两次仍未办结的予以通报批评" as policy data (`urge.criticismThreshold`, seeded 2),
// from real workflows on the time-skipping server: the second urge on a case its unit has not
// finished brings a criticism notice (通报批评), audited, sent to the unit's duty phone and its
// leader, and counted by the indicators and the assessment.
import assert from 'node:assert/strict';
import { computeIndicatorCounts } from '../../statistics/indicators';
import { ratesOf } from '../../rules/assessment/indicators';
import { DEFAULT_ASSESSMENT_SCHEME, scoreOf } from '../../rules/assessment/scheme';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

const MONTH = { from: '2026-11-01', to: '2026-11-30' } as const;
const DUTY_PHONE = '+8653181010001';
const LEADER_PHONE = '+8613800000002';

describe('criticism after repeated urges (test server from Mon 2026-11-23 10:00)', () => {
  const t = useHarnessAt('2026-11-23 10:00', 'all');

  /** 市城市管理局's counts this month (none before its first fact). */
  const chengguan = async () => (await computeIndicatorCounts(testPrisma(), { ...MONTH, groupBy: 'unit', asOf: new Date(await t.env.currentTimeMs()) })).get('chengguan');
  const criticismSms = (caseId: string) => testPrisma().smsMessage.findMany({ where: { caseId, templateCode: 'sms.criticismNotice' }, orderBy: { toNumber: 'asc' } });

  it('criticises the unit at the second urge of an unfinished case: audited, notified, counted', async () => {
    const before = (await chengguan()) ?? { urgeCount: 0, criticismCount: 0 };
    const handle = await t.h.register();
    const caseId = handle.workflowId;
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);

    const once = await t.h.command(handle, 'urge', { reason: '市民再次来电' }, actors.dispatcher);
    assert.equal(once.counters.urges, 1);
    await assertProjectionMatches(once);
    assert.equal(await testPrisma().criticismNotice.count({ where: { caseId } }), 0, 'one urge is not enough');

    const twice = await t.h.command(handle, 'urge', { reason: '市民第三次来电' }, actors.supervisor);
    assert.equal(twice.counters.urges, 2);
    await assertProjectionMatches(twice);
    const [notice, ...more] = await testPrisma().criticismNotice.findMany({ where: { caseId } });
    assert.equal(more.length, 0);
    assert.deepEqual([notice!.unitId, notice!.urgeCount, notice!.threshold, notice!.reason], ['chengguan', 2, 2, '催办2次仍未办结，予以通报批评']);
    const urges = await testPrisma().urge.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
    assert.equal(notice!.issuedAt.getTime(), urges[1]!.createdAt.getTime(), 'issued with the second urge');

    // Audited: the event after the second urge, by the system, with the rule as its reason.
    const audit = await testPrisma().auditEvent.findMany({ where: { caseId, action: { in: ['urged', 'criticized'] } }, orderBy: { chainSeq: 'asc' } });
    assert.deepEqual(audit.map((a) => [a.action, a.actorId]), [['urged', actors.dispatcher.id], ['urged', actors.supervisor.id], ['criticized', 'system']]);
    assert.equal(audit[2]!.reason, '催办2次仍未办结，予以通报批评');
    assert.deepEqual(audit[2]!.payload, { type: 'criticized', noticeId: notice!.id, unitId: 'chengguan', urgeCount: 2, threshold: 2 });

    // The notice goes to the unit's duty phone and to its leader.
    await waitUntil(async () => (await criticismSms(caseId)).length === 2);
    assert.deepEqual((await criticismSms(caseId)).map((m) => [m.toNumber, m.body]), [
      [LEADER_PHONE, `【12345热线】通报批评：市城市管理局承办的工单${caseId}经2次催办仍未办结，予以通报批评，请立即办理并报告。`],
      [DUTY_PHONE, `【12345热线】通报批评：市城市管理局承办的工单${caseId}经2次催办仍未办结，予以通报批评，请立即办理并报告。`],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));

    // A third urge is an urge, not a second criticism.
    const third = await t.h.command(handle, 'urge', { reason: '仍未办理' }, actors.dispatcher);
    await assertProjectionMatches(third);
    assert.equal(await testPrisma().criticismNotice.count({ where: { caseId } }), 1);

    // Counted: three urges and one criticism more for 市城市管理局 this month; each criticism costs
    // the scheme's points of work performance.
    const after = (await chengguan())!;
    assert.deepEqual([after.urgeCount - before.urgeCount, after.criticismCount - before.criticismCount], [3, 1]);
    const plain = scoreOf({ workPerformance: 1, citizenEvaluation: 0 }, DEFAULT_ASSESSMENT_SCHEME, { ...after, criticismCount: 0 }, ratesOf(after));
    const scored = scoreOf({ workPerformance: 1, citizenEvaluation: 0 }, DEFAULT_ASSESSMENT_SCHEME, after, ratesOf(after));
    assert.equal(DEFAULT_ASSESSMENT_SCHEME.deductions.criticismCount, 2);
    assert.ok(plain.workPerformance !== null && scored.workPerformance !== null, 'the unit has a work-performance score');
    const expected = Math.max(0, plain.workPerformance - 2 * after.criticismCount);
    assert.ok(Math.abs(scored.workPerformance - expected) <= 0.011, `${scored.workPerformance} = ${plain.workPerformance} − 2 × ${after.criticismCount}`);
    await recordHistory('criticism-after-two-urges', handle);
    await handle.terminate('test finished');
  });

  it('does not criticise a unit whose result is already up, nor when the rule is off', async () => {
    const submitted = await t.h.register();
    await t.h.command(submitted, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(submitted, 'signFor', {}, actors.leadHandler);
    await t.h.command(submitted, 'urge', { reason: '市民再次来电' }, actors.dispatcher);
    await t.h.command(submitted, 'submitResult', { actionsTaken: '已清理', replyToCitizen: '已处理。', handlerName: '张三', citizenContacted: true }, actors.leadHandler);
    const urged = await t.h.command(submitted, 'urge', { reason: '请尽快审核' }, actors.dispatcher);
    assert.equal(urged.counters.urges, 2);
    await assertProjectionMatches(urged);
    assert.equal(await testPrisma().criticismNotice.count({ where: { caseId: submitted.workflowId } }), 0, 'the result was up: 已办结 for the rule');
    await submitted.terminate('test finished');

    // An admin turns the rule off (0): cases loading their rules from then on are not criticised.
    await testPrisma().ruleSetting.update({ where: { key: 'urge.criticismThreshold' }, data: { value: 0 } });
    try {
      const off = await t.h.register();
      await t.h.command(off, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
      await t.h.command(off, 'urge', { reason: '第一次' }, actors.dispatcher);
      const state = await t.h.command(off, 'urge', { reason: '第二次' }, actors.dispatcher);
      await assertProjectionMatches(state);
      assert.equal(await testPrisma().criticismNotice.count({ where: { caseId: off.workflowId } }), 0);
      await off.terminate('test finished');
    } finally {
      await testPrisma().ruleSetting.update({ where: { key: 'urge.criticismThreshold' }, data: { value: 2 } });
    }
  });
});
