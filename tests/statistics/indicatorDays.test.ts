// The stored indicator days (statistics/indicatorDays.ts) against the same figures counted
// straight from the cases, on cases the product wrote: real petition workflows on the
// time-skipping test server (September 2025, a stretch no other suite uses, in a database of
// this suite's own), through every family of facts; then later writes to days already built,
// which must be rebuilt, days an older definition of the counts built, and a change of the
// response window, which forgets them all.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { computeIndicatorCounts, computeIndicatorCountsFromCases, type IndicatorQuery } from '../../statistics/indicatorDays';
import { FACTS_VERSION, type GroupBy } from '../../statistics/indicatorFacts';
import { GROUP_BYS } from '../../rules/assessment/indicators';
import { type IndicatorCounts } from '../../rules/assessment/indicators';
import { RESPONSE_WINDOW_SETTING } from '../../statistics/response';
import { shanghaiDate } from '../../rules/shanghaiTime';
import { testPrisma, useOwnDatabase } from '../support/db';
import { actors } from '../support/lifecycle';
import { SOLVED, useHarness } from '../support/petitions';
import { createTimeSkippingEnvAt } from '../support/temporal';

/** Monday 1 September 2025, 09:00 in Shanghai. */
const START = new Date('2025-09-01T01:00:00Z');
const HOUR = 3_600_000;
const MONTH = { from: '2025-09-01', to: '2025-09-30' };
const GROUPINGS: GroupBy[] = [...GROUP_BYS, 'all'];

const sorted = (counts: Map<string, IndicatorCounts>) => [...counts].sort(([a], [b]) => a.localeCompare(b));

