// The API's and the worker's Prometheus endpoints, scraped from the processes as a city runs them
// (api/main.ts with API_METRICS_ADDRESS, worker/main.ts with WORKER_METRICS_ADDRESS) on the real
// dev server, a database of their own and the local Twilio endpoint. Every figure asserted comes
// from what the product did: its requests, its intakes, the rows its workflows wrote.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PROJECT_ROOT } from '../../config/env';
import { createLogger } from '../../config/logger';
import { startLocalTwilio, type LocalTwilio } from '../../dev/localTwilio';
import { OPEN_STATUSES, RECENT_WINDOW_MS } from '../../api/metrics/databaseGauges';
import { apiProcessExit, startApiProcess, type ApiProcess } from '../support/apiProcess';
import { asSuperuser, testPrisma, useOwnDatabase } from '../support/db';
import { getJson, postJson, TEST_JWT_SECRET } from '../support/http';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';
import { parseScrape, promqlMetricNames, scrape, type Scrape } from '../support/prometheus';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { createDevServerEnv } from '../support/temporal';
import { TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';
import { startWorkerProcess, type WorkerProcess } from '../support/workerProcess';
import { freePort } from '../../scripts/lib/ports';

const DASHBOARD = path.join(PROJECT_ROOT, 'docs', 'grafana', 'hotline-dashboard.json');
const OBSERVABILITY_DOC = path.join(PROJECT_ROOT, 'docs', 'observability.md');
const DURATION = 'hotline_http_request_duration_seconds';
const UNDELIVERED_PHONE = '+8613900009999';
const STUCK_MARKER = 'METRICS-STUCK-MARKER';
const STUCK_CONSTRAINT = 'test_stuck_metrics_marker';

const petition = (overrides: Record<string, unknown> = {}) => ({
  channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营。', citizenPhone: '+8613911113333', address: '东湖区解放路9号', ...overrides,
});

describe('Prometheus metrics of the API and the worker processes', () => {
  useOwnDatabase('metrics');
  const taskQueue = `metrics-${randomUUID()}`;
  let env: TestWorkflowEnvironment;
  let twilio: LocalTwilio;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let apiMetricsUrl: string;
  const as = (actor: (typeof actors)[keyof typeof actors]) => ({ authorization: `Bearer ${actorToken(actor, 600)}` });
  const apiScrape = () => scrape(apiMetricsUrl);

  before(async () => {
    await ensureActorUsers(Object.values(actors));
    env = await createDevServerEnv();
    twilio = await startLocalTwilio({ port: 0, accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, timing: { messageStepMs: 20 }, log: createLogger('local-twilio', 'error') });
    // The receipt to this citizen never reaches the handset: Twilio reports it undelivered.
    twilio.scriptPhone(UNDELIVERED_PHONE, { smsDelivery: 'undelivered' });
    // And Twilio refuses its first two sends (503): the notice's own try, then the delivery
    // workflow's first activity attempt, which fails and is retried 10 s later.
    twilio.failRequests({ operation: 'createMessage', to: UNDELIVERED_PHONE, status: 503, count: 2 });
    const shared = { TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, TWILIO_ACCOUNT_SID: TEST_TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_TWILIO_AUTH_TOKEN, TWILIO_API_BASE_URL: twilio.url };
    const metricsPort = await freePort();
    apiMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    api = await startApiProcess({ ...shared, JWT_SECRET: TEST_JWT_SECRET, API_METRICS_ADDRESS: `127.0.0.1:${metricsPort}` });
    // The worker's SMS status callbacks go to the API.
    worker = await startWorkerProcess(env.connection, taskQueue, { ...shared, PUBLIC_BASE_URL: api.url });
  });

  after(async () => {
    await api?.stop();
    await worker?.stop();
    await twilio?.close();
    await env?.teardown();
  });

  it('serves /metrics on API_METRICS_ADDRESS, never on the API port', async () => {
    assert.equal((await fetch(`${api.url}/metrics`)).status, 404, 'the public port has no /metrics');
    const response = await fetch(apiMetricsUrl);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of [DURATION, 'hotline_intakes_total', 'hotline_open_cases', 'hotline_stuck_steps', 'hotline_sms_outbound_last_hour', 'hotline_calls_last_hour', 'process_cpu_seconds_total']) {
      assert.match(text, new RegExp(`^# HELP ${name} \\S`, 'm'), `${name} has a help text`);
    }
    assert.equal((await fetch(apiMetricsUrl.replace('/metrics', '/other'))).status, 404, 'the listener serves /metrics only');
  });

  let caseIds: string[] = [];

  it('counts each case intake takes in once, by channel: not a retry, not a refused request', async () => {
    const before = await apiScrape();
    const key = randomUUID();
    const first = await postJson(`${api.url}/api/cases`, petition(), { ...as(actors.operator), 'idempotency-key': key });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const retried = await postJson(`${api.url}/api/cases`, petition(), { ...as(actors.operator), 'idempotency-key': key });
    assert.equal(retried.body.caseId, first.body.caseId, 'the retry answers the same case');
    const letter = await postJson(`${api.url}/api/cases`, petition({ channel: 'letter', citizenPhone: UNDELIVERED_PHONE, title: '来信反映噪音' }), as(actors.operator));
    assert.equal(letter.status, 201, JSON.stringify(letter.body));
    const refused = await postJson(`${api.url}/api/cases`, petition({ caseTypeCode: 'nonsense' }), as(actors.operator));
    assert.equal(refused.status, 400);
    caseIds = [first.body.caseId, letter.body.caseId];

    const after = await apiScrape();
    const moved = (channel: string) => after.value('hotline_intakes_total', { channel })! - before.value('hotline_intakes_total', { channel })!;
    assert.equal(moved('phone'), 1);
    assert.equal(moved('letter'), 1);
    for (const channel of ['sms', 'web', 'email', 'wechat', 'open311', 'walkIn']) assert.equal(moved(channel), 0, channel);
    assert.equal(after.sum('hotline_intakes_total') - before.sum('hotline_intakes_total'), 2);
  });

  it('times requests by their route pattern, never the raw path; unmatched ones under one label', async () => {
    const before = await apiScrape();
    const [caseId] = caseIds;
    assert.equal((await getJson(`${api.url}/api/cases/${caseId}`, as(actors.operator))).status, 200);
    assert.equal((await getJson(`${api.url}/api/cases/20990101099999`, as(actors.operator))).status, 404);
    assert.equal((await getJson(`${api.url}/api/no-such-thing/${caseId}`, as(actors.operator))).status, 404);
    const after = await apiScrape();
    const count = (scrape: Scrape, route: string, statusClass: string) => scrape.value(`${DURATION}_count`, { method: 'GET', route, status_class: statusClass }) ?? 0;
    const moved = (route: string, statusClass: string) => count(after, route, statusClass) - count(before, route, statusClass);
    assert.equal(moved('/api/cases/:id', '2xx'), 1);
    assert.equal(moved('/api/cases/:id', '4xx'), 1, 'a case that does not exist: its route all the same');
    assert.equal(moved('unmatched', '4xx'), 1);
    // The intakes of the test before, on their own route.
    assert.equal(after.value(`${DURATION}_count`, { method: 'POST', route: '/api/cases', status_class: '2xx' }), 3);
    assert.equal(after.value(`${DURATION}_count`, { method: 'POST', route: '/api/cases', status_class: '4xx' }), 1);
    const infinite = after.value(`${DURATION}_bucket`, { method: 'GET', route: '/api/cases/:id', status_class: '2xx', le: '+Inf' });
    assert.equal(infinite, count(after, '/api/cases/:id', '2xx'), 'the +Inf bucket holds every request');
    const routes = new Set(after.samples.filter((s) => s.name === `${DURATION}_count`).map((s) => s.labels.route));
    for (const route of routes) assert.doesNotMatch(route!, /\d{8,}/, `a raw path as a label: ${route}`);
  });

  /**
   * Waits until the scrape says what the database says, both read again each time: the gauges
   * are read through a cache of a few seconds, and the product may still be writing.
   */
  async function agree(database: () => Promise<Map<string, number>>, scraped: () => Promise<Map<string, number>>): Promise<void> {
    const sorted = (figures: Map<string, number>) => JSON.stringify([...figures].sort());
    let last = '';
    try {
      await waitUntil(async () => {
        const [expected, actual] = await Promise.all([database(), scraped()]);
        last = `database ${sorted(expected)}, scrape ${sorted(actual)}`;
        return sorted(expected) === sorted(actual);
      }, 30_000);
    } catch (error) {
      throw new Error(`the scrape never agreed with the database: ${last}`, { cause: error });
    }
  }

  /** The projection's open cases by status and light, as the product wrote them. */
  async function openCasesInDatabase(): Promise<Map<string, number>> {
    const rows = await testPrisma().case.groupBy({ by: ['status', 'warningLevel'], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } });
    return new Map(rows.map((row) => [`${row.status}/${row.warningLevel}`, row._count._all]));
  }

  function openCasesScraped(scrape: Scrape): Map<string, number> {
    return new Map(scrape.samples.filter((s) => s.name === 'hotline_open_cases' && s.value > 0).map((s) => [`${s.labels.status}/${s.labels.warning_level}`, s.value]));
  }

  it('reports the open cases by status and warning light as the case projection holds them', async () => {
    for (const caseId of caseIds) await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const registered = await openCasesInDatabase();
    assert.ok((registered.get('registered/green') ?? 0) >= 2, 'the two cases just taken in');
    await agree(openCasesInDatabase, async () => openCasesScraped(await apiScrape()));
    const scraped = await apiScrape();
    for (const status of OPEN_STATUSES) for (const level of ['green', 'yellow', 'red']) assert.notEqual(scraped.value('hotline_open_cases', { status, warning_level: level }), undefined, `${status}/${level} is reported, zero or not`);
    assert.equal(scraped.value('hotline_open_cases', { status: 'closed', warning_level: 'green' }), undefined, 'finished cases are not open');

    // A dispatch moves one case from registered to dispatched, in the projection and so in the gauge.
    const dispatched = await postJson(`${api.url}/api/cases/${caseIds[0]}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, as(actors.dispatcher));
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseIds[0]! } })).status === 'dispatched');
    const afterDispatch = await openCasesInDatabase();
    assert.equal(afterDispatch.get('registered/green'), registered.get('registered/green')! - 1);
    assert.equal(afterDispatch.get('dispatched/green'), (registered.get('dispatched/green') ?? 0) + 1);
    await agree(openCasesInDatabase, async () => openCasesScraped(await apiScrape()));
    assert.equal((await apiScrape()).value('hotline_database_figures_up'), 1);
  });

  it('reports a stuck projection, with the age of the oldest stuck step', async () => {
    const before = await apiScrape();
    assert.equal(before.sum('hotline_stuck_steps'), 0, 'a database of its own: nothing stuck yet');
    assert.equal(before.value('hotline_stuck_step_oldest_age_seconds'), 0);
    // A constraint PostgreSQL enforces makes the urge's projection write fail (docs/stuck-cases.md).
    await asSuperuser(`ALTER TABLE "Urge" ADD CONSTRAINT ${STUCK_CONSTRAINT} CHECK (reason NOT LIKE '%${STUCK_MARKER}%') NOT VALID`);
    try {
      await urgeIntoStuckProjection();
    } finally {
      await asSuperuser(`ALTER TABLE "Urge" DROP CONSTRAINT ${STUCK_CONSTRAINT}`);
    }
    await waitUntil(async () => (await apiScrape()).value('hotline_stuck_steps', { step: 'projection', permanent: 'true' }) === 1, 20_000);
    const stuck = await apiScrape();
    assert.equal(stuck.sum('hotline_stuck_steps'), 1);
    assert.ok(stuck.value('hotline_stuck_step_oldest_age_seconds')! > 0);
  });

  async function urgeIntoStuckProjection(): Promise<void> {
    const urged = await postJson(`${api.url}/api/cases/${caseIds[0]}/commands/urge`, { reason: `请尽快签收 ${STUCK_MARKER}` }, as(actors.dispatcher));
    assert.equal(urged.status, 202, JSON.stringify(urged.body));
    await waitUntil(async () => (await testPrisma().stuckStep.count({ where: { resolvedAt: null } })) === 1, 60_000);
  }

  it('reports the last hour\'s SMS and calls by status as their rows hold them, an undelivered receipt among them', async () => {
    const undelivered = () => testPrisma().smsMessage.count({ where: { direction: 'outbound', status: 'undelivered', toNumber: UNDELIVERED_PHONE } });
    await waitUntil(async () => (await undelivered()) === 1, 60_000);
    const since = () => new Date(Date.now() - RECENT_WINDOW_MS);
    const smsInDatabase = async () => new Map((await testPrisma().smsMessage.groupBy({ by: ['status'], where: { direction: 'outbound', createdAt: { gte: since() } }, _count: { _all: true } })).map((row) => [row.status, row._count._all]));
    const callsInDatabase = async () => new Map((await testPrisma().call.groupBy({ by: ['direction', 'status'], where: { startedAt: { gte: since() } }, _count: { _all: true } })).map((row) => [`${row.direction}/${row.status}`, row._count._all]));
    const nonZero = (scrape: Scrape, name: string, key: (labels: Record<string, string>) => string) => new Map(scrape.samples.filter((s) => s.name === name && s.value > 0).map((s) => [key(s.labels), s.value]));
    await agree(smsInDatabase, async () => nonZero(await apiScrape(), 'hotline_sms_outbound_last_hour', (labels) => labels.status!));
    await agree(callsInDatabase, async () => nonZero(await apiScrape(), 'hotline_calls_last_hour', (labels) => `${labels.direction}/${labels.status}`));
    const scraped = await apiScrape();
    assert.ok(scraped.value('hotline_sms_outbound_last_hour', { status: 'undelivered' })! >= 1);
    assert.ok(scraped.value('hotline_sms_outbound_last_hour', { status: 'delivered' })! >= 1, 'the other receipt was delivered');
    assert.notEqual(scraped.value('hotline_sms_outbound_last_hour', { status: 'failed' }), undefined, 'failed is reported, zero or not');
    assert.notEqual(scraped.value('hotline_calls_last_hour', { direction: 'inbound', status: 'no-answer' }), undefined, 'calls not answered are reported, zero or not');
  });

  it('the worker serves the SDK\'s metrics of the workflow and activity tasks it ran', async () => {
    const scraped = await scrape(worker.metricsUrl);
    assert.ok(scraped.sum('temporal_workflow_task_execution_latency_count') > 0, 'workflow tasks ran');
    assert.ok(scraped.sum('temporal_activity_execution_latency_count') > 0, 'activities ran');
    assert.ok(scraped.sum('temporal_activity_execution_failed') > 0, 'the receipt\'s first send was refused');
    assert.ok(scraped.sum('temporal_local_activity_execution_failed') > 0, 'the stuck projection write failed');
    assert.ok(scraped.names.has('temporal_worker_task_slots_available'));
    assert.ok(scraped.samples.some((s) => s.labels.task_queue === taskQueue), 'labelled with its task queue');
  });

  it('every metric the Grafana dashboard and the proposed alerts query is in a scrape of the API or the worker', async () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[]; templating: { list: { name: string; type: string; query?: string | { query: string } }[] } };
    const datasource = dashboard.templating.list.find((variable) => variable.type === 'datasource');
    assert.equal(datasource?.query, 'prometheus', 'the data source is a variable, chosen among Prometheus sources');
    const expressions = [
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr }))),
      ...dashboard.templating.list.flatMap((variable) => (typeof variable.query === 'object' ? [{ panel: `$${variable.name}`, expr: variable.query.query }] : [])),
    ];
    // The alert rules docs/observability.md proposes, too.
    const alerts = [...readFileSync(OBSERVABILITY_DOC, 'utf8').matchAll(/^\s+expr: (.+?)(?:\s+#.*)?$/gm)].map((match) => ({ panel: 'docs/observability.md', expr: match[1]! }));
    assert.ok(alerts.length >= 10, `${alerts.length} alert expressions`);
    expressions.push(...alerts);
    assert.ok(expressions.length >= 30, `${expressions.length} queries`);
    const names = new Set([...(await apiScrape()).names, ...(await scrape(worker.metricsUrl)).names]);
    const missing = expressions.flatMap(({ panel, expr }) => promqlMetricNames(expr).filter((name) => !names.has(name)).map((name) => `${panel}: ${name}`));
    assert.deepEqual(missing, []);
    // The check itself sees names: a dashboard query naming no metric would pass it unnoticed.
    for (const { panel, expr } of expressions) assert.ok(promqlMetricNames(expr).length > 0, `${panel}: no metric found in ${expr}`);
    assert.deepEqual(promqlMetricNames('sum by (route) (rate(hotline_http_request_duration_seconds_count{job="$job"}[5m])) / ignoring(le) hotline_no_such_metric'), ['hotline_http_request_duration_seconds_count', 'hotline_no_such_metric']);
  });

  it('closes the metrics listener when the API stops', async () => {
    await api.stop();
    await assert.rejects(fetch(apiMetricsUrl), 'nothing listens there any more');
  });

  it('the scrape parser reads labels with escapes', () => {
    const parsed = parseScrape('# TYPE x counter\nx{a="q\\"uote",b="1"} 2\n');
    assert.equal(parsed.value('x', { a: 'q"uote', b: '1' }), 2);
  });
});

describe('API_METRICS_ADDRESS at start-up', () => {
  it('refuses to start, naming the setting, when the address cannot be had', async () => {
    const taken = net.createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    try {
      const exit = await apiProcessExit({ API_METRICS_ADDRESS: `127.0.0.1:${port}` });
      assert.equal(exit.listened, false, exit.output);
      assert.equal(exit.code, 1);
      assert.match(exit.output, new RegExp(`API_METRICS_ADDRESS: cannot listen at 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
    } finally {
      taken.close();
    }
  });
});
