// No admin write may break the desk (issue 13, item 4). Every admin write endpoint, read from
// the API's own operation table (so a new one is swept, and this file fails until it names a
// target for it), gets hostile values: NUL, a lone surrogate, a 1 MB string, wrong types, old
// dates, negative and huge numbers, empty and malformed bodies, in its path, its query and each
// body field. Then harmful but valid sequences: a year apart from the calendar, extreme rule
// settings and limits, a setting naming no case type, moves into the own subtree, everything
// deactivated. Each answer must be a 4xx or a 2xx, and afterwards the desk must still work: the
// case list for an operator and a unit handler, and intake through the operator, the web form
// and Open311, whose cases become visible and can be dispatched. What the sweep changes in the
// shared seeded data (settings, templates, a calendar day, activity flags) is put back after it.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { allOperations } from '../../api/openapi/document';
import type { Operation } from '../../api/openapi/operation';
import { isRuleSettingKey, RULE_SETTINGS } from '../../rules/settings';
import { shanghaiDate } from '../../rules/shanghaiTime';
import { AdminApiClient, type JsonResponse } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { createPrismaClient } from '../../prisma/client';
import { testDatabaseUrl, testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';

/** Values no field expects, each sent in place of every body field in turn. */
const HOSTILE_VALUES: [label: string, value: unknown][] = [
  ['NUL inside', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['lone surrogate', 'x\ud800y'],
  ['1 MB string', 'x'.repeat(1_000_000)],
  ['empty string', ''],
  ['blank', '   '],
  ['old date', '1900-01-01'],
  ['old instant', '0001-01-01T00:00:00.000Z'],
  ['negative', -1],
  ['zero', 0],
  ['huge', 1e308],
  ['beyond safe integers', 2 ** 53 + 2],
  ['fraction', 0.5],
  ['boolean', true],
  ['null', null],
  ['array', ['\u0000', -1]],
  ['object', { $ne: null, nested: { deep: '\ud800' } }],
];

/** Whole bodies: JSON text as sent (undefined: no body at all). */
const HOSTILE_BODIES: [label: string, text: string | undefined][] = [
  ['no body', undefined],
  ['empty object', '{}'],
  ['null', 'null'],
  ['array', '[]'],
  ['string', '"\\u0000"'],
  ['number', '-1e308'],
  ['malformed', '{"reason": '],
  ['prototype keys', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'],
  ['1.5 MB', JSON.stringify({ reason: '长'.repeat(500_000) })],
];

/** In place of each path parameter (already URL-encoded). */
const HOSTILE_SEGMENTS = ['%00', '%ED%A0%80', '-1', '0', '99999999999999999999', '1900-01-01', '0001-01-01', 'x'.repeat(4000), '..%2F..%2Fetc', '%F0%9F%98%80', '%20'];

/** In place of each query parameter a route reads. */
const HOSTILE_QUERIES = ['reason=%00', 'reason=%ED%A0%80', `reason=${'x'.repeat(6000)}`, 'reason=a&reason=b', 'reason[x]=1'];

/** Where a request goes: path parameters of a row this file owns or restores, a body it accepts, the query a route reads. */
interface Target {
  params?: Record<string, string>;
  body?: Record<string, unknown>;
  query?: Record<string, string>;
}

/** One keypad question, as a poll's creation accepts it. */
const POLL_QUESTION = { prompt: '您对本次服务是否满意？满意请按1，不满意请按2。', choices: [{ key: '1', label: '满意' }, { key: '2', label: '不满意' }] };

const isAdminWrite = (op: Operation) => op.method !== 'GET' && op.auth === 'bearer' && (op.roles ?? []).includes('admin');
const keyOf = (op: Pick<Operation, 'method' | 'path'>) => `${op.method} ${op.path}`;

/** The top-level field names of a body schema, as the OpenAPI description gives them. */
function bodyFields(op: Operation): string[] {
  if (!op.body) return [];
  const schema = z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  return Object.keys(schema.properties ?? {});
}

describe('admin writes cannot break the desk', () => {
  // The API with a pool of its own, as in production: the worker's activities (every open case
  // recomputes after each accepted rule change) would otherwise keep its transactions waiting.
  const apiPrisma = createPrismaClient(testDatabaseUrl(), { max: 10 });
  after(() => apiPrisma.$disconnect());
  // The desk's web petition is the same form from the same phone and address each time: no caps here.
  const stack = useApiStack({
    prisma: apiPrisma, publicSubmissionsPerHour: 10_000, open311PostsPerMinute: 10_000, open311ReadsPerMinute: 10_000,
    publicFormLimits: { phonesPerAddressPerDay: 1000, receiptsPerPhonePerDay: 100, duplicateWindowMinutes: 0 },
  });
  // Inside, so that its clean-up runs while the stack is still up.
  describe('every admin write endpoint', () => {
    let api: AdminApiClient;
    let open311Key: string;
    /** Rows this file created through the API (answers with an id), removed or deactivated at the end. */
    const created: { path: string; id: string }[] = [];
    const counts = { requests: 0, ok: 0, refused: 0 };
    const thisYear = Number(shanghaiDate(Date.now()).slice(0, 4));
    /** A covered working day whose flag the sweep may flip; restored exactly afterwards. */
    const sweptDay = `${thisYear}-12-29`;

    // The shared rows the sweep may change, as they were.
    let settingsBefore: { key: string; value: unknown }[];
    let templatesBefore: { code: string; body: string; bodyEn: string | null; description: string }[];
    let dayBefore: Awaited<ReturnType<ReturnType<typeof testPrisma>['calendarDay']['findUniqueOrThrow']>>;

    const own = { unitRoot: '', unit: '', categoryRoot: '', category: '', policy: '', user: '', draft: '', inReview: '', published: '', apiClient: '', cancelledPoll: '' };

    /** Sends a request and checks it was answered with a 2xx or a 4xx. */
    async function send(method: string, path: string, bodyText: string | undefined, as = 'admin'): Promise<JsonResponse> {
      const headers: Record<string, string> = { authorization: `Bearer ${api.token(as)}` };
      if (bodyText !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${stack.api.url}${path}`, { method, headers, body: bodyText });
      const text = await response.text();
      counts.requests++;
      const label = `${method} ${path.slice(0, 120)} ${bodyText === undefined ? '(no body)' : bodyText.slice(0, 160)}`;
      assert.ok((response.status >= 200 && response.status < 300) || (response.status >= 400 && response.status < 500), `${label} → ${response.status} ${text.slice(0, 300)}`);
      if (response.status < 300) counts.ok++;
      else counts.refused++;
      let body: any = null;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON (413 from the body parser answers JSON too; anything else is kept as text).
        body = text;
      }
      if (method === 'POST' && response.status === 201 && body && typeof body.id === 'string') created.push({ path: path.replace(/\?.*$/, ''), id: body.id });
      return { status: response.status, body, headers: response.headers };
    }

    const sendJson = (method: string, path: string, body: unknown, as = 'admin') => send(method, path, JSON.stringify(body), as);

    /** Creates (again) the rows the sweep aims at; a sweep request may have deleted or moved one. */
    async function ensureOwnRows(): Promise<void> {
      const prisma = testPrisma();
      const run = api.run;
      own.unitRoot = `swr-${run}`;
      own.unit = `swu-${run}`;
      if (!(await prisma.unit.findUnique({ where: { id: own.unitRoot } }))) {
        assert.equal((await sendJson('POST', '/api/units', { code: own.unitRoot, name: `清扫根${run}`, kind: 'department', parentId: 'hotline' })).status, 201);
      }
      await prisma.unit.update({ where: { id: own.unitRoot }, data: { active: true } });
      const unit = await prisma.unit.findUnique({ where: { id: own.unit } });
      if (!unit || unit.parentId !== own.unitRoot || !unit.active) {
        if (unit) await sendJson('PUT', `/api/units/${own.unit}`, { parentId: own.unitRoot, active: true, reason: 'sweep resets its row' });
        else assert.equal((await sendJson('POST', '/api/units', { code: own.unit, name: `清扫单位${run}`, kind: 'department', parentId: own.unitRoot })).status, 201);
      }
      own.categoryRoot = `cat-swr-${run}`;
      own.category = `cat-swc-${run}`;
      if (!(await prisma.category.findUnique({ where: { id: own.categoryRoot } }))) {
        assert.equal((await sendJson('POST', '/api/categories', { code: `swr-${run}`, name: `清扫分类${run}`, parentId: null })).status, 201);
      }
      await prisma.category.update({ where: { id: own.categoryRoot }, data: { active: true } });
      const category = await prisma.category.findUnique({ where: { id: own.category } });
      if (!category || category.parentId !== own.categoryRoot || !category.active) {
        if (category) await sendJson('PUT', `/api/categories/${own.category}`, { parentId: own.categoryRoot, active: true, reason: 'sweep resets its row' });
        else assert.equal((await sendJson('POST', '/api/categories', { code: `swc-${run}`, name: `清扫子分类${run}`, parentId: own.categoryRoot })).status, 201);
      }
      own.policy = `swp-${run}`;
      const policy = await prisma.deadlinePolicy.findUnique({ where: { id: own.policy } });
      if (!policy) {
        const answer = await sendJson('POST', '/api/policies', { id: own.policy, clock: 'handle', categoryId: own.category, amount: 7, unit: 'workingDays' });
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
      } else if (policy.categoryId !== own.category || policy.caseTypeCode !== null || policy.urgency !== null) {
        await prisma.deadlinePolicy.update({ where: { id: own.policy }, data: { categoryId: own.category, caseTypeCode: null, urgency: null } });
      }
      own.user = `user-sw-${run}`;
      if (!(await prisma.user.findUnique({ where: { id: own.user } }))) {
        assert.equal((await sendJson('POST', '/api/users', { username: `sw-${run}`, displayName: '清扫账号', roles: ['operator'], unitId: 'hotline', password: 'Sweep#Pass2026' })).status, 201);
      }
      own.apiClient = created.find((row) => row.path === '/api/api-clients')?.id ?? '';
      if (!own.apiClient || !(await prisma.apiClient.findUnique({ where: { id: own.apiClient } }))?.active) {
        const client = await sendJson('POST', '/api/api-clients', { name: `清扫客户端${run}` });
        own.apiClient = client.body.id;
      }
      own.draft = await article('draft');
      own.inReview = await article('inReview');
      own.published = await article('published');
      own.cancelledPoll = await cancelledPoll();
    }

    /**
     * A poll of this file, cancelled while a draft: the poll commands are swept against it, so a
     * valid one is refused (409) and no sweep request starts a campaign that calls anyone.
     */
    async function cancelledPoll(): Promise<string> {
      const existing = await testPrisma().pollCampaign.findFirst({ where: { title: `清扫调查${api.run}`, status: 'cancelled' } });
      if (existing) return existing.id;
      const draft = await sendJson('POST', '/api/polls', { title: `清扫调查${api.run}`, questions: [POLL_QUESTION], targets: { numbers: ['13900000001'] } });
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      assert.equal((await sendJson('POST', `/api/polls/${draft.body.id}/cancel`, {})).status, 200);
      return draft.body.id;
    }

    /** An article of this file in `status`, written by the operator (so the admin may review it). */
    async function article(status: 'draft' | 'inReview' | 'published'): Promise<string> {
      const existing = await testPrisma().knowledgeArticle.findFirst({ where: { title: `清扫文章${api.run}-${status}`, status } });
      if (existing) return existing.id;
      const draft = await sendJson('POST', '/api/knowledge', { title: `清扫文章${api.run}-${status}`, answers: [{ body: '答复' }] }, 'operator');
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      if (status !== 'draft') assert.equal((await sendJson('POST', `/api/knowledge/${draft.body.id}/submit`, {}, 'operator')).status, 200);
      if (status === 'published') assert.equal((await sendJson('POST', `/api/knowledge/${draft.body.id}/publish`, {})).status, 200);
      return draft.body.id;
    }

    /**
     * Where each admin write is aimed, and a body it accepts. Rows are this file's own, or shared
     * rows it restores (settings, templates, a day), or targets a valid request cannot harm (a
     * year apart from the calendar, the current year).
     */
    function targetsOf(op: Operation): Target[] | undefined {
      const reason = { reason: 'sweep' };
      const unitBody = { code: `swn-${api.run}`, name: '新单位', kind: 'department', parentId: own.unitRoot, ...reason };
      const categoryBody = { code: `swn-${api.run}`, name: '新分类', parentId: own.categoryRoot, defaultUnitId: own.unit, ...reason };
      const policyBody = { clock: 'signFor', categoryId: own.category, amount: 2, unit: 'workingDays', warnRatio: 0.8, description: '清扫', ...reason };
      const userBody = { username: `swn-${api.run}`, displayName: '新账号', roles: ['operator'], unitId: own.unit, phone: '13900000000', password: 'Sweep#Pass2026', ...reason };
      const articleBody = { title: `清扫新文章${api.run}`, categoryId: own.category, keywords: ['清扫'], answers: [{ body: '答复' }], ...reason };
      const table: Record<string, () => Target[]> = {
        'PUT /api/calendar/:date': () => [{ params: { date: sweptDay }, body: { isWorkingDay: true, name: '清扫', ...reason } }],
        'POST /api/calendar/import/:year': () => [{ params: { year: '2006' } }],
        'POST /api/calendar/years/:year': () => [{ params: { year: String(thisYear + 5) }, body: reason }],
        'DELETE /api/calendar/years/:year': () => [{ params: { year: String(thisYear) }, body: reason }],
        'POST /api/api-clients': () => [{ body: { name: '清扫' } }],
        'DELETE /api/api-clients/:id': () => [{ params: { id: own.apiClient } }],
        'POST /api/units': () => [{ body: unitBody }],
        'PUT /api/units/:id': () => [{ params: { id: own.unit }, body: { ...unitBody, code: own.unit, parentId: own.unitRoot, active: true } }],
        'DELETE /api/units/:id': () => [{ params: { id: own.unit }, query: reason }],
        'POST /api/categories': () => [{ body: categoryBody }],
        'PUT /api/categories/:id': () => [{ params: { id: own.category }, body: { ...categoryBody, code: own.category.replace(/^cat-/, ''), active: true } }],
        'DELETE /api/categories/:id': () => [{ params: { id: own.category }, query: reason }],
        'POST /api/users': () => [{ body: userBody }],
        'PUT /api/users/:id': () => [{ params: { id: own.user }, body: { ...userBody, username: own.user.replace(/^user-/, ''), active: true, password: undefined } }],
        'POST /api/users/:id/password': () => [{ params: { id: own.user }, body: { password: 'Sweep#Pass2027', ...reason } }],
        'POST /api/policies': () => [{ body: policyBody }],
        'PUT /api/policies/:id': () => [{ params: { id: own.policy }, body: { ...policyBody, clock: 'handle', amount: 7, active: true } }],
        'DELETE /api/policies/:id': () => [{ params: { id: own.policy }, query: reason }],
        'PUT /api/rule-settings/:id': () => settingsBefore.filter((row) => isRuleSettingKey(row.key)).map((row) => ({ params: { id: row.key }, body: { value: row.value, ...reason } })),
        'PUT /api/templates/:id': () => templatesBefore.map((row) => ({ params: { id: row.code }, body: { body: row.body, bodyEn: row.bodyEn, description: row.description, ...reason } })),
        'POST /api/knowledge': () => [{ body: articleBody }],
        'PUT /api/knowledge/:id': () => [{ params: { id: own.draft }, body: articleBody }],
        'DELETE /api/knowledge/:id': () => [{ params: { id: own.draft }, query: reason }],
        'POST /api/knowledge/:id/submit': () => [{ params: { id: own.draft }, body: reason }],
        'POST /api/knowledge/:id/publish': () => [{ params: { id: own.inReview }, body: reason }],
        'POST /api/knowledge/:id/send-back': () => [{ params: { id: own.inReview }, body: reason }],
        'POST /api/knowledge/:id/retire': () => [{ params: { id: own.published }, body: reason }],
        'POST /api/knowledge/:id/revisions': () => [{ params: { id: own.published } }],
        // Nothing is stuck here: a retry of all signals no one, and the step named does not exist.
        'POST /api/stuck-cases/retry': () => [{ body: reason }],
        'POST /api/rules-broadcast': () => [{ body: reason }],
        // 举报 is confidential by default already: an accepted request changes nothing shared.
        'PUT /api/case-types/:id': () => [{ params: { id: 'report' }, body: { confidentialByDefault: true, ...reason } }],
        // A new poll is a draft: it calls no one until started.
        'POST /api/polls': () => [{ body: { title: '清扫新调查', questions: [POLL_QUESTION], targets: { numbers: ['13900000002'] } } }],
        'POST /api/polls/:id/start': () => [{ params: { id: own.cancelledPoll }, body: reason }],
        'POST /api/polls/:id/pause': () => [{ params: { id: own.cancelledPoll }, body: reason }],
        'POST /api/polls/:id/resume': () => [{ params: { id: own.cancelledPoll }, body: reason }],
        'POST /api/polls/:id/cancel': () => [{ params: { id: own.cancelledPoll }, body: reason }],
        'POST /api/stuck-cases/:id/retry': () => [{ params: { id: `stuck-${api.run}` }, body: reason }],
      };
      return table[keyOf(op)]?.();
    }

    const pathOf = (op: Operation, params: Record<string, string> = {}, query: Record<string, string> | string = {}) => {
      const path = op.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'no-such-row');
      const search = typeof query === 'string' ? query : new URLSearchParams(query).toString();
      return search ? `${path}?${search}` : path;
    };

    /**
     * Every hostile request for one target of one endpoint. The bodies, path and query values
     * are the endpoint's, so they go to its first target only; each further target (another
     * setting key, another template) gets the hostile values in its first field (the value,
     * the text), which has a schema or a renderer of its own.
     */
    async function sweep(op: Operation, target: Target, first: boolean): Promise<void> {
      const { params = {}, body, query = {} } = target;
      const validBody = body === undefined ? undefined : JSON.stringify(body);
      if (first) {
        for (const [, text] of HOSTILE_BODIES) await send(op.method, pathOf(op, params, query), text);
        for (const name of Object.keys(params)) {
          for (const segment of HOSTILE_SEGMENTS) await send(op.method, pathOf(op, { ...params, [name]: segment }, query), validBody);
        }
        for (const search of HOSTILE_QUERIES) await send(op.method, pathOf(op, params, search), validBody);
        await sendJson(op.method, pathOf(op, params, query), { ...body, unexpected: { '\u0000key': '\ud800' } });
      }
      const fields = first ? [...new Set([...bodyFields(op), ...Object.keys(body ?? {})])] : [Object.keys(body ?? {})[0]!];
      for (const field of fields) {
        for (const [, value] of HOSTILE_VALUES) await sendJson(op.method, pathOf(op, params, query), { ...body, [field]: value });
        if (first) await sendJson(op.method, pathOf(op, params, query), { ...body, [field]: undefined });
      }
    }

    /** The desk: the case list for an operator and a unit handler, and intake by every door whose case becomes visible (and, when asked, can be dispatched). */
    async function assertDeskWorks(context: string, options: { dispatch?: boolean; open311?: boolean } = {}): Promise<void> {
      for (const user of ['operator', 'handler']) {
        const list = await api.get('/api/cases', user);
        assert.equal(list.status, 200, `${context}: case list for ${user}: ${JSON.stringify(list.body)}`);
      }
      const intakes: string[] = [];
      const operator = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: '清扫后登记', content: '管理操作之后，登记应照常。', citizenPhone: '13911112222' }, 'operator');
      assert.equal(operator.status, 201, `${context}: operator intake: ${JSON.stringify(operator.body)}`);
      intakes.push(operator.body.id);
      const web = await fetch(`${stack.api.url}/public/cases`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'complaint', title: '清扫后网上诉求', content: '管理操作之后，网上诉求应照常受理。', phone: '13911113333' }),
      });
      assert.equal(web.status, 201, `${context}: web form: ${await web.clone().text()}`);
      intakes.push(((await web.json()) as { caseId: string }).caseId);
      if (options.open311 !== false) {
        const form = new URLSearchParams({ api_key: open311Key, service_code: 'urban.street-vending', address_string: '解放路1号', description: '管理操作之后，Open311 应照常受理。' });
        const answer = await fetch(`${stack.api.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
        const text = await answer.text();
        assert.equal(answer.status, 201, `${context}: Open311: ${text}`);
        intakes.push((JSON.parse(text) as { service_request_id: string }[])[0]!.service_request_id);
      }
      for (const caseId of intakes) {
        await waitUntil(async () => (await api.get(`/api/cases/${caseId}`, 'operator')).status === 200).catch(() => assert.fail(`${context}: case ${caseId} never became visible`));
      }
      if (options.dispatch !== false) {
        const dispatched = await api.post(`/api/cases/${operator.body.id}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
        assert.equal(dispatched.status, 200, `${context}: dispatch: ${JSON.stringify(dispatched.body)}`);
        const handlerList = await api.get(`/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [operator.body.id] }))}`, 'handler');
        assert.equal(handlerList.status, 200);
        await waitUntil(async () => (await api.get(`/api/cases/${operator.body.id}`, 'handler')).status === 200).catch(() => assert.fail(`${context}: the unit never saw its case`));
      }
    }

    before(async function () {
      this.timeout(120_000);
      api = new AdminApiClient(stack.api.url);
      await api.login('admin', 'operator', 'dispatcher', 'handler');
      const prisma = testPrisma();
      settingsBefore = (await prisma.ruleSetting.findMany({ orderBy: { key: 'asc' } })).map((row) => ({ key: row.key, value: row.value }));
      templatesBefore = await prisma.messageTemplate.findMany({ orderBy: { code: 'asc' }, select: { code: true, body: true, bodyEn: true, description: true } });
      dayBefore = await prisma.calendarDay.findUniqueOrThrow({ where: { date: new Date(sweptDay) } });
      const client = await api.post('/api/api-clients', { name: `清扫Open311${api.run}` }, 'admin');
      open311Key = client.body.apiKey;
      await ensureOwnRows();
      await assertDeskWorks('before the sweep');
    });

    after(async function () {
      this.timeout(120_000);
      if (!api) return;
      const prisma = testPrisma();
      // Shared rows back as they were (through the API where it keeps them exactly).
      await restoreSettings();
      for (const row of templatesBefore) {
        const restored = await api.put(`/api/templates/${row.code}`, { body: row.body, bodyEn: row.bodyEn, description: row.description, reason: 'sweep restores' }, 'admin');
        assert.equal(restored.status, 200, `${row.code}: ${JSON.stringify(restored.body)}`);
      }
      const { date: _date, ...day } = dayBefore;
      await prisma.calendarDay.update({ where: { date: new Date(sweptDay) }, data: day });
      // Rows this file made: leaves first, so that each can go; those something refers to
      // (a user's unit, an article's category) stay, deactivated.
      const unitTree = { lineage: { has: `swr-${api.run}` } };
      const categoryTree = { lineage: { has: `cat-swr-${api.run}` } };
      const units = await prisma.unit.findMany({ where: unitTree, orderBy: { level: 'desc' } });
      const categories = await prisma.category.findMany({ where: categoryTree });
      await prisma.deadlinePolicy.deleteMany({ where: { categoryId: { in: categories.map((row) => row.id) } } });
      for (const row of created.filter((row) => row.path === '/api/users')) await api.put(`/api/users/${row.id}`, { active: false, reason: 'sweep' }, 'admin');
      for (const category of categories.sort((a, b) => b.lineage.length - a.lineage.length)) await api.delete(`/api/categories/${category.id}?reason=sweep`, 'admin');
      for (const unit of units) await api.delete(`/api/units/${unit.id}?reason=sweep`, 'admin');
      await prisma.category.updateMany({ where: categoryTree, data: { active: false } });
      await prisma.unit.updateMany({ where: unitTree, data: { active: false } });
      for (const row of created.filter((row) => row.path === '/api/api-clients')) await api.delete(`/api/api-clients/${row.id}`, 'admin');
      await prisma.knowledgeArticle.updateMany({ where: { id: { in: created.filter((row) => row.path.startsWith('/api/knowledge')).map((row) => row.id) }, status: 'published' }, data: { status: 'retired' } });
      console.log(`      admin sweep: ${counts.requests} requests, ${counts.ok} accepted, ${counts.refused} refused, none failed`);
    });

    it('has a target for every admin write endpoint of the route table', () => {
      const writes = allOperations().filter(isAdminWrite);
      assert.ok(writes.length >= 25, `${writes.length} admin writes read from the operation table`);
      assert.deepEqual(writes.filter((op) => targetsOf(op) === undefined).map(keyOf), [], 'admin writes without a target in this sweep: name one in targetsOf');
    });

    for (const op of allOperations().filter(isAdminWrite)) {
      it(`answers ${keyOf(op)} with a 2xx or a 4xx whatever it is sent`, async function () {
        this.timeout(600_000);
        await ensureOwnRows();
        // With no target: the same values against rows that do not exist.
        const targets = targetsOf(op) ?? [{}];
        for (const [index, target] of targets.entries()) {
          await sweep(op, target, index === 0);
          await ensureOwnRows();
        }
      });
    }

    it('still works after the sweep (whatever the accepted values left in place)', async function () {
      this.timeout(120_000);
      await assertDeskWorks('after the sweep');
    });

    /** Puts every editable setting back as it was before the file ran. */
    async function restoreSettings(): Promise<void> {
      for (const row of settingsBefore.filter((setting) => isRuleSettingKey(setting.key))) {
        const restored = await api.put(`/api/rule-settings/${encodeURIComponent(row.key)}`, { value: row.value, reason: 'sweep restores' }, 'admin');
        assert.equal(restored.status, 200, `${row.key}: ${JSON.stringify(restored.body)}`);
      }
    }

    const years = async () => (await testPrisma().calendarYear.findMany({ orderBy: { year: 'asc' } })).map((row) => row.year);

    it('keeps the calendar one unbroken range: a year apart, a middle or the current year are refused; an adjoining import and its removal work', async function () {
      this.timeout(120_000);
      const covered = await years();
      try {
        await calendarSequence(covered);
      } finally {
        // Whatever went wrong, the other suites find the coverage they started with.
        for (const year of (await years()).filter((year) => !covered.includes(year))) {
          await testPrisma().calendarDay.deleteMany({ where: { date: { gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) } } });
          await testPrisma().calendarYear.delete({ where: { year } });
        }
      }
    });

    async function calendarSequence(covered: number[]): Promise<void> {
      assert.deepEqual([(await api.post('/api/calendar/import/2006', {}, 'admin')).body.error?.code, (await api.post(`/api/calendar/years/${Math.max(...covered) + 2}`, { reason: '跳一年' }, 'admin')).body.error?.code], ['calendar_gap', 'calendar_gap']);
      assert.equal((await api.send('DELETE', `/api/calendar/years/${thisYear}`, 'admin', { reason: '删当年' })).body.error?.code, 'current_year');
      assert.deepEqual(await years(), covered);
      const before = Math.min(...covered) - 1;
      assert.equal((await api.post(`/api/calendar/import/${before}`, {}, 'admin')).status, 200);
      assert.equal((await api.send('DELETE', `/api/calendar/years/${Math.min(...covered)}`, 'admin', { reason: '删中间' })).body.error?.code, 'calendar_gap');
      await assertDeskWorks('with a year imported before the covered ones', { open311: false });
      assert.equal((await api.send('DELETE', `/api/calendar/years/${before}`, 'admin', { reason: '测试后删除' })).status, 200);
      // A day edit moves every open case's deadlines; the desk carries on.
      assert.equal((await api.put(`/api/calendar/${sweptDay}`, { isWorkingDay: false, name: '临时放假', reason: '市政府通知' }, 'admin')).status, 200);
      await assertDeskWorks('after a day edit', { open311: false });
      assert.deepEqual(await years(), covered);
    }

    it('keeps working with every numeric rule setting at its least and at its greatest value, and refuses a setting that names no case type', async function () {
      this.timeout(180_000);
      const bounds = Object.entries(RULE_SETTINGS).flatMap(([key, { schema }]) => {
        const json = z.toJSONSchema(schema) as { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
        if (json.type !== 'integer' && json.type !== 'number') return [];
        const step = json.type === 'integer' ? 1 : 0.001;
        return [{ key, least: json.minimum ?? (json.exclusiveMinimum ?? 0) + step, greatest: json.maximum ?? (json.exclusiveMaximum ?? 1) - step }];
      });
      assert.ok(bounds.length >= 8, bounds.map((b) => b.key).join(', '));
      for (const end of ['least', 'greatest'] as const) {
        for (const bound of bounds) {
          const answer = await api.put(`/api/rule-settings/${bound.key}`, { value: bound[end], reason: `sweep: ${end}` }, 'admin');
          assert.equal(answer.status, 200, `${bound.key} = ${bound[end]}: ${JSON.stringify(answer.body)}`);
        }
        await assertDeskWorks(`with every numeric setting at its ${end} value`);
      }
      for (const key of ['open311.caseTypeCode', 'ivr.voiceCaseTypeCode']) {
        const answer = await api.put(`/api/rule-settings/${key}`, { value: 'noSuchType', reason: 'sweep' }, 'admin');
        assert.deepEqual([answer.status, answer.body.error?.fields], [400, { value: 'no such active case type' }], key);
      }
      await restoreSettings();
      await assertDeskWorks('with the settings restored');
    });

    it('keeps working with the longest and the shortest limit a policy may have, and refuses leaving cases without one', async function () {
      this.timeout(180_000);
      const signFor = (await api.get('/api/policies/sign-for', 'admin')).body;
      try {
        for (const limit of [{ amount: 100_000, unit: 'workingDays' }, { amount: 100_000, unit: 'calendarDays' }, { amount: 100_000, unit: 'minutes' }, { amount: 1, unit: 'minutes' }]) {
          const answer = await api.put('/api/policies/sign-for', { ...limit, reason: 'sweep' }, 'admin');
          assert.ok(answer.status === 200 || answer.status === 400, `${JSON.stringify(limit)}: ${answer.status} ${JSON.stringify(answer.body)}`);
          await assertDeskWorks(`with sign-for ${limit.amount} ${limit.unit} (${answer.status})`, { open311: false });
        }
        assert.equal((await api.put('/api/policies/sign-for', { active: false, reason: 'sweep' }, 'admin')).body.error?.code, 'uncovered');
        assert.equal((await api.delete('/api/policies/sign-for?reason=sweep', 'admin')).body.error?.code, 'uncovered');
      } finally {
        const restored = await api.put('/api/policies/sign-for', { amount: signFor.amount, unit: signFor.unit, warnRatio: signFor.warnRatio, active: true, reason: 'sweep restores' }, 'admin');
        assert.equal(restored.status, 200, JSON.stringify(restored.body));
      }
    });

    it('refuses moves into the own subtree, moving or deactivating the root, and an admin locking themselves out', async function () {
      this.timeout(60_000);
      const below = await testPrisma().unit.findFirstOrThrow({ where: { lineage: { has: 'chengguan' }, NOT: { id: 'chengguan' } } });
      assert.equal((await api.put('/api/units/chengguan', { parentId: below.id, reason: 'sweep' }, 'admin')).body.error?.code, 'tree_cycle');
      assert.equal((await api.put('/api/units/chengguan', { parentId: 'chengguan', reason: 'sweep' }, 'admin')).body.error?.code, 'tree_cycle');
      assert.equal((await api.put('/api/units/hotline', { parentId: 'chengguan', reason: 'sweep' }, 'admin')).status, 409);
      assert.equal((await api.put('/api/units/hotline', { active: false, reason: 'sweep' }, 'admin')).status, 409);
      const childCategory = await testPrisma().category.findFirstOrThrow({ where: { parentId: { not: null } } });
      assert.equal((await api.put(`/api/categories/${childCategory.parentId}`, { parentId: childCategory.id, reason: 'sweep' }, 'admin')).body.error?.code, 'tree_cycle');
      assert.equal((await api.put('/api/users/user-admin', { active: false, reason: 'sweep' }, 'admin')).body.error?.code, 'self_lockout');
      assert.equal((await api.put('/api/users/user-admin', { roles: ['auditor'], reason: 'sweep' }, 'admin')).body.error?.code, 'self_lockout');
      await assertDeskWorks('after the refused moves');
    });

    it('keeps the case list and intake working with every category and every unit deactivated', async function () {
      this.timeout(300_000);
      const prisma = testPrisma();
      const categories = await prisma.category.findMany({ where: { active: true } });
      const units = await prisma.unit.findMany({ where: { active: true, parentId: { not: null } } });
      const deepestFirst = <T extends { lineage: string[] }>(rows: T[]) => [...rows].sort((a, b) => b.lineage.length - a.lineage.length);
      try {
        for (const category of deepestFirst(categories)) {
          const answer = await api.put(`/api/categories/${category.id}`, { active: false, reason: 'sweep: everything off' }, 'admin');
          assert.equal(answer.status, 200, `${category.id}: ${JSON.stringify(answer.body)}`);
        }
        await assertDeskWorks('with every category deactivated', { open311: false });
        for (const unit of deepestFirst(units)) {
          const answer = await api.put(`/api/units/${unit.id}`, { active: false, reason: 'sweep: everything off' }, 'admin');
          assert.equal(answer.status, 200, `${unit.id}: ${JSON.stringify(answer.body)}`);
        }
        await assertDeskWorks('with every unit deactivated', { open311: false, dispatch: false });
      } finally {
        for (const unit of [...deepestFirst(units)].reverse()) await api.put(`/api/units/${unit.id}`, { active: true, reason: 'sweep restores' }, 'admin');
        for (const category of [...deepestFirst(categories)].reverse()) await api.put(`/api/categories/${category.id}`, { active: true, reason: 'sweep restores' }, 'admin');
      }
      assert.equal(await prisma.unit.count({ where: { id: { in: units.map((row) => row.id) }, active: false } }), 0, 'units restored');
      assert.equal(await prisma.category.count({ where: { id: { in: categories.map((row) => row.id) }, active: false } }), 0, 'categories restored');
      await assertDeskWorks('with everything reactivated');
    });
  });
});
