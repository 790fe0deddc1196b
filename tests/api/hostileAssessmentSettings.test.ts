// Hostile values for the assessment settings issue 14 added, through the admin rules API
// (PUT /api/rule-settings/:key): assessment.targets, assessment.scheme, urge.criticismThreshold and
// response.withinHours. Wrong types, negative, absurd and non-finite numbers, number-like
// strings, unknown indicators and huge arrays are each refused with 400 naming the field and
// change nothing (no write, no audit); the extreme values the rules allow are accepted; and the
// statistics a bad value could break (indicators, assessment, dashboard summary, monthly report)
// keep answering 200 over a case the product itself handled (real workflows, dev server).
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { RATE_INDICATORS } from '../../rules/assessment/indicators';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';

const KEYS = ['assessment.targets', 'assessment.scheme', 'urge.criticismThreshold', 'response.withinHours'] as const;

type Answer = { status: number; body: any; text: string };

/** A rule of the kind a city could set for one part of the scheme. */
const weighted = (indicator: string, weight = 1, direction = 'higherIsBetter') => ({ indicator, weight, direction });
const VALID_SCHEME = {
  workPerformance: [weighted('completedOnTimeRate', 0.7), weighted('extensionRate', 0.3, 'lowerIsBetter')],
  citizenEvaluation: [weighted('responseRate', 0.3), weighted('resolutionRate', 0.35), weighted('satisfactionRate', 0.35)],
  deductions: { supervisionCount: 1, overdueCount: 0, criticismCount: 2 },
};

/** The JSON text of a scheme with one part replaced (a raw body can hold what JSON.stringify cannot: 1e400). */
const schemeWith = (override: Record<string, unknown>) => ({ ...VALID_SCHEME, ...override });

