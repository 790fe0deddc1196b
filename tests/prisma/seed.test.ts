// The seed ran once on the test database (scripts/test.ts); these check what a city gets.
import assert from 'node:assert/strict';
import { runSeed } from '../../prisma/seed';
import { calendarYearFromChineseDays } from '../../lib/calendarYears';
import { testPrisma } from '../support/db';

const day = (date: string) => testPrisma().calendarDay.findUniqueOrThrow({ where: { date: new Date(date) } });

describe('seed', () => {
  it('builds the unit tree from the hotline office down to streets and communities', async () => {
    const units = await testPrisma().unit.findMany();
    const byId = new Map(units.map((u) => [u.id, u]));
    const root = units.filter((u) => u.parentId === null);
    assert.deepEqual(root.map((u) => [u.id, u.kind, u.level]), [['hotline', 'hotlineOffice', 0]]);
    for (const unit of units) {
      const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
      assert.equal(unit.level, parent ? parent.level + 1 : 0, `${unit.id} level`);
      assert.deepEqual(unit.lineage, [...(parent?.lineage ?? []), unit.id], `${unit.id} lineage`);
    }
    const names = units.map((u) => u.name);
    for (const department of ['市城市管理局', '市住房和城乡建设局', '市市场监督管理局', '市公安局', '市生态环境局', '市水务集团有限公司']) {
      assert.ok(names.includes(department), department);
    }
    assert.ok(units.some((u) => u.level === 3), 'has a level-3 unit');
    // Subtree lookup through the GIN-indexed lineage: 东湖区 and everything under it.
    const donghu = await testPrisma().unit.findMany({ where: { lineage: { has: 'donghu' } } });
    assert.deepEqual(donghu.map((u) => u.id).sort(), ['donghu', 'donghu-jiefang', 'donghu-jiefang-heping', 'donghu-qingnian', 'donghu-wenhua']);
  });

  it('has the default time limits of DOMAIN.md as policy rows', async () => {
    const policies = await testPrisma().deadlinePolicy.findMany();
    const handle = Object.fromEntries(policies.filter((p) => p.clock === 'handle' && p.dispatchMode === null).map((p) => [p.caseTypeCode, `${p.amount} ${p.unit}`]));
    assert.deepEqual(handle, {
      consultation: '5 workingDays', complaint: '15 workingDays', report: '30 workingDays',
      help: '5 workingDays', suggestion: '15 workingDays', opinion: '15 workingDays',
    });
    // Seed 003: a phone dispatch is reported within 3 working days, a written one within 7, whatever the case type.
    const byMode = Object.fromEntries(policies.filter((p) => p.clock === 'handle' && p.dispatchMode !== null).map((p) => [p.dispatchMode, `${p.amount} ${p.unit} ${p.caseTypeCode}`]));
    assert.deepEqual(byMode, { phone: '3 workingDays null', written: '7 workingDays null' });
    const signFor = policies.find((p) => p.clock === 'signFor' && p.urgency === null && p.caseTypeCode === null);
    assert.equal(`${signFor?.amount} ${signFor?.unit}`, '1 workingDays');
    const emergency = policies.find((p) => p.clock === 'signFor' && p.urgency === 'emergency');
    assert.equal(`${emergency?.amount} ${emergency?.unit}`, '30 minutes');
    const clocks = new Set(policies.map((p) => p.clock));
    for (const clock of ['returnWindow', 'callback', 'reReviewWindow', 'escalateToSupervisor', 'escalateToLeadership', 'assistOpinion', 'extensionDecision']) {
      assert.ok(clocks.has(clock as never), clock);
    }
    const cap = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'extension.maxTotalWorkingDays' } });
    assert.equal(cap.value, 10);
  });

  it('imports the 2026 calendar with its holidays and weekend working days', async () => {
    assert.deepEqual(await day('2026-02-14').then((d) => [d.isWorkingDay, d.kind]), [true, 'adjustedWorkday']);
    assert.deepEqual(await day('2026-02-28').then((d) => [d.isWorkingDay, d.kind]), [true, 'adjustedWorkday']);
    assert.deepEqual(await day('2026-02-16').then((d) => [d.isWorkingDay, d.kind, d.name]), [false, 'holiday', '春节']);
    assert.deepEqual(await day('2026-09-20').then((d) => [d.isWorkingDay, d.kind]), [true, 'adjustedWorkday']);
    assert.deepEqual(await day('2026-10-10').then((d) => [d.isWorkingDay, d.kind]), [true, 'adjustedWorkday']);
    for (let d = 1; d <= 7; d++) {
      assert.deepEqual(await day(`2026-10-0${d}`).then((x) => [x.isWorkingDay, x.kind, x.name]), [false, 'holiday', '国庆节'], `2026-10-0${d}`);
    }
    assert.deepEqual(await day('2026-11-23').then((d) => [d.isWorkingDay, d.kind]), [true, 'workday']);
    assert.deepEqual(await day('2026-11-22').then((d) => [d.isWorkingDay, d.kind]), [false, 'weekend']);
    assert.equal(await testPrisma().calendarDay.count({ where: { date: { gte: new Date('2026-01-01'), lte: new Date('2026-12-31') } } }), 365);
    assert.throws(() => calendarYearFromChineseDays(2027), /no holiday notice for 2027/);
  });

  it('has one demo user per role', async () => {
    const roles = (await testPrisma().user.findMany()).flatMap((u) => u.roles);
    for (const role of ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin']) {
      assert.ok(roles.includes(role as never), role);
    }
  });

  it('is idempotent and keeps what an admin changed', async () => {
    const prisma = testPrisma();
    await prisma.deadlinePolicy.update({ where: { id: 'handle-complaint' }, data: { amount: 10 } });
    await prisma.calendarDay.update({ where: { date: new Date('2026-12-31') }, data: { isWorkingDay: false, kind: 'holiday', name: '市定假日', source: 'admin' } });
    const counts = async () => Promise.all([prisma.unit.count(), prisma.user.count(), prisma.category.count(), prisma.deadlinePolicy.count(), prisma.calendarDay.count(), prisma.knowledgeArticle.count()]);
    const before = await counts();
    try {
      const report = await runSeed(prisma, { demo: true });
      assert.deepEqual(report, { calendarYearsImported: [], demoApplied: false });
      assert.deepEqual(await counts(), before);
      assert.equal((await prisma.deadlinePolicy.findUniqueOrThrow({ where: { id: 'handle-complaint' } })).amount, 10);
      assert.equal((await day('2026-12-31')).name, '市定假日');
    } finally {
      await prisma.deadlinePolicy.update({ where: { id: 'handle-complaint' }, data: { amount: 15 } });
      await prisma.calendarDay.update({ where: { date: new Date('2026-12-31') }, data: { isWorkingDay: true, kind: 'workday', name: null, source: 'chineseDays' } });
    }
  });
});
