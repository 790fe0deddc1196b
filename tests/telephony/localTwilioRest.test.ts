// The local Twilio endpoint's REST API, driven by the product's real `twilio` client: requests and
// answers checked against Twilio's own OpenAPI description; auth, errors, and the message and
// outbound call lifecycles as status callbacks show them.
import assert from 'node:assert/strict';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import twilio from 'twilio';
import { createLogger } from '../../config/logger';
import { startLocalTwilio, type LocalTwilio } from '../../dev/localTwilio';
import { createTwilioClient, type TwilioClient } from '../../telephony/twilioClient';
import { speakChinese } from '../support/audio';
import { startTwimlApp, type TwimlApp } from '../support/twimlApp';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';

const SPEC_PATH = '../../node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json';
const CITIZEN = '+8613800138000';
const { VoiceResponse } = twilio.twiml;

type Ajv = Parameters<NonNullable<ConstructorParameters<typeof OpenAPIBackend>[0]['customizeAjv']>>[0];

/** Formats the Twilio description uses that Ajv does not know, checked as Twilio produces them. */
function twilioFormats(ajv: Ajv): Ajv {
  ajv.addFormat('date-time-rfc-2822', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  ajv.addFormat('phone-number', /^\+[1-9]\d{1,14}$/);
  ajv.addFormat('endpoint', /^\+[1-9]\d{1,14}$/);
  // Twilio's own answers carry relative URIs ("/2010-04-01/...") in uri fields.
  ajv.addFormat('uri', /^(https?:\/\/[^\s]+|\/[^\s]*)$/);
  ajv.addFormat('currency', /^[A-Z]{3}$/);
  ajv.addFormat('http-method', /^(GET|POST)$/);
  ajv.addFormat('twiml', /^<\?xml|^<Response/);
  ajv.addFormat('uri-map', true);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv;
}

describe('local Twilio endpoint: REST API', () => {
  let app: TwimlApp;
  let local: LocalTwilio;
  let client: TwilioClient;
  let spec: Document;

  before(async () => {
    spec = withoutUntypedNullable((await import(SPEC_PATH, { with: { type: 'json' } })).default) as Document;
    app = await startTwimlApp();
    local = await startLocalTwilio({
      port: 0,
      accountSid: TEST_TWILIO_ACCOUNT_SID,
      authToken: TEST_TWILIO_AUTH_TOKEN,
      numbers: [TEST_HOTLINE_NUMBER],
      timing: { pauseScale: 1, recordScale: 0, messageStepMs: 10 },
      log: createLogger('local-twilio-test', 'silent'),
    });
    client = createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, apiBaseUrl: local.url });
  });

  after(async () => {
    await local?.close();
    await app?.close();
  });

  it("makes the twilio client's requests and its own answers conform to Twilio's OpenAPI description", async () => {
    const voice = await speakChinese('满意');
    local.scriptPhone('+8613900139000', { audioPath: voice.path });
    app.route('/oas/record', () => {
      const response = new VoiceResponse();
      response.record({ action: '/oas/recorded' });
      return response;
    });
    app.route('/oas/recorded', () => new VoiceResponse().pause({ length: 30 }));

    const sent = await client.messages.create({ to: CITIZEN, from: TEST_HOTLINE_NUMBER, body: '您的诉求已受理，受理号 20261123001', statusCallback: `${app.url}/oas/sms-status` });
    await client.messages(sent.sid).fetch();
    await client.messages.list({ to: CITIZEN, limit: 20 });
    const call = await client.calls.create({
      to: '+8613900139000',
      from: TEST_HOTLINE_NUMBER,
      url: `${app.url}/oas/record`,
      statusCallback: `${app.url}/oas/call-status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      timeout: 30,
      record: false,
    });
    await waitUntil(() => app.receivedAt('/oas/recorded').length === 1);
    const recordingSid = app.receivedAt('/oas/recorded')[0]!.params.RecordingSid!;
    await client.recordings(recordingSid).fetch();
    await client.calls(call.sid).fetch();
    await client.calls.list({ to: '+8613900139000', limit: 5 });
    await client.calls(call.sid).update({ twiml: '<Response><Pause length="30"/></Response>' });
    await client.calls(call.sid).update({ status: 'completed' });

    const requests = new OpenAPIBackend({ definition: spec, quick: true, ajvOpts: { coerceTypes: 'array', logger: false }, customizeAjv: twilioFormats });
    const responses = new OpenAPIBackend({ definition: spec, quick: true, ajvOpts: { logger: false }, customizeAjv: twilioFormats });
    await Promise.all([requests.init(), responses.init()]);
    const covered = new Set<string>();
    for (const exchange of local.restRequests()) {
      const request = { method: exchange.method, path: exchange.path, query: exchange.query as Record<string, string>, body: exchange.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
      const operation = requests.matchOperation(request);
      assert.ok(operation?.operationId, `${exchange.method} ${exchange.path} is an operation of the description`);
      const operationId = operation.operationId;
      covered.add(operationId);
      const requestCheck = requests.validateRequest(request, operation);
      assert.equal(requestCheck.valid, true, `${operationId} request: ${JSON.stringify(requestCheck.errors)}`);
      const responseCheck = responses.validateResponse(exchange.response, operationId, exchange.status);
      assert.equal(responseCheck.valid, true, `${operationId} response: ${JSON.stringify(responseCheck.errors)}`);
      for (const resource of resourcesIn(exchange.response)) {
        assert.deepEqual(Object.keys(resource).sort(), documentedFields(spec, operationId), `${operationId}: every documented field, nothing else`);
      }
    }
    assert.deepEqual([...covered].sort(), ['CreateCall', 'CreateMessage', 'FetchCall', 'FetchMessage', 'FetchRecording', 'ListCall', 'ListMessage', 'UpdateCall']);
  });

  it("refuses wrong credentials with 401 and Twilio's error body (the client raises code 20003)", async () => {
    const response = await fetch(`${local.url}/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Messages.json`, { headers: { authorization: `Basic ${Buffer.from(`${TEST_TWILIO_ACCOUNT_SID}:wrong`).toString('base64')}` } });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    const before = local.messages().length;
    const intruder = createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: 'not-the-token', apiBaseUrl: local.url });
    await assert.rejects(intruder.messages.create({ to: CITIZEN, from: TEST_HOTLINE_NUMBER, body: 'x' }), (error: { status: number; code: number }) => error.status === 401 && error.code === 20003);
    assert.equal(local.messages().length, before, 'nothing was sent');
  });

  it("answers bad requests with Twilio's error codes and creates nothing", async () => {
    const before = { messages: local.messages().length, calls: local.calls().length };
    const expectError = async (attempt: Promise<unknown>, status: number, code: number) =>
      assert.rejects(attempt, (error: { status: number; code: number; moreInfo: string }) => {
        assert.deepEqual([error.status, error.code, error.moreInfo], [status, code, `https://www.twilio.com/docs/errors/${code}`]);
        return true;
      });
    await expectError(client.messages.create({ to: '', from: TEST_HOTLINE_NUMBER, body: 'x' } as never), 400, 21604);
    await expectError(client.messages.create({ to: '138-0013', from: TEST_HOTLINE_NUMBER, body: 'x' }), 400, 21211);
    await expectError(client.messages.create({ to: CITIZEN, from: '+8610000000', body: 'x' }), 400, 21606);
    await expectError(client.messages.create({ to: CITIZEN, from: TEST_HOTLINE_NUMBER, body: '' }), 400, 21602);
    await expectError(client.calls.create({ to: CITIZEN, from: TEST_HOTLINE_NUMBER } as never), 400, 21205);
    await expectError(client.calls.create({ to: 'citizen', from: TEST_HOTLINE_NUMBER, url: `${app.url}/x` }), 400, 21211);
    await expectError(client.messages(`SM${'0'.repeat(32)}`).fetch(), 404, 20404);
    await expectError(client.calls(`CA${'0'.repeat(32)}`).update({ status: 'completed' }), 404, 20404);
    assert.deepEqual({ messages: local.messages().length, calls: local.calls().length }, before);
  });

  it('delivers messages queued → sent → delivered, or to undelivered / failed with the error code, posting each status signed', async () => {
    local.scriptPhone('+8613700137001', { smsDelivery: 'delivered' });
    local.scriptPhone('+8613700137002', { smsDelivery: 'undelivered' });
    local.scriptPhone('+8613700137003', { smsDelivery: 'failed' });
    const outcomes: Record<string, { statuses: string[]; errorCode: string | undefined; fetched: { status: string; errorCode: number | null } }> = {};
    for (const to of ['+8613700137001', '+8613700137002', '+8613700137003']) {
      const path = `/sms-status/${to.slice(1)}`;
      const created = await client.messages.create({ to, from: TEST_HOTLINE_NUMBER, body: '回访：请回复1满意 2基本满意 3不满意', statusCallback: `${app.url}${path}` });
      assert.equal(created.status, 'queued');
      assert.match(created.sid, /^SM[0-9a-f]{32}$/);
      await waitUntil(() => ['delivered', 'undelivered', 'failed'].includes(app.receivedAt(path).at(-1)?.params.MessageStatus ?? ''));
      const callbacks = app.receivedAt(path);
      assert.ok(callbacks.every((callback) => callback.signatureValid && callback.params.MessageSid === created.sid && callback.params.SmsSid === created.sid && callback.params.AccountSid === TEST_TWILIO_ACCOUNT_SID));
      const fetched = await client.messages(created.sid).fetch();
      outcomes[to] = { statuses: callbacks.map((callback) => callback.params.MessageStatus!), errorCode: callbacks.at(-1)!.params.ErrorCode, fetched: { status: fetched.status, errorCode: fetched.errorCode } };
    }
    assert.deepEqual(outcomes, {
      '+8613700137001': { statuses: ['queued', 'sent', 'delivered'], errorCode: undefined, fetched: { status: 'delivered', errorCode: null } },
      '+8613700137002': { statuses: ['queued', 'sent', 'undelivered'], errorCode: '30003', fetched: { status: 'undelivered', errorCode: 30003 } },
      '+8613700137003': { statuses: ['queued', 'failed'], errorCode: '30008', fetched: { status: 'failed', errorCode: 30008 } },
    });
  });

  it("places outbound calls as the destination's script says: status callbacks in order, the TwiML Url fetched only when answered", async () => {
    const survey = '+8613600136000';
    local.scriptPhone(survey, { answer: ['no-answer', 'busy', 'failed', 'answer'], answers: [{ digits: '1' }] });
    app.route('/survey/twiml', () => {
      const response = new VoiceResponse();
      response.gather({ numDigits: 1, action: '/survey/answer' }).say({ language: 'zh-CN' }, '满意请按1');
      return response;
    });
    app.route('/survey/answer', () => new VoiceResponse().say({ language: 'zh-CN' }, '感谢您的评价'));

    const attempts: { statuses: string[]; callDuration: string | undefined; fetched: string; twimlRequests: number }[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const statusPath = `/survey/status/${attempt}`;
      const before = app.receivedAt('/survey/twiml').length;
      const call = await client.calls.create({ to: survey, from: TEST_HOTLINE_NUMBER, url: `${app.url}/survey/twiml`, statusCallback: `${app.url}${statusPath}`, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] });
      assert.equal(call.status, 'queued');
      await local.waitForCall(call.sid, 10_000);
      const callbacks = app.receivedAt(statusPath);
      assert.ok(callbacks.every((callback) => callback.signatureValid && callback.params.CallSid === call.sid && callback.params.Direction === 'outbound-api'));
      assert.deepEqual(callbacks.map((callback) => callback.params.SequenceNumber), callbacks.map((_, index) => String(index)));
      attempts.push({
        statuses: callbacks.map((callback) => callback.params.CallStatus!),
        callDuration: callbacks.at(-1)!.params.CallDuration,
        fetched: (await client.calls(call.sid).fetch()).status,
        twimlRequests: app.receivedAt('/survey/twiml').length - before,
      });
    }
    assert.deepEqual(attempts, [
      { statuses: ['initiated', 'ringing', 'no-answer'], callDuration: '0', fetched: 'no-answer', twimlRequests: 0 },
      { statuses: ['initiated', 'ringing', 'busy'], callDuration: '0', fetched: 'busy', twimlRequests: 0 },
      { statuses: ['initiated', 'failed'], callDuration: '0', fetched: 'failed', twimlRequests: 0 },
      { statuses: ['initiated', 'ringing', 'in-progress', 'completed'], callDuration: '0', fetched: 'completed', twimlRequests: 1 },
    ]);
    const answer = app.receivedAt('/survey/answer');
    assert.equal(answer.length, 1);
    assert.deepEqual([answer[0]!.params.Digits, answer[0]!.params.Direction, answer[0]!.params.To], ['1', 'outbound-api', survey]);
  });

  it('fails requests as injected (programmatic and control API): the next N, or all until cleared, with Twilio\'s 500/503/429 error, creating nothing', async () => {
    const to = '+8613500135001';
    const before = { messages: local.messages().length, calls: local.calls().length };
    const refusedWith = (attempt: Promise<unknown>, status: number, code: number) =>
      assert.rejects(attempt, (error: { status: number; code: number; moreInfo: string }) => {
        assert.deepEqual([error.status, error.code, error.moreInfo], [status, code, `https://www.twilio.com/docs/errors/${code}`]);
        return true;
      });
    const fault = local.failRequests({ operation: 'createMessage', to, status: 500, count: 2 });
    assert.deepEqual(local.faults(), [{ ...fault, remaining: 2, failed: 0 }]);
    // Another number and another operation are untouched.
    const other = await client.messages.create({ to: CITIZEN, from: TEST_HOTLINE_NUMBER, body: '不受影响' });
    await refusedWith(client.messages.create({ to, from: TEST_HOTLINE_NUMBER, body: '第一次' }), 500, 20500);
    await refusedWith(client.messages.create({ to, from: TEST_HOTLINE_NUMBER, body: '第二次' }), 500, 20500);
    assert.deepEqual(local.faults(), [], 'used up');
    const third = await client.messages.create({ to, from: TEST_HOTLINE_NUMBER, body: '第三次' });
    assert.equal(third.status, 'queued');
    assert.deepEqual(local.messages({ to }).map((m) => m.body), ['第三次']);

    // An outage over the control API: every call fails with 503 until the faults are cleared.
    const posted = await fetch(`${local.url}/_local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'createCall', status: 503 }) });
    assert.equal(posted.status, 201);
    assert.deepEqual(await posted.json(), { id: fault.id + 1, operation: 'createCall', to: null, status: 503, remaining: null, failed: 0 });
    for (let n = 0; n < 3; n++) await refusedWith(client.calls.create({ to, from: TEST_HOTLINE_NUMBER, url: `${app.url}/x` }), 503, 20503);
    const listed = (await (await fetch(`${local.url}/_local/faults`)).json()) as { faults: { failed: number }[] };
    assert.deepEqual(listed.faults.map((f) => f.failed), [3]);
    assert.equal((await fetch(`${local.url}/_local/faults`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(local.faults(), []);
    local.failRequests({ operation: 'createMessage', status: 429, count: 1 });
    await refusedWith(client.messages.create({ to: CITIZEN, from: TEST_HOTLINE_NUMBER, body: 'x' }), 429, 20429);
    const refused = await fetch(`${local.url}/_local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'createCall', status: 502 }) });
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as { field: string }).field, 'status');
    assert.deepEqual({ messages: local.messages().length, calls: local.calls().length }, { messages: before.messages + 2, calls: before.calls });
    assert.ok(other.sid);
    const logged = local.restRequests().filter((r) => r.path.endsWith('/Messages.json') && r.body.To === to).map((r) => r.status);
    assert.deepEqual(logged, [500, 500, 201], 'failed requests are in the REST log too');
  });

  it('delivers status callbacks the phone script holds back after the final one (out of order, SequenceNumber in order of events), and waits for slow keying', async () => {
    const phone = '+8613500135002';
    local.scriptPhone(phone, { answer: ['busy', 'answer'], lateCallbacks: ['ringing'], answers: [{ digits: '2', keyingMs: 300 }, { digits: '3', keyingMs: 1500 }] });
    app.route('/late/twiml', () => {
      const response = new VoiceResponse();
      response.gather({ numDigits: 1, action: '/late/answer', timeout: 5 }).say({ language: 'zh-CN' }, '请按键');
      return response;
    });
    app.route('/late/answer', () => new VoiceResponse().redirect('/late/twiml-second'));
    app.route('/late/twiml-second', () => {
      const response = new VoiceResponse();
      response.gather({ numDigits: 1, action: '/late/answer-second', timeout: 1 }).say({ language: 'zh-CN' }, '请再按键');
      return response;
    });
    const seen: { statuses: string[]; sequence: string[] }[] = [];
    for (let n = 1; n <= 2; n++) {
      const statusPath = `/late/status/${n}`;
      const call = await client.calls.create({ to: phone, from: TEST_HOTLINE_NUMBER, url: `${app.url}/late/twiml`, statusCallback: `${app.url}${statusPath}`, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] });
      const ended = await local.waitForCall(call.sid, 20_000);
      const callbacks = app.receivedAt(statusPath);
      assert.ok(callbacks.every((callback) => callback.signatureValid));
      seen.push({ statuses: callbacks.map((c) => c.params.CallStatus!), sequence: callbacks.map((c) => c.params.SequenceNumber!) });
      if (n === 2) {
        const gathers = ended.log.filter((e) => e.kind === 'gather').map((e) => e.result);
        assert.deepEqual(gathers, [{ Digits: '2' }, 'timeout'], 'keyed in after 300 ms; too slow for the 1 s timeout the second time');
        assert.ok(ended.durationSec! >= 1, `the caller took the gather's time: ${ended.durationSec} s`);
        const twiml = ended.log.find((e) => e.kind === 'webhook' && e.purpose === 'twiml');
        assert.match(String(twiml?.contentType), /^text\/xml/, 'the answer\'s content type is logged');
      }
    }
    assert.deepEqual(seen, [
      { statuses: ['initiated', 'busy', 'ringing'], sequence: ['0', '2', '1'] },
      { statuses: ['initiated', 'in-progress', 'completed', 'ringing'], sequence: ['0', '2', '3', '1'] },
    ]);
    assert.equal(app.receivedAt('/late/answer-second').length, 0);
  });

  it("puts an inbound SMS's <Message> reply among the citizen phone's messages (control API over HTTP)", async () => {
    local.configureNumber(TEST_HOTLINE_NUMBER, { smsUrl: `${app.url}/sms/incoming` });
    app.route('/sms/incoming', (params) => {
      const response = new twilio.twiml.MessagingResponse();
      response.message({ statusCallback: '/sms/reply-status' }, `已收到：${params.Body}`);
      return response;
    });
    const posted = await fetch(`${local.url}/_local/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: CITIZEN, to: TEST_HOTLINE_NUMBER, body: '查询 20261123001' }) });
    assert.equal(posted.status, 201);
    const result = (await posted.json()) as { messageSid: string; replies: { sid: string }[] };
    const incoming = app.receivedAt('/sms/incoming');
    assert.equal(incoming.length, 1);
    assert.ok(incoming[0]!.signatureValid);
    assert.deepEqual(
      [incoming[0]!.params.Body, incoming[0]!.params.From, incoming[0]!.params.To, incoming[0]!.params.MessageSid, incoming[0]!.params.SmsStatus, incoming[0]!.params.NumMedia],
      ['查询 20261123001', CITIZEN, TEST_HOTLINE_NUMBER, result.messageSid, 'received', '0'],
    );
    await waitUntil(() => app.receivedAt('/sms/reply-status').at(-1)?.params.MessageStatus === 'delivered');
    const listed = (await (await fetch(`${local.url}/_local/messages?to=${encodeURIComponent(CITIZEN)}`)).json()) as { messages: { sid: string; from: string; body: string; direction: string; status: string }[] };
    const reply = listed.messages.find((message) => message.sid === result.replies[0]?.sid);
    assert.ok(reply, 'the reply is listed for the citizen phone');
    assert.deepEqual([reply.from, reply.body, reply.direction, reply.status], [TEST_HOTLINE_NUMBER, '已收到：查询 20261123001', 'outbound-reply', 'delivered']);

    const refused = await fetch(`${local.url}/_local/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'nobody', to: TEST_HOTLINE_NUMBER, body: 'x' }) });
    assert.equal(refused.status, 400);
    assert.deepEqual(await refused.json(), { error: 'invalidRequest', field: 'from', reason: 'an E.164 number, e.g. +8613800138000' });
    const unknown = await fetch(`${local.url}/_local/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: CITIZEN, to: '+8610000000' }) });
    assert.equal(unknown.status, 404);
  });
});

/** Twilio's description has `nullable` without `type` (encryption_details), which Ajv refuses: such a field takes anything. */
function withoutUntypedNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutUntypedNullable);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, withoutUntypedNullable(value)] as const);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if ('nullable' in copy && !('type' in copy) && !('$ref' in copy)) delete copy.nullable;
  return copy;
}

function resourcesIn(response: unknown): Record<string, unknown>[] {
  const body = response as Record<string, unknown>;
  if (Array.isArray(body.messages)) return body.messages as Record<string, unknown>[];
  if (Array.isArray(body.calls)) return body.calls as Record<string, unknown>[];
  return [body];
}

/** The property names of the resource an operation answers with (of its list items for lists). */
function documentedFields(spec: Document, operationId: string): string[] {
  const schemas = (spec.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
  const resource = operationId.endsWith('Call') ? 'api.v2010.account.call' : operationId.endsWith('Message') ? 'api.v2010.account.message' : 'api.v2010.account.recording';
  return Object.keys(schemas[resource]?.properties ?? {}).sort();
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