describe('hostile assessment settings (issue 14)', () => {
  const stack = useApiStack();
  const tokens: Record<string, string> = {};
  const saved = new Map<string, { value: unknown; updatedAt: Date }>();
  const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  async function send(method: 'GET' | 'PUT' | 'POST', path: string, body: unknown, as: string): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[as]}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${stack.api.url}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HTML (the monthly report) or an empty body.
    }
    return { status: response.status, body: parsed, text };
  }

  const put = (key: string, value: unknown, rawBody?: string, reason = '考核口径调整') => send('PUT', `/api/rule-settings/${key}`, rawBody ?? { value, reason }, 'admin');

  /** Every statistics view a setting feeds answers 200; the indicators and the assessment are returned. */
  async function statisticsAnswer(): Promise<{ indicators: any; assessment: any }> {
    const today = shanghaiToday();
    const indicators = await send('GET', `/api/statistics/indicators?groupBy=unit&from=${today}&to=${today}`, undefined, 'supervisor');
    assert.equal(indicators.status, 200, indicators.text.slice(0, 300));
    const assessment = await send('GET', `/api/statistics/assessment?month=${today.slice(0, 7)}`, undefined, 'supervisor');
    assert.equal(assessment.status, 200, assessment.text.slice(0, 300));
    const summary = await send('GET', `/api/statistics/summary?from=${today}&to=${today}`, undefined, 'supervisor');
    assert.equal(summary.status, 200, summary.text.slice(0, 300));
    const report = await send('GET', `/api/statistics/report?month=${today.slice(0, 7)}`, undefined, 'supervisor');
    assert.equal(report.status, 200, report.text.slice(0, 300));
    return { indicators: indicators.body, assessment: assessment.body };
  }

  before(async function () {
    this.timeout(60_000);
    for (const user of ['operator', 'dispatcher', 'handler', 'supervisor', 'admin']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
    for (const key of KEYS) {
      const row = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key } });
      saved.set(key, { value: row.value, updatedAt: row.updatedAt });
    }
    // A case the product handled today: dispatched to 市城市管理局, contacted, signed for, urged.
    const registered = await send('POST', '/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: '考核设置', content: '路灯不亮。', citizenPhone: '13955556666' }, 'operator');
    assert.equal(registered.status, 201, registered.text);
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    // Bodies are made when sent: a contact time taken before the dispatch (in the minute before
    // it, when the dispatch lands just after a minute turns) is refused, rightly.
    const commands: [string, () => unknown, string][] = [
      ['dispatch', () => ({ leadUnitId: 'chengguan' }), 'dispatcher'],
      ['recordContact', () => ({ means: 'phone', contactedAt: new Date().toISOString() }), 'handler'],
      ['signFor', () => ({}), 'handler'],
      ['urge', () => ({ reason: '请尽快处理' }), 'supervisor'],
    ];
    for (const [name, body, as] of commands) {
      const answer = await send('POST', `/api/cases/${caseId}/commands/${name}`, body(), as);
      assert.equal(answer.status, 200, `${name}: ${answer.text}`);
    }
  });

  after(async () => {
    for (const [key, { value }] of saved) await testPrisma().ruleSetting.update({ where: { key }, data: { value: value as never } });
  });

  /** Refused with 400, naming a field under `value`; the setting and the audit trail are as they were. */
  async function assertRefused(key: string, value: unknown, expectedFields: Record<string, string | RegExp> | null, rawBody?: string): Promise<void> {
    const auditsBefore = await testPrisma().auditEvent.count({ where: { entityType: 'ruleSetting', entityId: key } });
    const what = `${key} = ${rawBody ?? JSON.stringify(value)?.slice(0, 100)}`;
    const answer = await put(key, value, rawBody);
    assert.equal(answer.status, 400, `${what}: ${answer.text.slice(0, 300)}`);
    const fields: Record<string, string> = answer.body.error.fields ?? {};
    const named = Object.keys(expectedFields ?? { value: '' });
    const underValue = (f: string) => f === 'value' || f.startsWith('value.');
    assert.ok(Object.keys(fields).length > 0 && Object.keys(fields).every((f) => (named.every(underValue) ? underValue(f) : named.includes(f))), `${what}: fields ${JSON.stringify(fields).slice(0, 300)}`);
    assert.ok(answer.text.length < 10_000, `${what}: the refusal is short (${answer.text.length} bytes)`);
    for (const [field, reason] of Object.entries(expectedFields ?? {})) {
      if (typeof reason === 'string') assert.equal(fields[field], reason, `${what}: ${JSON.stringify(fields)}`);
      else assert.match(fields[field] ?? '', reason, `${what}: ${JSON.stringify(fields)}`);
    }
    const row = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key } });
    assert.deepEqual(row.value, saved.get(key)!.value, `${what} changed nothing`);
    assert.equal(row.updatedAt.getTime(), saved.get(key)!.updatedAt.getTime(), `${what} wrote nothing`);
    assert.equal(await testPrisma().auditEvent.count({ where: { entityType: 'ruleSetting', entityId: key } }), auditsBefore, `${what} audited nothing`);
  }

  /** A body whose value is written as raw JSON text: 1e400 parses to Infinity, -0 to minus zero. */
  const rawValue = (json: string) => `{"value":${json},"reason":"考核口径调整"}`;

  it('answers the statistics before any change (the baseline the refusals must keep)', async () => {
    const { indicators, assessment } = await statisticsAnswer();
    const chengguan = indicators.rows.find((r: { key: string }) => r.key === 'chengguan');
    // Other tests of a full run add their own cases: the rate is computed, whatever its value.
    assert.ok(typeof chengguan?.responseRate === 'number' && chengguan.responseRate >= 0 && chengguan.responseRate <= 1, JSON.stringify(chengguan));
    assert.ok(assessment.rows.some((r: { unitId: string }) => r.unitId === 'chengguan'));
  });

  it('refuses targets of the wrong type, unknown indicators, rates outside 0..1, number-like strings and huge arrays', async () => {
    const key = 'assessment.targets';
    const target = (override: Record<string, unknown>) => [{ indicator: 'resolutionRate', comparison: 'atLeast', value: 0.8, ...override }];
    // A string or an object where the list belongs: the wrong type (never "too big").
    await assertRefused(key, 'resolutionRate>=0.8', { value: /expected array, received string/ });
    await assertRefused(key, { length: 11 }, { value: /expected array, received object/ });
    await assertRefused(key, { resolutionRate: 0.8 }, { value: /expected array/ });
    await assertRefused(key, null, null);
    await assertRefused(key, 0.8, null);
    await assertRefused(key, [0.8], { 'value.0': /expected object/ });
    await assertRefused(key, [[{ indicator: 'resolutionRate', comparison: 'atLeast', value: 0.8 }]], { 'value.0': /expected object/ });
    for (const indicator of ['happinessRate', 'RESOLUTIONRATE', 'resolution Rate', '__proto__', 'constructor', 'toString', '', 7, null]) {
      await assertRefused(key, target({ indicator }), { 'value.0.indicator': /expected one of/ });
    }
    for (const comparison of ['greaterThan', '>=', 'atleast', null]) await assertRefused(key, target({ comparison }), { 'value.0.comparison': /expected one of/ });
    for (const value of [-0.01, 1.01, 80, -1e308, 1e308, Number.MAX_SAFE_INTEGER]) await assertRefused(key, target({ value }), { 'value.0.value': 'a rate between 0 and 1' });
    for (const value of ['0.8', 'NaN', 'Infinity', '-Infinity', '80%', '', null, true, [0.8], { rate: 0.8 }]) await assertRefused(key, target({ value }), { 'value.0.value': /expected number/ });
    // JSON numbers JavaScript cannot hold: 1e400 and -1e400 parse to ±Infinity.
    for (const json of ['1e400', '-1e400']) await assertRefused(key, undefined, { value: 'numbers must be finite' }, rawValue(`[{"indicator":"resolutionRate","comparison":"atLeast","value":${json}}]`));
    await assertRefused(key, target({ note: '解决率' }), { 'value.0': /Unrecognized key/ });
    await assertRefused(key, [...target({}), ...target({ value: 0.9 })], { value: 'each indicator at most once' });
    // More targets than indicators, and a near-megabyte array: refused as a whole, answered briefly.
    await assertRefused(key, [...RATE_INDICATORS, 'resolutionRate'].map((indicator) => ({ indicator, comparison: 'atLeast', value: 0.5 })), { value: /expected array to have <=10 items|Too big/i });
    await assertRefused(key, new Array(15_000).fill({ indicator: 'resolutionRate', comparison: 'atLeast', value: 0.8 }), null);
    await assertRefused(key, new Array(400_000).fill(0), null);
    // Nested deeper than a setting ever needs.
    await assertRefused(key, undefined, { value: /nested at most 32/ }, rawValue(`${'['.repeat(40)}${']'.repeat(40)}`));
    await statisticsAnswer();
  });

  it('refuses schemes with wrong types, zero or negative weights, unknown indicators, absurd deductions and huge parts', async () => {
    const key = 'assessment.scheme';
    await assertRefused(key, [VALID_SCHEME], { value: /expected object/ });
    await assertRefused(key, 'default', { value: /expected object/ });
    await assertRefused(key, {}, { 'value.workPerformance': /expected array/ });
    await assertRefused(key, schemeWith({ workPerformance: [] }), { 'value.workPerformance': 'at least one indicator' });
    await assertRefused(key, schemeWith({ workPerformance: weighted('completedOnTimeRate') }), { 'value.workPerformance': /expected array/ });
    // A string where a list belongs is the wrong type, not a list too long or too short.
    await assertRefused(key, schemeWith({ workPerformance: 'completedOnTimeRate,extensionRate' }), { 'value.workPerformance': /expected array, received string/ });
    await assertRefused(key, schemeWith({ citizenEvaluation: '' }), { 'value.citizenEvaluation': /expected array, received string/ });
    await assertRefused(key, schemeWith({ citizenEvaluation: { length: 20 } }), { 'value.citizenEvaluation': /expected array, received object/ });
    for (const weight of [0, -0.5, 1.5, 1e308, -1e308]) await assertRefused(key, schemeWith({ citizenEvaluation: [weighted('resolutionRate', weight)] }), { 'value.citizenEvaluation.0.weight': /above 0|at most 1/ });
    for (const weight of ['0.5', 'NaN', 'Infinity', null, [0.5]]) await assertRefused(key, schemeWith({ citizenEvaluation: [weighted('resolutionRate', weight as never)] }), { 'value.citizenEvaluation.0.weight': /expected number/ });
    await assertRefused(key, undefined, { value: 'numbers must be finite' }, rawValue(JSON.stringify(VALID_SCHEME).replace('"weight":0.7', '"weight":1e400')));
    for (const indicator of ['happinessRate', 'urgeCount', 'score', '__proto__']) {
      await assertRefused(key, schemeWith({ citizenEvaluation: [weighted(indicator)] }), { 'value.citizenEvaluation.0.indicator': /expected one of/ });
    }
    await assertRefused(key, schemeWith({ citizenEvaluation: [weighted('resolutionRate', 1, 'sideways')] }), { 'value.citizenEvaluation.0.direction': /expected one of/ });
    await assertRefused(key, schemeWith({ citizenEvaluation: [weighted('resolutionRate', 0.5), weighted('resolutionRate', 0.5)] }), { 'value.citizenEvaluation': 'each indicator at most once' });
    for (const deduction of [-1, 101, 1e308, '2', 'NaN', null]) {
      await assertRefused(key, schemeWith({ deductions: { ...VALID_SCHEME.deductions, criticismCount: deduction } }), { 'value.deductions.criticismCount': /at least 0|at most 100|greater than or equal|less than or equal|>=|<=|expected number/ });
    }
    await assertRefused(key, schemeWith({ deductions: { supervisionCount: 1 } }), { 'value.deductions.overdueCount': /expected number/ });
    await assertRefused(key, schemeWith({ deductions: { ...VALID_SCHEME.deductions, urgeCount: 1 } }), { 'value.deductions': /Unrecognized key/ });
    await assertRefused(key, schemeWith({ bonus: { responseRate: 5 } }), { value: /Unrecognized key/ });
    await assertRefused(key, undefined, { value: /Unrecognized key/ }, rawValue(JSON.stringify(VALID_SCHEME).replace(/^\{/, '{"__proto__":{"deductions":{}},')));
    await assertRefused(key, schemeWith({ workPerformance: new Array(300_000).fill(0) }), null);
    await assertRefused(key, schemeWith({ citizenEvaluation: new Array(RATE_INDICATORS.length + 1).fill(null).map((_, i) => weighted(RATE_INDICATORS[i % RATE_INDICATORS.length]!, 0.1)) }), null);
    await statisticsAnswer();
  });

  it('refuses criticism thresholds and response windows that are no whole number in range', async () => {
    const wholeNumberRefusals: [string, unknown[], RegExp][] = [
      ['urge.criticismThreshold', [-1, 21, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2], /at least 0|at most 20/],
      ['urge.criticismThreshold', [2.5, 0.000001], /a whole number/],
      ['response.withinHours', [0, -24, 721, 1e308, 24 * 365 * 1000], /at least 1|at most 720/],
      ['response.withinHours', [24.5, 1e-9], /a whole number|at least 1/],
    ];
    for (const [key, values, reason] of wholeNumberRefusals) for (const value of values) await assertRefused(key, value, { value: reason });
    for (const key of ['urge.criticismThreshold', 'response.withinHours']) {
      for (const value of ['2', '24', 'NaN', 'Infinity', '1e400', '0x10', '24h', '二十四', '', null, true, [24], { hours: 24 }]) await assertRefused(key, value, { value: /expected number/ });
      for (const json of ['1e400', '-1e400']) await assertRefused(key, undefined, { value: 'numbers must be finite' }, rawValue(json));
      // A value missing altogether, and a body that is not an object.
      await assertRefused(key, undefined, { value: 'required' }, '{"reason":"考核口径调整"}');
      for (const body of ['[]', '24', 'null', '{"value":']) assert.equal((await put(key, undefined, body)).status, 400, body);
      await assertRefused(key, 2, { reason: 'at most 500 characters' }, JSON.stringify({ value: 3, reason: 'x'.repeat(1_000_000) }));
    }
    await statisticsAnswer();
  });

  it('answers absurd but well-formed periods of the assessment routes with 200 or a 400 naming the field, never a 500', async () => {
    const queries = [
      '/api/statistics/indicators?groupBy=unit&from=9999-12-31&to=9999-12-31',
      '/api/statistics/indicators?groupBy=unit&from=0001-01-01&to=0001-12-31',
      '/api/statistics/indicators?groupBy=unit&from=1900-01-01&to=1900-01-01',
      '/api/statistics/indicators?groupBy=unit&from=2026-12-01&to=9999-12-31',
      '/api/statistics/indicators?groupBy=unit&from=2026-02-30&to=2026-03-01',
      '/api/statistics/indicators?groupBy=unit&from=2026-12-01%00&to=2026-12-01',
      '/api/statistics/indicators?groupBy=unit%00&from=2026-12-01&to=2026-12-01',
      '/api/statistics/indicators?groupBy=unit&groupBy=category&from=2026-12-01&to=2026-12-01',
      '/api/statistics/assessment?month=2199-12',
      '/api/statistics/assessment?month=1900-01',
      '/api/statistics/assessment?month=9999-12',
      '/api/statistics/assessment?month=2026-13',
      '/api/statistics/assessment?month[]=2026-12',
      '/api/statistics/summary?from=9999-12-31&to=9999-12-31',
      '/api/statistics/report?month=9999-12',
      '/api/statistics/report?month=0000-01',
      '/api/statistics/call-centre?from=9999-12-31&to=9999-12-31',
      '/api/statistics/call-centre?from=0001-01-01&to=0001-01-01',
      '/api/statistics/call-centre?from=2026-12-01&to=9999-12-31',
    ];
    const wrong: string[] = [];
    for (const query of queries) {
      const answer = await send('GET', query, undefined, 'supervisor');
      const named = answer.status === 400 && Object.keys(answer.body?.error?.fields ?? {}).length > 0;
      if (answer.status !== 200 && !named) wrong.push(`${query}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    assert.deepEqual(wrong, []);
    // Years PostgreSQL and JavaScript do not agree on (year 1 starts in year 0 in UTC; 10000 has no
    // four-digit ISO form) used to be answered 500: every statistics route refuses them by name.
    const outOfRange: [string, string][] = [
      ['/api/statistics/indicators?groupBy=unit&from=0001-01-01&to=0001-12-31', 'from'],
      ['/api/statistics/summary?from=9999-12-01&to=9999-12-31', 'to'],
      ['/api/statistics/assessment?month=0001-01', 'month'],
      ['/api/statistics/report?month=9999-12', 'month'],
      ['/api/statistics/report?month=0000-01', 'month'],
      ['/api/statistics/call-centre?from=0001-01-01&to=0001-01-01', 'from'],
      ['/api/statistics/hotspots?month=9999-12', 'month'],
    ];
    for (const [query, field] of outOfRange) {
      const answer = await send('GET', query, undefined, 'supervisor');
      assert.equal(answer.status, 400, `${query}: ${answer.text.slice(0, 200)}`);
      assert.equal(answer.body.error.fields[field], 'a year from 1900 to 2199', `${query}: ${answer.text.slice(0, 200)}`);
    }
    for (const query of ['/api/statistics/indicators?groupBy=unit&from=1900-01-01&to=1900-01-31', '/api/statistics/report?month=2199-12', '/api/statistics/call-centre?from=2199-12-31&to=2199-12-31']) {
      assert.equal((await send('GET', query, undefined, 'supervisor')).status, 200, `${query} is in range`);
    }
  });

  it('accepts the extremes the rules allow, with a hostile reason audited cleaned, and the statistics follow them', async () => {
    const allTargets = RATE_INDICATORS.map((indicator, i) => ({ indicator, comparison: i % 2 ? 'atMost' : 'atLeast', value: i % 3 === 0 ? 1 : 0 }));
    const extremes: [string, unknown][] = [
      ['assessment.targets', allTargets],
      ['assessment.scheme', { workPerformance: [weighted('responseRate', 1e-9)], citizenEvaluation: RATE_INDICATORS.map((indicator) => weighted(indicator, 1, 'lowerIsBetter')), deductions: { supervisionCount: 100, overdueCount: 100, criticismCount: 100 } }],
      ['response.withinHours', 1],
    ];
    for (const [key, value] of extremes) {
      const changes = () => testPrisma().auditEvent.findMany({ where: { entityType: 'ruleSetting', entityId: key, action: 'ruleSettingChanged' }, orderBy: { id: 'asc' } });
      const before = (await changes()).length;
      const answer = await put(key, value, undefined, '口径\u0000调整\ud800');
      assert.equal(answer.status, 200, `${key}: ${answer.text.slice(0, 300)}`);
      assert.deepEqual(answer.body.value, value);
      const audits = await changes();
      assert.equal(audits.length, before + 1, `${key} audited once`);
      assert.equal(audits.at(-1)!.reason, '口径调整\ufffd');
    }
    const { indicators, assessment } = await statisticsAnswer();
    assert.deepEqual(indicators.targets, allTargets);
    const chengguan = indicators.rows.find((r: { key: string }) => r.key === 'chengguan');
    assert.ok(typeof chengguan?.responseRate === 'number', JSON.stringify(chengguan));
    assert.ok(Array.isArray(chengguan.missedTargets));
    const row = assessment.rows.find((r: { unitId: string }) => r.unitId === 'chengguan');
    assert.ok(row, JSON.stringify(assessment.rows).slice(0, 300));
    for (const score of [row.workPerformance, row.citizenEvaluation, row.score]) assert.ok(score === null || (Number.isFinite(score) && score >= 0 && score <= 100), JSON.stringify(row));

    // Text inside a setting's value is cleaned before its schema checks it (docs/input.md): a
    // NUL or a bidirectional control in an indicator's name is dropped, never stored.
    const cleaned = await put('assessment.targets', [{ indicator: 'resolution\u0000Rate\u202e', comparison: 'atLeast', value: 0.8 }]);
    assert.equal(cleaned.status, 200, cleaned.text);
    assert.deepEqual((await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'assessment.targets' } })).value, [{ indicator: 'resolutionRate', comparison: 'atLeast', value: 0.8 }]);
    // -0 is zero: the rule is off, stored as 0.
    const minusZero = await put('urge.criticismThreshold', undefined, rawValue('-0'));
    assert.equal(minusZero.status, 200, minusZero.text);
    assert.equal((await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'urge.criticismThreshold' } })).value, 0);
    await statisticsAnswer();
  });
});
