// The printable monthly report: every section, citizens' text escaped, the indicators and the
// assessment read through the injected sources; and who may read the statistics at all.
import assert from 'node:assert/strict';
import type { AssessmentResult, ReportSources, TargetedIndicators } from '../../statistics/report/reportData';
import { AdminApiClient } from '../support/adminApi';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { insertFixtureCases } from './fixtures';
import { DEFAULT_ASSESSMENT_SCHEME } from '../../rules/assessment/scheme';

const MONTH = '2016-09';

const assessment: AssessmentResult = {
  month: MONTH,
  weights: { workPerformance: 0.3, citizenEvaluation: 0.7 },
  scheme: DEFAULT_ASSESSMENT_SCHEME,
  targets: [],
  rows: [
    { unitId: 'donghu', unitName: '东湖区', workPerformance: 92.5, citizenEvaluation: 88, score: 89.35, rank: 1, missedTargets: [], previous: { score: 85, change: 4.35, relativeChange: 4.35 / 85 }, lastYear: null },
    { unitId: 'xishan', unitName: '西山区<i>', workPerformance: 80, citizenEvaluation: 70, score: 73, rank: 2, missedTargets: [], previous: null, lastYear: null },
  ],
};

describe('statistics: monthly report and access', () => {
  let server: RunningApi;
  let api: AdminApiClient;
  let ids: string[] = [];
  const indicatorCalls: unknown[] = [];

  before(async () => {
    const repeated = { citizenPhone: '13912349999', address: '东湖区和平社区', categoryId: 'cat-urban.garbage' };
    ids = await insertFixtureCases(testPrisma(), [
      { ...repeated, receivedAt: '2016-09-01', title: '<script>alert("x")</script>垃圾' },
      { ...repeated, receivedAt: '2016-09-02', title: '垃圾仍未清运' },
      { ...repeated, receivedAt: '2016-09-03', title: '第三次反映垃圾' },
    ]);
    const sources: ReportSources = {
      assessment: async (month) => ({ ...assessment, month }),
      indicators: async (period): Promise<TargetedIndicators> => {
        indicatorCalls.push(period);
        return { ...period, targets: [], rows: [{ key: 'donghu', name: '东湖区', received: 3, signForOnTimeRate: 1, completedOnTimeRate: 0.6667, overdueCount: 1, returnRate: 0, wrongReturnRate: null, extensionRate: 0, rehandleRate: 0, callbackReachRate: 1, satisfactionRate: 0.5, resolutionRate: null, supervisionCount: 0, urgeCount: 0, criticismCount: 0, responseRate: null, missedTargets: [] }] };
      },
    };
    server = await startApi({ reportSources: sources });
    api = new AdminApiClient(server.url);
    await api.login('supervisor', 'dispatcher', 'auditor', 'admin', 'handler', 'leader', 'donghu', 'operator');
  });

  after(async () => {
    await testPrisma().case.deleteMany({ where: { id: { in: ids } } });
    await server?.close();
  });

  const page = (as: string | null, query = `month=${MONTH}`) =>
    fetch(`${server.url}/api/statistics/report?${query}`, { headers: as ? { authorization: `Bearer ${api.token(as)}` } : {} });

  it('renders every section of the month as printable Chinese HTML', async () => {
    const response = await page('supervisor');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    const html = await response.text();
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /@page \{ size: A4;/);
    for (const heading of ['一、本月概况', '二、承办单位考核排名', '三、分单位考核指标', '四、热点分析', '五、重复投诉', '六、话务统计']) assert.ok(html.includes(heading), heading);
    assert.match(html, /受理量<b>3<\/b>/);
    assert.match(html, /<td class="num">89\.35<\/td>/, 'the assessment ranking');
    assert.match(html, /<td class="num">66\.7%<\/td>/, 'indicator rates as percentages');
    assert.deepEqual(indicatorCalls.at(-1), { from: '2016-09-01', to: '2016-09-30', groupBy: 'unit' });
    assert.match(html, /同一市民：139\*\*\*\*9999（共3件/);
    assert.doesNotMatch(html, /13912349999/);
  });

  it('escapes the citizens’ text and the units’ names', async () => {
    const html = await (await page('auditor')).text();
    assert.ok(!html.includes('<script>'), 'no script element from a case title');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;垃圾'));
    assert.ok(html.includes('西山区&lt;i&gt;'));
  });

  it('reads the assessment and the indicators from statistics/ by default, and says a section is not available when its source is missing', async () => {
    const own = await startApi();
    const bare = await startApi({ reportSources: {} });
    try {
      const read = async (url: string) => {
        const response = await fetch(`${url}/api/statistics/report?month=${MONTH}`, { headers: { authorization: `Bearer ${api.token('admin')}` } });
        assert.equal(response.status, 200);
        return response.text();
      };
      const wired = await read(own.url);
      assert.doesNotMatch(wired, /暂不可用/);
      const html = await read(bare.url);
      assert.match(html, /考核排名暂不可用/);
      assert.match(html, /分单位考核指标暂不可用/);
    } finally {
      await own.close();
      await bare.close();
    }
  });

  it('answers 400 for a bad month', async () => {
    const response = await page('supervisor', 'month=September');
    assert.equal(response.status, 400);
    assert.ok(((await response.json()) as any).error.fields.month);
  });

  const endpoints = [`/api/statistics/report?month=${MONTH}`, `/api/statistics/hotspots?month=${MONTH}`, '/api/statistics/repeat-complaints?from=2016-09-01&to=2016-09-30'];

  it('lets the hotline office roles read every statistics endpoint', async () => {
    for (const path of endpoints) for (const role of ['dispatcher', 'supervisor', 'auditor', 'admin']) assert.equal((await api.get(path, role)).status, 200, `${role} ${path}`);
  });

  it('refuses units (403), operators (403) and the anonymous (401)', async () => {
    for (const path of endpoints) {
      for (const role of ['handler', 'leader', 'donghu', 'operator']) assert.equal((await api.get(path, role)).status, 403, `${role} ${path}`);
      assert.equal((await api.get(path, null)).status, 401, `anonymous ${path}`);
      assert.equal((await api.get(`${path}&format=csv`, 'handler')).status, 403, `export ${path}`);
    }
  });
});