describe('stored indicator days agree with the cases (time-skipping server from Mon 2025-09-01)', () => {
  useOwnDatabase('indicator_days');
  const t = useHarness(() => createTimeSkippingEnvAt(START), 'all');
  const prisma = () => testPrisma();
  const cases: Record<'closed' | 'urged' | 'returned' | 'extended' | 'unsigned', WorkflowHandle> = {} as never;
  let firstDay = '';

  /** Every grouping, the whole city and one unit's subtree, the stored path equal to the cases' path. */
  async function assertAgree(period: { from: string; to: string }, asOf?: Date): Promise<void> {
    for (const groupBy of GROUPINGS) {
      for (const withinUnitId of [null, 'chengguan']) {
        const query: IndicatorQuery = { ...period, groupBy, withinUnitId, asOf };
        const [stored, fromCases] = [await computeIndicatorCounts(prisma(), query), await computeIndicatorCountsFromCases(prisma(), query)];
        assert.deepEqual(sorted(stored), sorted(fromCases), `${groupBy}${withinUnitId ? ` within ${withinUnitId}` : ''} ${period.from}…${period.to} as of ${asOf?.toISOString() ?? 'now'}`);
      }
    }
  }

  const chengguanMonth = async () => (await computeIndicatorCounts(prisma(), { ...MONTH, groupBy: 'unit' })).get('chengguan')!;

  it('builds the days of cases run through every family of facts, and sums them to the figures counted from the cases', async () => {
    firstDay = shanghaiDate(await t.env.currentTimeMs());
    const dispatchTo = async (leadUnitId: string) => {
      const handle = await t.h.register();
      await t.h.command(handle, 'dispatch', { leadUnitId, assistUnitIds: [] }, actors.dispatcher);
      return handle;
    };
    cases.closed = await dispatchTo('chengguan');
    cases.urged = await dispatchTo('chengguan');
    cases.returned = await dispatchTo('chengguan');
    cases.extended = await dispatchTo('chengguan');
    cases.unsigned = await dispatchTo('chengguan');
    await t.env.sleep(HOUR);
    await t.h.command(cases.closed, 'recordContact', { means: 'phone', contactedAt: new Date(await t.env.currentTimeMs()).toISOString() }, actors.leadHandler);
    await t.h.command(cases.closed, 'signFor', {}, actors.leadHandler);
    await t.h.command(cases.extended, 'signFor', {}, actors.leadHandler);
    await t.h.command(cases.extended, 'requestExtension', { workingDays: 5, reason: '需协调多部门' }, actors.leadHandler);
    await t.h.command(cases.extended, 'decideExtension', { approve: true, reason: '同意延期' }, actors.dispatcher);
    await t.h.command(cases.returned, 'requestReturn', { reason: '属东湖区管辖' }, actors.leadHandler);
    await t.h.command(cases.returned, 'decideReturn', { approve: true, reason: '改派', redispatch: { leadUnitId: 'donghu', assistUnitIds: [] } }, actors.dispatcher);

    await t.h.command(cases.closed, 'submitResult', SOLVED, actors.leadHandler);
    await t.h.command(cases.closed, 'unitApprove', {}, actors.leadLeader);
    await t.h.command(cases.closed, 'review', { accept: true }, actors.dispatcher);
    assert.equal((await t.h.command(cases.closed, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true }, actors.operator)).status, 'closed');
    // Last: the criticism notice after the second urge goes out by SMS, which keeps the test server from skipping time.
    await t.h.command(cases.urged, 'urge', { reason: '市民再次来电' }, actors.dispatcher);
    await t.h.command(cases.urged, 'urge', { reason: '市民第三次来电' }, actors.supervisor);

    const month = await chengguanMonth();
    assert.deepEqual([month.received, month.leadAssignments, month.returned, month.extended, month.callbacksReached, month.respondedInTime], [5, 5, 1, 1, 1, 1]);
    assert.ok(month.urgeCount >= 2 && month.criticismCount >= 1 && month.overdueCount + month.completedOnTime > 0, 'every family has facts to agree on');
    const built = await prisma().indicatorDay.findMany({ where: { day: { gte: new Date(`${firstDay}T00:00:00Z`) } } });
    assert.ok(built.some((d) => d.day.toISOString().startsWith(firstDay)), 'the first day was built (it ended before today)');
    assert.ok((await prisma().indicatorDayCount.count()) > 0);
    assert.equal(await prisma().indicatorDirtyDay.count({ where: { day: { gte: new Date(`${MONTH.from}T00:00:00Z`), lte: new Date(`${MONTH.to}T00:00:00Z`) } } }), 0, 'the marks of the month were consumed');

    await assertAgree(MONTH);
    await assertAgree({ from: firstDay, to: firstDay });
    // As of the first evening: the stored first day does not hold yet (its deadlines ran on), the cases are counted.
    await assertAgree(MONTH, new Date(START.getTime() + 10 * HOUR));
  });

  it('rebuilds a built day that a later write changes: the first contact recorded for a case dispatched then', async () => {
    const before = await chengguanMonth();
    // A contact changes the assignment only (not the case's dates or status), so its trigger alone marks the day.
    await t.h.command(cases.unsigned, 'recordContact', { means: 'sms', contactedAt: new Date(await t.env.currentTimeMs()).toISOString() }, actors.leadHandler);
    assert.ok((await prisma().indicatorDirtyDay.count({ where: { day: new Date(`${firstDay}T00:00:00Z`) } })) > 0, 'the write marked the day of the dispatch');
    const after = await chengguanMonth();
    assert.equal(after.respondedInTime, before.respondedInTime + 1, 'the stored day was rebuilt, not read stale');
    await assertAgree(MONTH);
  });

  it('never sums days that another definition of the counts built: they are rebuilt first (a KPI added or a count corrected)', async () => {
    const before = await chengguanMonth();
    // Days as an older release left them: another stamp, and counts its definition gave.
    await prisma().$executeRaw`UPDATE "IndicatorDay" SET "factsVersion" = 'older-release'`;
    await prisma().$executeRaw`UPDATE "IndicatorDayCount" SET counts = counts || '{"respondedInTime": 99, "received": 99}'::jsonb WHERE "unitId" = 'chengguan'`;
    assert.deepEqual(await chengguanMonth(), before, 'the older days were rebuilt, not read');
    assert.deepEqual((await prisma().indicatorDay.findMany({ select: { factsVersion: true }, distinct: ['factsVersion'] })).map((d) => d.factsVersion), [FACTS_VERSION]);
    await assertAgree(MONTH);
  });

  it('rebuilds once when readers race, and forgets every built day when the response window changes', async () => {
    await prisma().indicatorDay.deleteMany();
    const answers = await Promise.all(Array.from({ length: 4 }, () => computeIndicatorCounts(prisma(), { ...MONTH, groupBy: 'unit' })));
    for (const answer of answers.slice(1)) assert.deepEqual(sorted(answer), sorted(answers[0]!));

    assert.equal((await chengguanMonth()).respondedInTime, 2, 'both contacts within 24 hours');
    await prisma().ruleSetting.upsert({
      where: { key: RESPONSE_WINDOW_SETTING },
      update: { value: 0.001 },
      create: { key: RESPONSE_WINDOW_SETTING, value: 0.001, description: 'test' },
    });
    try {
      assert.equal(await prisma().indicatorDay.count(), 0, 'the change forgot the built days');
      assert.equal((await chengguanMonth()).respondedInTime, 0, 'both contacts came an hour or more after dispatch: late under a 3.6-second window');
      await assertAgree(MONTH);
    } finally {
      await prisma().ruleSetting.update({ where: { key: RESPONSE_WINDOW_SETTING }, data: { value: 24 } });
    }
  });
});
