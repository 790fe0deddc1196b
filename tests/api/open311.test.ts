// Open311 GeoReport v2 over real HTTP: services from the category tree, service requests that
// become real cases (dev server + worker), read back in JSON and XML without personal data,
// errors in the spec's format, and the API keys an admin issues and revokes.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { XMLParser } from 'fast-xml-parser';
import { open311ErrorHandler } from '../../api/open311/errors';
import { createLogger } from '../../config/logger';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';

const JURISDICTION = 'test.12345.example.gov.cn';
const xmlParser = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name) });

interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** JSON parsed, or XML parsed by fast-xml-parser. */
  body: any;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, text, body: contentType.startsWith('text/xml') ? xmlParser.parse(text) : JSON.parse(text) };
}

describe('Open311 GeoReport v2', () => {
  const stack = useApiStack({ open311JurisdictionId: JURISDICTION, publicBaseUrl: 'https://hotline.example.gov.cn/' });
  let apiKey: string;
  let apiClientId: string;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const open311 = (path: string) => `${stack.api.url}/open311/v2${path}`;
  const get = async (path: string) => answerOf(await fetch(open311(path)));
  const postForm = async (path: string, fields: Record<string, string>, base = open311('')) =>
    answerOf(await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(fields) }));
  const command = (caseId: string, name: string, body: unknown, user: string) => postJson(`${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, as(user));
  const caseRow = (id: string) => testPrisma().case.findUnique({ where: { id } });

  /** Submits a request and waits until its case is in the projection. */
  const submit = async (fields: Record<string, string> = {}) => {
    const answer = await postForm('/requests.json', { api_key: apiKey, service_code: 'urban.street-vending', lat: '36.6512', long: '117.1201', address_string: '解放路1号', description: '解放路夜市每晚占道经营', ...fields });
    assert.equal(answer.status, 201, answer.text);
    const id = answer.body[0].service_request_id as string;
    await waitUntil(async () => (await caseRow(id)) !== null);
    return { id, answer };
  };

  before(async () => {
    for (const user of ['operator', 'dispatcher', 'handler', 'leader', 'admin']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
    const created = await postJson(`${stack.api.url}/api/api-clients`, { name: '随手拍 app' }, as('admin'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    apiKey = created.body.apiKey;
    apiClientId = created.body.id;
  });


  it('lists the leaf categories as services, in JSON and in XML', async () => {
    const json = await get('/services.json');
    assert.equal(json.status, 200);
    assert.match(json.contentType, /^application\/json; charset=utf-8/);
    const vending = json.body.find((s: { service_code: string }) => s.service_code === 'urban.street-vending');
    assert.deepEqual(vending, {
      service_code: 'urban.street-vending', service_name: '占道经营 (Street vending)', description: '城市管理 › 占道经营 (Urban management › Street vending)',
      metadata: false, type: 'realtime', keywords: '占道经营, Street vending, 城市管理, Urban management', group: '城市管理 (Urban management)',
    });
    const codes = json.body.map((s: { service_code: string }) => s.service_code);
    assert.ok(!codes.includes('urban'), 'a category with children is a group, not a service');
    assert.ok(codes.includes('other'), 'a top-level category without children is a service');

    const xml = await get(`/services.xml?jurisdiction_id=${JURISDICTION}`);
    assert.equal(xml.status, 200);
    assert.match(xml.contentType, /^text\/xml; charset=utf-8/);
    assert.equal((await fetch(open311('/services.xml'))).headers.get('access-control-allow-origin'), '*', 'civic web apps of any origin may read');
    assert.ok(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>'));
    const services = xml.body.services.service as Record<string, string>[];
    assert.deepEqual(services.map((s) => s.service_code), codes);
    assert.deepEqual(services.find((s) => s.service_code === 'urban.street-vending'), { ...vending, metadata: 'false' });
  });

  it('answers a service definition, and 404 for an unknown service or jurisdiction in the format asked', async () => {
    const definition = await get('/services/urban.street-vending.json');
    assert.deepEqual(definition.body, { service_code: 'urban.street-vending', attributes: [] });
    const definitionXml = await get('/services/urban.street-vending.xml');
    assert.deepEqual(definitionXml.body.service_definition, { service_code: 'urban.street-vending', attributes: '' });

    const unknownJson = await get('/services/no-such-service.json');
    assert.equal(unknownJson.status, 404);
    assert.deepEqual(unknownJson.body, [{ code: 404, description: 'service_code no-such-service not found' }]);
    const unknownXml = await get('/services/urban.xml');
    assert.equal(unknownXml.status, 404);
    assert.deepEqual(unknownXml.body.errors.error, [{ code: '404', description: 'service_code urban not found' }]);

    const otherCity = await get('/services.json?jurisdiction_id=sfgov.org');
    assert.equal(otherCity.status, 404);
    assert.match(otherCity.body[0].description, /jurisdiction_id sfgov.org not found/);
    assert.equal((await get('/services.json?jurisdiction_id=')).status, 200, 'an empty optional argument is no argument');
    assert.equal((await get('/services.html')).status, 400);
    const nowhere = await answerOf(await fetch(`${stack.api.url}/open311/v3/services.xml`));
    assert.equal(nowhere.status, 404);
    assert.ok(nowhere.body.errors.error[0].description.includes('/open311/v3/services.xml'), 'not the console, not the API’s JSON error');
  });

  it('registers a form-encoded request as a case and reads it back open, then dispatched with its due date and agency', async () => {
    const { id, answer } = await submit({
      jurisdiction_id: JURISDICTION, email: 'wang@example.com', device_id: 'device-77', account_id: 'acct-9', first_name: '小明', last_name: '王',
      phone: '139-1111-3333', media_url: 'https://img.example.com/p/1.jpg', 'attribute[WHISPAWN]': '123',
    });
    assert.match(id, /^\d{13}$/);
    assert.deepEqual(Object.keys(answer.body[0]), ['service_request_id', 'service_notice', 'account_id']);
    assert.equal(answer.body[0].account_id, 'acct-9');
    assert.match(answer.body[0].service_notice, /15个工作日内办结/, 'a complaint’s handling limit');

    const row = (await caseRow(id))!;
    assert.deepEqual(
      [row.channel, row.caseTypeCode, row.categoryId, row.citizenName, row.citizenPhone, row.address, Number(row.latitude), row.registeredById],
      ['open311', 'complaint', 'cat-urban.street-vending', '王小明', '13911113333', '解放路1号', 36.6512, `open311:${apiClientId}`],
    );
    assert.equal(row.title, '占道经营：解放路夜市每晚占道经营');
    const kept = await testPrisma().open311Submission.findUniqueOrThrow({ where: { caseId: id } });
    assert.deepEqual([kept.apiClientId, kept.email, kept.deviceId, kept.accountId, kept.attributes], [apiClientId, 'wang@example.com', 'device-77', 'acct-9', { WHISPAWN: '123' }]);

    const registered = await get(`/requests/${id}.json`);
    assert.equal(registered.status, 200);
    assert.equal(registered.body.length, 1);
    const request = registered.body[0];
    assert.deepEqual(
      { ...request, requested_datetime: undefined, updated_datetime: undefined },
      {
        service_request_id: id, status: 'open', status_notes: '已受理，等待交办 (Registered; awaiting dispatch)', service_name: '占道经营 (Street vending)', service_code: 'urban.street-vending',
        description: '解放路夜市每晚占道经营', agency_responsible: null, service_notice: answer.body[0].service_notice, requested_datetime: undefined, updated_datetime: undefined,
        expected_datetime: null, address: '解放路1号', address_id: null, zipcode: null, lat: 36.6512, long: 117.1201, media_url: 'https://img.example.com/p/1.jpg',
      },
    );
    assert.equal(Date.parse(request.requested_datetime), row.receivedAt.getTime() - (row.receivedAt.getTime() % 1000));
    assert.match(request.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    assert.equal((await command(id, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher')).status, 200);
    await waitUntil(async () => (await caseRow(id))!.handleDueAt !== null);
    const dueAt = (await caseRow(id))!.handleDueAt!.getTime();
    const dispatched = await get(`/requests/${id}.xml`);
    assert.equal(dispatched.status, 200);
    const [xmlRequest] = dispatched.body.service_requests.request;
    assert.equal(xmlRequest.service_request_id, id);
    assert.equal(xmlRequest.status, 'open');
    assert.equal(Date.parse(xmlRequest.expected_datetime), dueAt - (dueAt % 1000), 'expected_datetime is the case’s handling deadline');
    assert.equal(xmlRequest.agency_responsible, '市城市管理局 (City Administration Bureau)');
    assert.equal(xmlRequest.status_notes, '已交办承办单位 (Dispatched to the responsible unit)');
    assert.equal(xmlRequest.zipcode, '');
    const json = (await get(`/requests/${id}.json`)).body[0];
    assert.equal(json.agency_responsible, xmlRequest.agency_responsible);
    assert.equal(json.expected_datetime, xmlRequest.expected_datetime);

    for (const text of [registered.text, dispatched.text, (await get(`/requests.json?service_request_id=${id}`)).text]) {
      for (const secret of ['王小明', '13911113333', '3333', 'wang@example.com', 'device-77', 'acct-9', apiClientId]) assert.ok(!text.includes(secret), `no ${secret} in ${text}`);
    }
  });

  it('accepts a JSON body and answers in XML', async () => {
    const response = await fetch(open311('/requests.xml'), {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: apiKey, service_code: 'environment.noise', address_id: 'ADDR-545483', description: '夜间施工噪声' }),
    });
    const answer = await answerOf(response);
    assert.equal(answer.status, 201, answer.text);
    const [request] = answer.body.service_requests.request;
    assert.match(request.service_request_id, /^\d{13}$/);
    assert.equal(request.account_id, '');
    await waitUntil(async () => (await caseRow(request.service_request_id)) !== null);
    const read = (await get(`/requests/${request.service_request_id}.json`)).body[0];
    assert.deepEqual([read.address, read.address_id, read.lat], [null, 'ADDR-545483', null]);
  });

  it('refuses a missing or wrong api_key with 403, and bad fields with 400, in the spec’s error format', async () => {
    const missing = await postForm('/requests.json', { service_code: 'urban.street-vending', lat: '36', long: '117' });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.length, 1);
    assert.equal(missing.body[0].code, 403);
    assert.match(missing.body[0].description, /api_key is missing/);
    const wrong = await postForm('/requests.xml', { api_key: 'o311_not-a-key', service_code: 'urban.street-vending', lat: '36', long: '117' });
    assert.equal(wrong.status, 403);
    assert.ok(wrong.text.includes('<errors>') && wrong.text.includes('<error>'));
    assert.equal(wrong.body.errors.error[0].code, '403');

    const badLat = await postForm('/requests.json', { api_key: apiKey, service_code: 'urban.street-vending', lat: '123.4', long: '117' });
    assert.equal(badLat.status, 400);
    assert.deepEqual(badLat.body, [{ code: 400, description: 'lat: a number between -90 and 90' }]);
    const several = await postForm('/requests.xml', { api_key: apiKey, lat: 'north', long: '200', email: 'not-an-email' });
    assert.equal(several.status, 400);
    assert.deepEqual(several.body.errors.error.map((e: { description: string }) => e.description.split(':')[0]).sort(), ['email', 'lat', 'long', 'service_code']);
    const noPlace = await postForm('/requests.json', { api_key: apiKey, service_code: 'urban.street-vending', description: 'x' });
    assert.equal(noPlace.status, 400);
    assert.match(noPlace.body[0].description, /a location is required/);
    const unknown = await postForm('/requests.json', { api_key: apiKey, service_code: 'urban', address_string: 'x' });
    assert.equal(unknown.status, 404);
    const otherCity = await postForm('/requests.json', { api_key: apiKey, jurisdiction_id: 'sfgov.org', service_code: 'urban.street-vending', address_string: 'x' });
    assert.equal(otherCity.status, 404);
    const malformed = await answerOf(await fetch(open311('/requests.json'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"api_key":' }));
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body[0].code, 400);
  });

  it('filters the list by status, service_code and date range, and shows other channels’ public cases without their words or place', async () => {
    const open = await submit({ description: '占道经营请处理' });
    const rejected = await submit({ service_code: 'environment.noise', description: '广场舞噪声' });
    assert.equal((await command(rejected.id, 'reject', { reasonCode: 'outOfScope', reason: '不属于受理范围' }, 'operator')).status, 200);
    await waitUntil(async () => (await caseRow(rejected.id))!.status === 'rejected');
    const byPhone = await postJson(
      `${stack.api.url}/api/cases`,
      // A web case (listed by the seeded open311.publicListing; phone cases are not).
      { channel: 'web', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '赵六反映解放路夜市占道', citizenName: '赵六', citizenPhone: '+8613977776666', address: '东湖区解放路9号', latitude: 36.6, longitude: 117.1 },
      as('operator'),
    );
    assert.equal(byPhone.status, 201);
    await waitUntil(async () => (await caseRow(byPhone.body.caseId)) !== null);
    const ids = async (query: string) => {
      const answer = await get(`/requests.json?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body.map((r: { service_request_id: string }) => r.service_request_id) as string[];
    };

    const all = await ids('');
    for (const id of [open.id, rejected.id, byPhone.body.caseId]) assert.ok(all.includes(id), `${id} in the default window`);
    const times = (await get('/requests.json')).body.map((r: { requested_datetime: string }) => Date.parse(r.requested_datetime)) as number[];
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const openIds = await ids('status=open');
    assert.ok(openIds.includes(open.id) && !openIds.includes(rejected.id));
    const closedIds = await ids('status=closed');
    assert.ok(closedIds.includes(rejected.id) && !closedIds.includes(open.id));
    assert.equal((await ids('status=open,closed')).length, all.length);
    assert.equal((await ids('status=open&status=closed')).length, all.length);
    const noise = await ids('service_code=environment.noise');
    assert.ok(noise.includes(rejected.id) && !noise.includes(open.id));
    assert.ok((await ids('service_code=environment.noise,urban.street-vending')).includes(open.id));

    const receivedAt = (await caseRow(open.id))!.receivedAt;
    const at = (offsetMs: number) => encodeURIComponent(new Date(receivedAt.getTime() + offsetMs).toISOString());
    assert.ok((await ids(`start_date=${at(-60_000)}&end_date=${at(60_000)}`)).includes(open.id));
    assert.ok(!(await ids(`start_date=${at(3_600_000)}`)).includes(open.id));
    assert.ok(!(await ids(`end_date=${at(-3_600_000)}`)).includes(open.id));
    assert.ok(!(await ids(`start_date=${at(-91 * 86_400_000)}&end_date=${at(-90.5 * 86_400_000)}`)).includes(open.id));
    assert.deepEqual(await ids(`service_request_id=${open.id},${rejected.id}&status=open`), [rejected.id, open.id].sort().reverse(), 'ids override the other filters');

    for (const [query, pattern] of [
      [`start_date=${at(0)}&end_date=${at(-1000)}`, /start_date is after end_date/],
      [`start_date=${at(-100 * 86_400_000)}&end_date=${at(0)}`, /may not span more than 90 days/],
      ['start_date=yesterday', /start_date: a w3c datetime/],
      ['status=pending', /status/],
      ['service_request_id=12;DROP', /service_request_id/],
    ] as const) {
      const answer = await get(`/requests.json?${query}`);
      assert.equal(answer.status, 400, query);
      assert.match(answer.body[0].description, pattern);
    }

    const list = await get(`/requests.xml?service_request_id=${rejected.id},${byPhone.body.caseId}`);
    const requests = list.body.service_requests.request as { [field: string]: string }[];
    const phoneCase = requests.find((r) => r.service_request_id === byPhone.body.caseId)!;
    assert.deepEqual([phoneCase.description, phoneCase.address, phoneCase.lat, phoneCase.long, phoneCase.status], ['', '', '', '', 'open']);
    assert.equal(phoneCase.service_code, 'urban.street-vending');
    const rejectedRequest = requests.find((r) => r.service_request_id === rejected.id)!;
    assert.equal(rejectedRequest.status, 'closed');
    assert.match(rejectedRequest.status_notes!, /不予受理/);
    assert.equal(Date.parse(rejectedRequest.updated_datetime!), Math.floor((await caseRow(rejected.id))!.closedAt!.getTime() / 1000) * 1000);
    for (const secret of ['赵六', '7776666', '解放路9号', '不属于受理范围']) assert.ok(!list.text.includes(secret), `no ${secret}`);
    assert.equal((await get('/requests/2026010199999.json')).status, 404);
    assert.equal((await get('/requests/nope.xml')).body.errors.error[0].code, '404');
  });

  it('shows the unit’s accepted reply, citizen masked, once an Open311 request is closed', async () => {
    const { id } = await submit({ first_name: '小红', last_name: '李', phone: '13955554444' });
    const steps: [string, unknown, string][] = [
      ['dispatch', { leadUnitId: 'chengguan' }, 'dispatcher'],
      ['signFor', {}, 'handler'],
      ['submitResult', { actionsTaken: '执法队员现场劝离', replyToCitizen: '李小红您好，占道摊位已清理，如有问题请拨13955554444以外的热线。', handlerName: '张三', citizenContacted: true }, 'handler'],
      ['unitApprove', {}, 'leader'],
      ['review', { accept: true }, 'dispatcher'],
    ];
    for (const [name, body, user] of steps) assert.equal((await command(id, name, body, user)).status, 200, name);
    await waitUntil(async () => (await caseRow(id))!.status === 'callback');
    assert.equal((await command(id, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied' }, 'operator')).status, 200);
    await waitUntil(async () => (await caseRow(id))!.status === 'closed');
    const [request] = (await get(`/requests/${id}.json`)).body;
    assert.equal(request.status, 'closed');
    assert.equal(request.status_notes, '李**您好，占道摊位已清理，如有问题请拨139****4444以外的热线。');
    assert.equal(Date.parse(request.updated_datetime), Math.floor((await caseRow(id))!.closedAt!.getTime() / 1000) * 1000);
  });

  it('lets only an admin issue, list and revoke keys; a revoked key is refused; every change is audited', async () => {
    assert.equal((await getJson(`${stack.api.url}/api/api-clients`, as('dispatcher'))).status, 403);
    assert.equal((await postJson(`${stack.api.url}/api/api-clients`, { name: 'x' }, as('operator'))).status, 403);
    assert.equal((await postJson(`${stack.api.url}/api/api-clients`, { name: '' }, as('admin'))).status, 400);
    const created = await postJson(`${stack.api.url}/api/api-clients`, { name: '市民通 app' }, as('admin'));
    assert.equal(created.status, 201);
    assert.match(created.body.apiKey, /^o311_[\w-]{43}$/);
    const { id, apiKey: key } = created.body as { id: string; apiKey: string };

    const list = await getJson(`${stack.api.url}/api/api-clients`, as('admin'));
    const listed = list.body.find((c: { id: string }) => c.id === id);
    assert.deepEqual([listed.name, listed.active, listed.apiKey, listed.keyHash], ['市民通 app', true, undefined, undefined]);
    assert.ok(!JSON.stringify(list.body).includes(key));
    assert.match(list.headers.get('content-range')!, /^api-clients 0-\d+\/\d+$/);
    const stored = await testPrisma().apiClient.findUniqueOrThrow({ where: { id } });
    assert.notEqual(stored.keyHash, key);

    assert.equal((await postForm('/requests.json', { api_key: key, service_code: 'urban.garbage', address_string: '青年路' })).status, 201);
    assert.ok((await testPrisma().apiClient.findUniqueOrThrow({ where: { id } })).lastUsedAt !== null);

    const revoke = () => fetch(`${stack.api.url}/api/api-clients/${id}`, { method: 'DELETE', headers: as('admin') });
    const revoked = await revoke();
    assert.equal(revoked.status, 200);
    assert.equal(((await revoked.json()) as { active: boolean }).active, false);
    assert.equal((await revoke()).status, 200, 'revoking twice is harmless');
    assert.equal((await fetch(`${stack.api.url}/api/api-clients/nope`, { method: 'DELETE', headers: as('admin') })).status, 404);
    const refused = await postForm('/requests.json', { api_key: key, service_code: 'urban.garbage', address_string: '青年路' });
    assert.equal(refused.status, 403);
    assert.match(refused.body[0].description, /invalid api_key/);

    const audit = await testPrisma().auditEvent.findMany({ where: { entityType: 'apiClient', entityId: id }, orderBy: { id: 'asc' } });
    assert.deepEqual(audit.map((e) => [e.action, e.actorId]), [['apiClientCreated', 'user-admin'], ['apiClientDeactivated', 'user-admin']]);
    const payloads = JSON.stringify(audit.map((e) => e.payload));
    assert.ok(!payloads.includes(key) && !payloads.includes(stored.keyHash), 'neither the key nor its hash in the audit trail');
  });

  it('rate-limits submissions per API key', async () => {
    const limited = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, open311PostsPerMinute: 2 });
    try {
      const other = (await postJson(`${stack.api.url}/api/api-clients`, { name: 'second app' }, as('admin'))).body.apiKey as string;
      // Refused bodies count too: no case is created while the limit is probed.
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postForm('/requests.json', { api_key: apiKey }, `${limited.url}/open311/v2`)).status);
      assert.deepEqual(statuses, [400, 400, 429]);
      const limitedAnswer = await postForm('/requests.xml', { api_key: apiKey }, `${limited.url}/open311/v2`);
      assert.equal(limitedAnswer.body.errors.error[0].code, '429');
      assert.equal((await postForm('/requests.json', { api_key: other }, `${limited.url}/open311/v2`)).status, 400, 'another key has its own budget');
    } finally {
      await limited.close();
    }
  });

  it('answers a failure on the hotline’s side as the spec’s general service error (400)', async () => {
    const app = express();
    app.get('/v2/requests.xml', () => {
      throw new Error('the CRM is down');
    });
    app.use(open311ErrorHandler(createLogger('test', 'silent')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const answer = await answerOf(await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/requests.xml`));
      assert.equal(answer.status, 400);
      assert.match(answer.body.errors.error[0].description, /^general service error/);
      assert.ok(!answer.text.includes('CRM'), 'no internals in the answer');
    } finally {
      server.close();
    }
  });

  it('publishes the Service Discovery document', async () => {
    const json = await answerOf(await fetch(`${stack.api.url}/open311/discovery.json`));
    assert.equal(json.status, 200);
    assert.deepEqual(json.body.endpoints, [
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://hotline.example.gov.cn/open311/v2', changeset: json.body.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
    ]);
    assert.match(json.body.key_service, /API key/);
    const xml = await answerOf(await fetch(`${stack.api.url}/open311/discovery.xml`));
    assert.deepEqual(xml.body.discovery.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
  });
});
