// Beijing's 三率 (响应率, 解决率, 满意率) and the target lines, from what the product writes: real
// petition workflows on the time-skipping test server (a faked March 2025), the contact recorded
// through the API, then the figures, the ranking and the report read through the API after a
// city sets its 30/35/35 scheme and its targets as rule settings. 住建局's open case is urged
// twice through the API, so that urge counts and the criticism notice they bring reach the same
// surfaces (JSON, CSV, XLSX, the monthly report).
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Actor } from '../../rules/lifecycle/types';
import { AdminApiClient } from '../support/adminApi';
import { testPrisma, useOwnDatabase } from '../support/db';
import { recordHistory } from '../support/histories';
import { startApi, type RunningApi } from '../support/http';
import { actors } from '../support/lifecycle';
import { useHarness, waitUntil } from '../support/petitions';
import { createTimeSkippingEnvAt } from '../support/temporal';

/** Monday 3 March 2025, 09:00 in Shanghai. */
const START = new Date('2025-03-03T01:00:00Z');
const MONTH = '2025-03';
const PERIOD = 'from=2025-03-01&to=2025-03-31';
const HOUR = 3_600_000;
const SOLVED = { actionsTaken: '已现场处理', replyToCitizen: '问题已解决。', handlerName: '张三', citizenContacted: true, resolved: true };

const donghuHandler: Actor = { id: 'user-district-handler', roles: ['unitHandler'], unitId: 'donghu' };
const donghuLeader: Actor = { id: 'user-donghu-leader', roles: ['unitLeader'], unitId: 'donghu' };

/** Beijing 接诉即办: 30 % 响应率 + 35 % 解决率 + 35 % 满意率. */
const THREE_RATES = {
  weights: { workPerformance: 0.3, citizenEvaluation: 0.7 },
  scheme: {
    workPerformance: [{ indicator: 'responseRate', weight: 1, direction: 'higherIsBetter' }],
    citizenEvaluation: [
      { indicator: 'resolutionRate', weight: 0.5, direction: 'higherIsBetter' },
      { indicator: 'satisfactionRate', weight: 0.5, direction: 'higherIsBetter' },
    ],
    deductions: { supervisionCount: 0, overdueCount: 0 },
  },
};

