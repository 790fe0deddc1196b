// Opening a calendar year chinese-days has no notice for yet: Monday to Friday working, then
// edited day by day; only adjoining the covered years, audited, admin only.
import assert from 'node:assert/strict';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';

describe('/api/calendar/years/:year', () => {
  const stack = useApiStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('admin', 'dispatcher');
  });

  it('opens the year after the covered ones Monday to Friday, lets a day be marked, and audits it', async () => {
    const years = (await testPrisma().calendarYear.findMany({ select: { year: true } })).map((y) => y.year);
    const next = Math.max(...years) + 1;
    const range = { gte: new Date(`${next}-01-01`), lte: new Date(`${next}-12-31`) };
    try {
      assert.equal((await api.post(`/api/calendar/years/${next}`, { reason: '国务院通知尚未收录' }, 'dispatcher')).status, 403);
      const noReason = await api.post(`/api/calendar/years/${next}`, {}, 'admin');
      assert.equal(noReason.status, 400);
      assert.deepEqual(Object.keys(noReason.body.error.fields), ['reason']);
      assert.equal((await api.post(`/api/calendar/years/${next + 1}`, { reason: '跳过一年' }, 'admin')).body.error?.code, 'calendar_gap');
      assert.equal((await api.post(`/api/calendar/years/${next - 1}`, { reason: '已覆盖' }, 'admin')).body.error?.code, 'year_covered');

      const opened = await api.post(`/api/calendar/years/${next}`, { reason: '国务院放假通知已发布，待录入' }, 'admin');
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const days = await testPrisma().calendarDay.findMany({ where: { date: range }, orderBy: { date: 'asc' } });
      const isLeap = new Date(Date.UTC(next, 1, 29)).getUTCMonth() === 1;
      assert.equal(days.length, isLeap ? 366 : 365);
      for (const day of days) {
        const weekday = day.date.getUTCDay();
        assert.equal(day.isWorkingDay, weekday !== 0 && weekday !== 6, `${day.date.toISOString().slice(0, 10)} follows Monday to Friday`);
      }
      assert.equal((await api.post(`/api/calendar/years/${next}`, { reason: '再开一次' }, 'admin')).body.error?.code, 'year_covered');

      // New Year's Day of the new year, marked from the notice.
      const marked = await api.put(`/api/calendar/${next}-01-01`, { isWorkingDay: false, name: '元旦', reason: '按国务院通知录入' }, 'admin');
      assert.equal(marked.status, 200, JSON.stringify(marked.body));
      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'calendarYear', entityId: String(next), action: 'calendarYearOpened' } });
      assert.equal(audit.reason, '国务院放假通知已发布，待录入');
      assert.equal(audit.actorId, 'user-admin');
    } finally {
      // Other suites share this database and read its coverage.
      await testPrisma().calendarDay.deleteMany({ where: { date: range } });
      await testPrisma().calendarYear.deleteMany({ where: { year: next } });
    }
  });
});
