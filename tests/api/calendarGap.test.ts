// Issue 13, "one admin click breaks the desk for everyone": importing a year apart from the
// covered ones made every case list answer 500 and every new case's rules load retry forever.
// Such a year is now refused (409), and a database an older version left with a gap keeps
// working: the gap's days are uncovered (Monday to Friday, deadlines through them provisional),
// /healthz names the missing years, and the admin removes the stray years through the API.
import assert from 'node:assert/strict';
import { importCalendarYear, weekdayCalendarYear } from '../../lib/calendarYears';
import { getStateQuery } from '../../workflows/petition/definitions';
import type { Clock, PetitionState } from '../../rules/lifecycle/types';
import { shanghaiDate } from '../../rules/shanghaiTime';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { getJson } from '../support/http';
import { waitUntil } from '../support/petitions';

const yearRange = (year: number) => ({ gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) });

async function deleteYearDirectly(year: number): Promise<void> {
  await testPrisma().calendarDay.deleteMany({ where: { date: yearRange(year) } });
  await testPrisma().calendarYear.deleteMany({ where: { year } });
}

describe('a gap in the working-day calendar', () => {
  const stack = useApiStack();
  let api: AdminApiClient;
  let covered: number[];

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('admin', 'operator', 'dispatcher', 'handler');
    covered = (await testPrisma().calendarYear.findMany({ orderBy: { year: 'asc' } })).map((row) => row.year);
  });

  /** The case list for an office role and a unit role, and a new case that becomes visible. */
  async function assertDeskWorks(): Promise<string> {
    for (const user of ['operator', 'handler']) {
      const list = await api.get('/api/cases', user);
      assert.equal(list.status, 200, `${user}: ${JSON.stringify(list.body)}`);
    }
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'consultation', title: '日历缺年时登记', content: '工作日历缺少年份时仍应正常登记。' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    await waitUntil(async () => (await api.get(`/api/cases/${registered.body.id}`, 'operator')).status === 200);
    return registered.body.id as string;
  }

  it('refuses importing or opening a year that does not adjoin the covered ones, and the desk works on', async () => {
    const first = Math.min(...covered);
    const imported = await api.post(`/api/calendar/import/${first - 10}`, {}, 'admin');
    assert.equal(imported.status, 409, JSON.stringify(imported.body));
    assert.equal(imported.body.error.code, 'calendar_gap');
    const opened = await api.post(`/api/calendar/years/${Math.max(...covered) + 2}`, { reason: '跳过一年' }, 'admin');
    assert.deepEqual([opened.status, opened.body.error?.code], [409, 'calendar_gap']);
    assert.deepEqual((await testPrisma().calendarYear.findMany({ orderBy: { year: 'asc' } })).map((row) => row.year), covered, 'nothing was imported');
    await assertDeskWorks();
  });

  describe('left by an older version (a year imported apart, another entered far ahead)', () => {
    const past = 2006;
    let ahead: number;
    let categoryId: string;
    let policyId: string;

    before(async () => {
      ahead = Math.max(...covered) + 2;
      // As the old API did (import of any chinese-days year), and a year entered beyond a missing one.
      await importCalendarYear(testPrisma(), past);
      await testPrisma().calendarDay.createMany({ data: weekdayCalendarYear(ahead).map((day) => ({ ...day, date: new Date(day.date), source: 'admin' as const })) });
      await testPrisma().calendarYear.create({ data: { year: ahead, source: 'admin' } });
      // A category whose handling limit runs from now through the missing year into the one ahead.
      const category = await api.post('/api/categories', { code: `gap-${api.run}`, name: `跨年长时限${api.run}`, parentId: null, reason: 'calendar gap test' }, 'admin');
      assert.equal(category.status, 201, JSON.stringify(category.body));
      categoryId = category.body.id;
      const policy = await api.post('/api/policies', { clock: 'handle', caseTypeCode: 'complaint', categoryId, amount: 300, unit: 'workingDays', warnRatio: 0.8, reason: 'calendar gap test' }, 'admin');
      assert.equal(policy.status, 201, JSON.stringify(policy.body));
      policyId = policy.body.id;
    });

    after(async () => {
      // Other suites share this database and read its coverage.
      await deleteYearDirectly(past);
      await deleteYearDirectly(ahead);
      await api.delete(`/api/policies/${policyId}?reason=test`, 'admin');
      await api.put(`/api/categories/${categoryId}`, { active: false, reason: 'test finished' }, 'admin');
    });

    it('keeps the case list and intake working, with deadlines through the gap provisional', async () => {
      const caseId = await assertDeskWorks();
      const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
      assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));

      const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', categoryId, title: '跨年办理', content: '办理时限跨过日历缺少的年份。' }, 'operator');
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      await waitUntil(async () => (await api.get(`/api/cases/${registered.body.id}`, 'operator')).status === 200);
      const state = (await api.post(`/api/cases/${registered.body.id}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher')).body as PetitionState;
      const handle = state.clocks.find((clock: Clock) => clock.key === 'handle')!;
      assert.deepEqual(handle.limit, { amount: 300, unit: 'workingDays' });
      // 300 working days from now end in the year ahead, counted through the missing year.
      assert.equal(Number(shanghaiDate(handle.dueAt).slice(0, 4)), ahead, shanghaiDate(handle.dueAt));
      assert.equal(handle.provisional, true, 'the missing year was guessed Monday to Friday');
      const signFor = state.clocks.find((clock: Clock) => clock.name === 'signFor')!;
      assert.equal(signFor.provisional, !covered.includes(Number(shanghaiDate(signFor.dueAt).slice(0, 4))), 'a covered due day is not provisional');
      await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: state.caseId } })).handleDueAt?.getTime() === handle.dueAt);
      // The workflow's own state agrees (the clock was not only computed for the answer).
      const queried = await stack.env.client.workflow.getHandle(state.caseId).query(getStateQuery);
      assert.equal(queried.clocks.find((clock) => clock.key === 'handle')!.provisional, true);
      assert.equal((await api.get('/api/cases', 'handler')).status, 200);
    });

    it('reports the missing years on /healthz (a code the console translates) without taking the API out of service', async () => {
      const { status, body } = await getJson(`${stack.api.url}/healthz`);
      const missing = [...Array.from({ length: Math.min(...covered) - past - 1 }, (_, i) => past + 1 + i), ahead - 1];
      assert.equal(body.checks.calendar.ok, true, 'the current year is covered');
      assert.deepEqual(body.checks.calendar.missingYears, missing);
      const warning = body.checks.calendar.warning;
      assert.deepEqual([warning.code, warning.year, warning.missingYears], ['calendarGap', past + 1, missing]);
      assert.match(warning.message, /gap/);
      assert.equal(status, body.checks.postgres.ok && body.checks.temporal.ok ? 200 : 503);
    });

    it('lets the admin remove the stray years through the API, only at the ends, with a reason, audited', async () => {
      const noReason = await api.delete(`/api/calendar/years/${past}`, 'admin');
      assert.deepEqual([noReason.status, Object.keys(noReason.body.error.fields ?? {})], [400, ['reason']]);
      const inside = await api.send('DELETE', `/api/calendar/years/${Math.min(...covered)}`, 'admin', { reason: '删中间' });
      assert.deepEqual([inside.status, inside.body.error?.code], [409, 'calendar_gap']);
      assert.equal((await api.send('DELETE', `/api/calendar/years/${past}`, 'operator', { reason: '误导入' })).status, 403);
      const calendarView = await api.get(`/api/calendar?year=${past}`, 'admin');
      assert.deepEqual(calendarView.body.actions, ['remove']);

      const removed = await api.send('DELETE', `/api/calendar/years/${past}`, 'admin', { reason: '误导入的2006年' });
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.equal(removed.body.days, 365);
      assert.equal(removed.body.rulesBroadcast.status, 'requested', 'open cases recompute');
      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'calendarYear', entityId: String(past), action: 'calendarYearRemoved' } });
      assert.deepEqual([audit.reason, audit.actorId], ['误导入的2006年', 'user-admin']);
      assert.equal((await api.send('DELETE', `/api/calendar/years/${ahead}`, 'admin', { reason: '提前录入的年份' })).status, 200);

      assert.deepEqual((await testPrisma().calendarYear.findMany({ orderBy: { year: 'asc' } })).map((row) => row.year), covered);
      assert.equal(await testPrisma().calendarDay.count({ where: { date: yearRange(past) } }), 0);
      const health = await getJson(`${stack.api.url}/healthz`);
      assert.deepEqual(health.body.checks.calendar.missingYears, []);
      assert.notEqual(health.body.checks.calendar.warning?.code, 'calendarGap');
      await assertDeskWorks();
    });
  });
});