describe('三率 and targets over real workflows (time-skipping server, then the API)', () => {
  useOwnDatabase('three_rates');
  const t = useHarness(() => createTimeSkippingEnvAt(START), 'all');
  let server: RunningApi;
  let api: AdminApiClient;
  /** "Now" for the statistics: the test server's clock once the cases have run. */
  let asOf = START.getTime();
  const caseIds: Record<'chengguan' | 'donghu' | 'zhujian', string> = { chengguan: '', donghu: '', zhujian: '' };
  let chengguanContactAt = 0;
  let chengguanDispatchedAt = 0;

  before(async () => {
    server = await startApi({ temporal: t.env.connection, taskQueue: t.h.taskQueue, now: () => new Date(asOf) });
    api = new AdminApiClient(server.url);
    await api.login('admin', 'supervisor', 'handler', 'donghu');
  });

  after(async () => {
    await server?.close();
  });

  const contactThroughApi = (caseId: string, body: unknown, as = 'handler') => api.post(`/api/cases/${caseId}/commands/recordContact`, body, as);
  const putSetting = (key: string, value: unknown) => api.put(`/api/rule-settings/${key}`, { value, reason: '接诉即办考核' }, 'admin');
  const unitRows = async () => {
    const response = await api.get(`/api/statistics/indicators?groupBy=unit&${PERIOD}`, 'supervisor');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return { targets: response.body.targets, byUnit: new Map<string, any>(response.body.rows.map((row: { key: string }) => [row.key, row])) };
  };
  const assessment = async () => {
    const response = await api.get(`/api/statistics/assessment?month=${MONTH}`, 'supervisor');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return { targets: response.body.targets, byUnit: new Map<string, any>(response.body.rows.map((row: { unitId: string }) => [row.unitId, row])) };
  };

  it('runs three cases: 城管局 calls the citizen within the hour but signs for late, 东湖区 signs at once but calls after two days, 住建局 has just received its case', async () => {
    const chengguan = await t.h.register();
    const donghu = await t.h.register();
    caseIds.chengguan = chengguan.workflowId;
    caseIds.donghu = donghu.workflowId;
    const dispatched = await t.h.command(chengguan, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    chengguanDispatchedAt = dispatched.assignments[0]!.dispatchedAt;
    await t.h.command(donghu, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(donghu, 'signFor', {}, donghuHandler);

    // The contact is a command like the others: validated, then taken by the workflow.
    const now = await t.env.currentTimeMs();
    const future = await contactThroughApi(caseIds.chengguan, { means: 'phone', contactedAt: new Date(now + 2 * HOUR).toISOString() });
    assert.equal(future.status, 400);
    assert.equal(future.body.error.fields.contactedAt, 'is in the future');
    const early = await contactThroughApi(caseIds.chengguan, { means: 'phone', contactedAt: new Date(chengguanDispatchedAt - (chengguanDispatchedAt % 60_000) - 1).toISOString() });
    assert.equal(early.status, 400);
    assert.match(early.body.error.fields.contactedAt, /before the dispatch/);
    const badMeans = await contactThroughApi(caseIds.chengguan, { means: 'telepathy', contactedAt: new Date(now).toISOString() });
    assert.equal(badMeans.status, 400);
    assert.ok(badMeans.body.error.fields.means);
    assert.equal((await contactThroughApi(caseIds.chengguan, { means: 'phone', contactedAt: new Date(now).toISOString() }, 'donghu')).status, 404, 'another unit does not see the case');
    assert.equal(await testPrisma().citizenContact.count(), 0, 'nothing refused left a trace');

    chengguanContactAt = await t.env.currentTimeMs();
    const taken = await contactThroughApi(caseIds.chengguan, { means: 'phone', contactedAt: new Date(chengguanContactAt).toISOString(), note: '已电话联系市民，约定上门时间' });
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    assert.equal(taken.body.contacts.length, 1);

    // Two days pass: 城管局's sign-for deadline (1 working day) and 东湖区's 24 hours both run out.
    await t.env.sleep(50 * HOUR);
    await t.h.command(chengguan, 'signFor', {}, actors.leadHandler);
    const lateContactAt = await t.env.currentTimeMs();
    await t.h.command(donghu, 'recordContact', { means: 'visit', contactedAt: new Date(lateContactAt).toISOString() }, donghuHandler);

    for (const [handle, handler, leader] of [[chengguan, actors.leadHandler, actors.leadLeader], [donghu, donghuHandler, donghuLeader]] as const) {
      await t.h.command(handle, 'submitResult', SOLVED, handler);
      await t.h.command(handle, 'unitApprove', {}, leader);
      await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
      const closed = await t.h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true }, actors.operator);
      assert.equal(closed.status, 'closed');
    }
    const zhujian = await t.h.register();
    caseIds.zhujian = zhujian.workflowId;
    await t.h.command(zhujian, 'dispatch', { leadUnitId: 'zhujian', assistUnitIds: [] }, actors.dispatcher);
    // Two urges through the API on the unfinished case: seed 003's rule criticises 住建局.
    for (const reason of ['市民再次来电', '市民第三次来电']) {
      const urged = await api.post(`/api/cases/${caseIds.zhujian}/commands/urge`, { reason }, 'supervisor');
      assert.equal(urged.status, 200, JSON.stringify(urged.body));
    }
    await waitUntil(async () => (await testPrisma().criticismNotice.count({ where: { caseId: caseIds.zhujian } })) === 1);
    asOf = await t.env.currentTimeMs();
    await recordHistory('contact-recorded', chengguan);

    // Projected: the contact, the first contact on the assignment, the audit event with its actor.
    const contact = await testPrisma().citizenContact.findFirstOrThrow({ where: { caseId: caseIds.chengguan } });
    assert.deepEqual([contact.unitId, contact.means, contact.contactedAt.getTime(), contact.recordedById, contact.note], ['chengguan', 'phone', chengguanContactAt, 'user-handler', '已电话联系市民，约定上门时间']);
    const lead = await testPrisma().caseAssignment.findFirstOrThrow({ where: { caseId: caseIds.chengguan, role: 'lead' } });
    assert.equal(lead.firstContactAt?.getTime(), chengguanContactAt);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId: caseIds.chengguan, action: 'citizenContacted' } });
    assert.deepEqual([audit.actorId, audit.actorUnitId, audit.reason], ['user-handler', 'chengguan', '已电话联系市民，约定上门时间']);
    assert.equal((audit.payload as { contact: { means: string } }).contact.means, 'phone');
    const page = await api.get(`/api/cases/${caseIds.chengguan}`, 'handler');
    assert.deepEqual(page.body.contacts.map((c: { means: string; contactedAt: string }) => [c.means, Date.parse(c.contactedAt)]), [['phone', chengguanContactAt]]);
  });

  it('counts 响应率 per lead unit: in the window, late, and not yet decided', async () => {
    const { byUnit } = await unitRows();
    assert.equal(byUnit.get('chengguan').responseRate, 1);
    assert.equal(byUnit.get('donghu').responseRate, 0, 'a first contact 50 hours after dispatch is late for the seeded 24 hours');
    assert.equal(byUnit.get('zhujian').responseRate, null, 'a case still inside its window with no contact is undecided');
    assert.equal(byUnit.get('chengguan').resolutionRate, 1);
    assert.equal(byUnit.get('donghu').satisfactionRate, 1);
  });

  it('counts the urges and the criticism notice per unit', async () => {
    const { byUnit } = await unitRows();
    assert.deepEqual([byUnit.get('zhujian').urgeCount, byUnit.get('zhujian').criticismCount], [2, 1]);
    // 城管局 let its sign-for deadline run out: the workflow urged it once, automatically; one urge is no criticism.
    assert.deepEqual((await testPrisma().urge.findMany({ where: { caseId: caseIds.chengguan } })).map((u) => [u.unitId, u.kind]), [['chengguan', 'automatic']]);
    assert.deepEqual([byUnit.get('chengguan').urgeCount, byUnit.get('chengguan').criticismCount], [1, 0]);
    assert.deepEqual([byUnit.get('donghu').urgeCount, byUnit.get('donghu').criticismCount], [0, 0]);
    // The answer states the rule behind the counts: seed 003's two urges, 2 points each in the seeded scheme.
    assert.deepEqual((await api.get(`/api/statistics/indicators?groupBy=unit&${PERIOD}`, 'supervisor')).body.criticismRule, { threshold: 2, deduction: 2 });
  });

  it('downloads 响应率, urges and criticism as CSV and XLSX, and prints them in the monthly report', async () => {
    const names = new Map((await testPrisma().unit.findMany({ where: { id: { in: ['chengguan', 'donghu', 'zhujian'] } } })).map((u) => [u.id, u.name]));
    const download = (query: string) => fetch(`${server.url}/api/statistics/${query}`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    const expected = { chengguan: ['100.0%', '1', '0'], donghu: ['0.0%', '0', '0'], zhujian: ['', '2', '1'] };
    const columns = ['响应率', '催办次数', '通报批评次数'];

    const csv = await download(`indicators?groupBy=unit&${PERIOD}&format=csv`);
    assert.equal(csv.status, 200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split(/\r\n/);
    const header = lines[0]!.split(',');
    for (const [unitId, values] of Object.entries(expected)) {
      const line = lines.find((candidate) => candidate.startsWith(`${names.get(unitId)},`))!.split(',');
      assert.deepEqual(columns.map((name) => line[header.indexOf(name)]), values, `CSV ${unitId}`);
    }

    const xlsx = await download(`indicators?groupBy=unit&${PERIOD}&format=xlsx`);
    assert.equal(xlsx.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const cells = (unitId: string) => {
      const row = sheet.getRows(2, sheet.rowCount - 1)!.find((candidate) => candidate.getCell(1).value === names.get(unitId))!;
      return columns.map((name) => row.getCell(headers.indexOf(name) + 1).value);
    };
    assert.deepEqual(cells('zhujian'), [null, 2, 1]);
    assert.deepEqual(cells('donghu'), [0, 0, 0]);
    assert.deepEqual(cells('chengguan'), [1, 1, 0]);

    const report = await download(`report?month=${MONTH}`);
    assert.equal(report.status, 200);
    const html = await report.text();
    const section = html.slice(html.indexOf('<section id="indicators">'), html.indexOf('<section id="hotspots">'));
    const cellTexts = (row: string) => [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1]!);
    const reportHeader = cellTexts(/<thead>(.*?)<\/thead>/.exec(section)![1]!);
    for (const [unitId, values] of Object.entries(expected)) {
      const row = [...section.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => cellTexts(m[1]!)).find((texts) => texts[0] === names.get(unitId))!;
      assert.deepEqual(columns.map((name) => row[reportHeader.indexOf(name)]), values, `report ${unitId}`);
    }
    assert.match(section, /通报批评：同一工单催办2次仍未办结的，予以通报批评；每次扣工作绩效2分。/, 'the rule the notices follow');
  });

  it('ranks by the 30/35/35 三率 scheme once the city sets it through the API', async () => {
    const before = await assessment();
    assert.ok(before.byUnit.get('donghu').rank < before.byUnit.get('chengguan').rank, 'the seeded scheme rewards 东湖区 for signing for on time');

    assert.equal((await putSetting('assessment.weights', THREE_RATES.weights)).status, 200);
    const set = await putSetting('assessment.scheme', THREE_RATES.scheme);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const after = await assessment();
    const chengguan = after.byUnit.get('chengguan');
    const donghu = after.byUnit.get('donghu');
    // 30·响应率 + 35·解决率 + 35·满意率.
    assert.deepEqual([chengguan.workPerformance, chengguan.citizenEvaluation, chengguan.score, chengguan.rank], [100, 100, 100, 1]);
    assert.deepEqual([donghu.workPerformance, donghu.citizenEvaluation, donghu.score, donghu.rank], [0, 100, 70, 2]);
    assert.deepEqual([after.byUnit.get('zhujian').score, after.byUnit.get('zhujian').rank], [null, null], 'no rate of the three is known yet for 住建局');
  });

  it('reads the response window from its rule setting', async () => {
    const bad = await putSetting('response.withinHours', 0);
    assert.equal(bad.status, 400);
    assert.ok(bad.body.error.fields.value);
    assert.equal((await putSetting('response.withinHours', 72)).status, 200);
    assert.equal((await unitRows()).byUnit.get('donghu').responseRate, 1, '50 hours is within 72');
    assert.equal((await putSetting('response.withinHours', 24)).status, 200);
    assert.equal((await unitRows()).byUnit.get('donghu').responseRate, 0);
  });

  it('flags units below the targets in the API rows, the exports and the monthly report', async () => {
    // Seeded: 解决率 ≥ 80 % (seed 003); both units resolved everything.
    const seeded = await unitRows();
    assert.deepEqual(seeded.targets, [{ indicator: 'resolutionRate', comparison: 'atLeast', value: 0.8 }]);
    assert.deepEqual([...seeded.byUnit.values()].map((row) => row.missedTargets), [[], [], []]);

    const invalid = await putSetting('assessment.targets', [{ indicator: 'responseRate', comparison: 'atLeast', value: 1.5 }]);
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.fields['value.0.value'], 'a rate between 0 and 1');
    const twice = await putSetting('assessment.targets', [{ indicator: 'responseRate', comparison: 'atLeast', value: 0.9 }, { indicator: 'responseRate', comparison: 'atMost', value: 0.95 }]);
    assert.equal(twice.status, 400);
    const targets = [{ indicator: 'responseRate', comparison: 'atLeast', value: 0.9 }, { indicator: 'resolutionRate', comparison: 'atLeast', value: 0.8 }];
    assert.equal((await putSetting('assessment.targets', targets)).status, 200);
    const change = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'ruleSetting', entityId: 'assessment.targets' }, orderBy: { id: 'desc' } });
    assert.equal(change.actorId, 'user-admin');

    const rows = await unitRows();
    assert.deepEqual(rows.targets, targets);
    assert.deepEqual(rows.byUnit.get('donghu').missedTargets, ['responseRate']);
    assert.deepEqual(rows.byUnit.get('chengguan').missedTargets, []);
    assert.deepEqual(rows.byUnit.get('zhujian').missedTargets, [], 'an unknown rate misses nothing');
    const ranked = await assessment();
    assert.deepEqual(ranked.targets, targets);
    assert.deepEqual(ranked.byUnit.get('donghu').missedTargets, ['responseRate']);
    assert.deepEqual(ranked.byUnit.get('chengguan').missedTargets, []);

    const csv = await fetch(`${server.url}/api/statistics/indicators?groupBy=unit&${PERIOD}&format=csv`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    assert.equal(csv.status, 200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const donghuName = (await testPrisma().unit.findUniqueOrThrow({ where: { id: 'donghu' } })).name;
    const donghuLine = lines.find((line) => line.startsWith(donghuName))!.split(',');
    assert.equal(donghuLine[header.indexOf('响应率')], '0.0%');
    assert.equal(donghuLine[header.indexOf('未达标指标')], '响应率');
    const rankingCsv = await fetch(`${server.url}/api/statistics/assessment?month=${MONTH}&format=csv`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    assert.equal(rankingCsv.status, 200);
    const ranking = (await rankingCsv.text()).replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.split(','));
    const rankingRow = (name: string) => ranking.find((cells) => cells[ranking[0]!.indexOf('单位')] === name)!;
    assert.equal(rankingRow(donghuName)[ranking[0]!.indexOf('未达标指标')], '响应率');

    const report = await fetch(`${server.url}/api/statistics/report?month=${MONTH}`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    assert.equal(report.status, 200);
    const html = await report.text();
    assert.match(html, /考核目标：响应率 ≥ 90%；解决率 ≥ 80%。未达标单位（加粗标出）：东湖区/);
    const flagged = [...html.matchAll(/<tr class="flagged">(.*?)<\/tr>/g)].map((m) => m[1]!);
    const chengguanName = (await testPrisma().unit.findUniqueOrThrow({ where: { id: 'chengguan' } })).name;
    assert.equal(flagged.filter((row) => row.includes(`<td>${donghuName}</td>`)).length, 2, '东湖区 is flagged in the assessment and in the indicator table');
    assert.equal(flagged.filter((row) => row.includes(`<td>${chengguanName}</td>`)).length, 0);
  });

  it('states the criticism rule as set: off once an admin sets the threshold to 0, the notices already issued still counted', async () => {
    assert.equal((await putSetting('urge.criticismThreshold', 0)).status, 200);
    try {
      const response = await api.get(`/api/statistics/indicators?groupBy=unit&${PERIOD}`, 'supervisor');
      // The 三率 scheme set above has no criticism deduction.
      assert.deepEqual(response.body.criticismRule, { threshold: 0, deduction: 0 });
      assert.equal(response.body.rows.find((row: { key: string }) => row.key === 'zhujian').criticismCount, 1);
      const html = await (await fetch(`${server.url}/api/statistics/report?month=${MONTH}`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } })).text();
      assert.match(html, /<p class="note criticism-rule">通报批评：未启用（催办不引发通报批评）。<\/p>/);
    } finally {
      assert.equal((await putSetting('urge.criticismThreshold', 2)).status, 200);
    }
  });
});
