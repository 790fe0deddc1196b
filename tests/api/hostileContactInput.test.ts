// Hostile input on the fields issue 14 added to cases and calls, over real HTTP into real
// workflows (dev server): the lead unit's contact record (recordContact: means, time, note) and
// filing a call under a case (POST /api/telephony/calls/:id/case). As issue 13 settled, hostile
// input is normal input: ids, times and wrong types are refused with 400 naming the field and
// change nothing; free text is stored cleaned; the case keeps answering and its projection keeps up.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { commandInputs } from '../../rules/lifecycle/commands';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { SimulatedCall, useSeatHoursAllDay } from '../support/ivr';
import { SOLVED, waitUntil } from '../support/petitions';
import { decodedHistory } from '../support/histories';

/** A request that hangs (a frozen case) fails the test in this time instead of at mocha's timeout. */
const ANSWER_WITHIN_MS = 30_000;

type Answer = { status: number; body: any };

/** Sends `body` as JSON, or as it is when it is already a string (a body that is not an object). */
async function send(method: 'GET' | 'POST', url: string, body: unknown, token: string): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** No text of these rows holds a character PostgreSQL or the policy refuses. */
function assertClean(what: string, value: unknown): void {
  const json = JSON.stringify(value);
  for (const escaped of ['\\u0000', '\\ud800', '\\udc00']) assert.ok(!json.includes(escaped), `${what} holds ${escaped}: ${json.slice(0, 300)}`);
}

/** A short description of a body for assertion messages (never a megabyte of it). */
const shortly = (body: unknown) => JSON.stringify(body)?.slice(0, 80) ?? String(body);

describe('hostile input on contacts and call filing (issue 14)', () => {
  const stack = useApiStack();
  useSeatHoursAllDay();
  const tokens: Record<string, string> = {};

  before(async () => {
    for (const user of ['operator', 'dispatcher', 'handler', 'leader', 'supervisor']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
  });

  const command = (caseId: string, name: string, body: unknown, user: string) => send('POST', `${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, tokens[user]!);
  const run = async (caseId: string, name: string, body: unknown, user: string) => {
    const answer = await command(caseId, name, body, user);
    assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  /** The names of the commands (Updates) the case's workflow accepted, in order. */
  async function acceptedCommands(caseId: string): Promise<{ name: string; input: unknown }[]> {
    const events = (await decodedHistory(stack.env.client.workflow.getHandle(caseId) as WorkflowHandle)).events ?? [];
    return events.flatMap((event) => {
      const request = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
      if (!request) return [];
      const [arg] = request.args?.payloads ?? [];
      return [{ name: request.name!, input: (defaultPayloadConverter.fromPayload(arg!) as { input: unknown }).input }];
    });
  }

  /** A complaint registered by the operator and dispatched to 市城市管理局; its lead assignment's dispatch time. */
  async function dispatchedCase(title: string): Promise<{ caseId: string; dispatchedAt: Date }> {
    const registered = await send('POST', `${stack.api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'complaint', title, content: '小区门口占道经营。', citizenPhone: '13955558888' }, tokens.operator!);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await run(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    const lead = await testPrisma().caseAssignment.findFirstOrThrow({ where: { caseId, role: 'lead' } });
    return { caseId, dispatchedAt: lead.dispatchedAt };
  }

  describe('recordContact', () => {
    it('refuses a time before the dispatch, in the future, in 1900 or 9999, or not an ISO instant, naming contactedAt; nothing is recorded', async () => {
      const { caseId, dispatchedAt } = await dispatchedCase('联系时间');
      const minutes = (n: number) => n * 60_000;
      const beforeDispatch = [new Date(dispatchedAt.getTime() - minutes(5)).toISOString(), '1900-01-01T00:00:00+08:00', '0000-01-01T00:00:00Z'];
      const inTheFuture = [new Date(Date.now() + minutes(10)).toISOString(), '9999-12-31T23:59:59Z'];
      const notInstants = ['2026-02-30T10:00:00+08:00', '2026-11-23 10:00', '2026-11-23T10:00:00+08', '2026-11-23T10:00:00', `${new Date().toISOString()}\u0000`, '\ud800', 'NaN', 'Invalid Date', '', 'x'.repeat(1_000_000)];

      for (const contactedAt of beforeDispatch) {
        const refused = await command(caseId, 'recordContact', { means: 'phone', contactedAt }, 'handler');
        assert.equal(refused.status, 400, `${contactedAt}: ${JSON.stringify(refused.body)}`);
        assert.deepEqual(Object.keys(refused.body.error.fields), ['contactedAt']);
        assert.match(refused.body.error.fields.contactedAt, /is before the dispatch/, contactedAt);
      }
      for (const contactedAt of inTheFuture) {
        const refused = await command(caseId, 'recordContact', { means: 'phone', contactedAt }, 'handler');
        assert.equal(refused.status, 400, `${contactedAt}: ${JSON.stringify(refused.body)}`);
        assert.deepEqual(refused.body.error.fields, { contactedAt: 'is in the future' });
      }
      for (const contactedAt of notInstants) {
        const refused = await command(caseId, 'recordContact', { means: 'phone', contactedAt }, 'handler');
        assert.equal(refused.status, 400, `${shortly(contactedAt)}: ${shortly(refused.body)}`);
        assert.deepEqual(Object.keys(refused.body.error.fields), ['contactedAt'], shortly(contactedAt));
      }

      assert.equal(await testPrisma().citizenContact.count({ where: { caseId } }), 0);
      assert.equal(await testPrisma().auditEvent.count({ where: { caseId, action: 'citizenContacted' } }), 0);
      assert.deepEqual((await acceptedCommands(caseId)).map((c) => c.name), ['dispatch'], 'no refused contact reached the workflow history');
      // The case still takes a contact at the minute of its dispatch.
      const recorded = await run(caseId, 'recordContact', { means: 'phone', contactedAt: dispatchedAt.toISOString() }, 'handler');
      assert.equal(recorded.contacts.length, 1);
      assert.equal(await testPrisma().citizenContact.count({ where: { caseId } }), 1);
    });

    it('refuses wrong JSON types in every field and bodies that are not an object, naming the field; the case still answers', async () => {
      const { caseId } = await dispatchedCase('联系类型');
      const now = () => new Date().toISOString();
      const wrong: [string, unknown][] = [
        ['means', { means: 'pigeon', contactedAt: now() }],
        ['means', { means: 1, contactedAt: now() }],
        ['means', { means: ['phone'], contactedAt: now() }],
        ['means', { means: null, contactedAt: now() }],
        ['means', { means: 'phone\u0000', contactedAt: now() }],
        ['means', { contactedAt: now() }],
        ['contactedAt', { means: 'phone', contactedAt: Date.now() }],
        ['contactedAt', { means: 'phone', contactedAt: null }],
        ['contactedAt', { means: 'phone', contactedAt: { $date: now() } }],
        ['contactedAt', { means: 'phone', contactedAt: [now()] }],
        ['contactedAt', { means: 'phone', contactedAt: true }],
        ['contactedAt', { means: 'phone' }],
        ['note', { means: 'phone', contactedAt: now(), note: 1 }],
        ['note', { means: 'phone', contactedAt: now(), note: { text: '已联系' } }],
        ['note', { means: 'phone', contactedAt: now(), note: ['已联系'] }],
        ['note', { means: 'phone', contactedAt: now(), note: false }],
      ];
      for (const [field, body] of wrong) {
        const refused = await command(caseId, 'recordContact', body, 'handler');
        assert.equal(refused.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(refused.body)}`);
        assert.deepEqual(Object.keys(refused.body.error.fields), [field], JSON.stringify(body));
      }
      // A megabyte of text in the note is refused for its length, not stored or hung on.
      const megabyte = await command(caseId, 'recordContact', { means: 'phone', contactedAt: now(), note: '联'.repeat(340_000) }, 'handler');
      assert.equal(megabyte.status, 400, shortly(megabyte.body));
      assert.deepEqual(megabyte.body.error.fields, { note: 'at most 2000 characters' });
      // Bodies that are not an object: a list, a string, a number, JSON that does not parse.
      for (const body of ['[]', '"phone"', '42', 'null', '{"means":"phone",']) {
        const refused = await command(caseId, 'recordContact', body, 'handler');
        assert.equal(refused.status, 400, `${body}: ${JSON.stringify(refused.body)}`);
      }

      // A wrong type is named as such, not as a list that is too long (zod 4 runs both checks).
      const listAsText = await command(caseId, 'dispatch', { leadUnitId: 'zhujian', assistUnitIds: 'chengguan,donghu,xihu' }, 'dispatcher');
      assert.deepEqual(listAsText.body.error.fields, { assistUnitIds: 'Invalid input: expected array, received string' });

      assert.equal(await testPrisma().citizenContact.count({ where: { caseId } }), 0);
      assert.deepEqual((await acceptedCommands(caseId)).map((c) => c.name), ['dispatch']);
      await run(caseId, 'signFor', {}, 'handler');
      assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status, 'signed');
    });

    it('stores a note holding NUL, lone surrogates and a near-megabyte of control characters cleaned; later commands work and the projection keeps up', async () => {
      const { caseId } = await dispatchedCase('联系备注');
      await run(caseId, 'recordContact', { means: 'phone', contactedAt: new Date().toISOString(), note: '已\u0000电话\ud800联系\r\n约定上门\udc00' }, 'handler');
      // 150 000 NULs are 900 kB of JSON: they are dropped, what is left is kept.
      await run(caseId, 'recordContact', { means: 'visit', contactedAt: new Date().toISOString(), note: `${'\u0000'.repeat(150_000)}上门核实` }, 'leader');
      // Nothing but control characters: an empty note, not a refusal and not a stuck write.
      await run(caseId, 'recordContact', { means: 'sms', contactedAt: new Date().toISOString(), note: '\u0000\u0007\u202e\ufeff' }, 'handler');
      // 2000 lone surrogates become 2000 U+FFFD: at the limit, kept.
      await run(caseId, 'recordContact', { means: 'other', contactedAt: new Date().toISOString(), note: '\ud800'.repeat(2000) }, 'handler');

      const rows = await testPrisma().citizenContact.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
      assert.deepEqual(rows.map((r) => [r.means, r.note]), [
        ['phone', '已电话\ufffd联系\n约定上门\ufffd'],
        ['visit', '上门核实'],
        ['sms', ''],
        ['other', '\ufffd'.repeat(2000)],
      ]);
      const history = await acceptedCommands(caseId);
      for (const { name, input } of history) {
        if (name === 'recordContact') assert.deepEqual(input, commandInputs.recordContact.parse(input), 'the history holds the parsed contact');
      }
      assertClean('the workflow history', history);
      assert.ok(JSON.stringify(history).length < 100_000, 'the history holds no near-megabyte of NULs');

      // The case goes on: each later command answers and the projection follows it.
      await run(caseId, 'signFor', {}, 'handler');
      await run(caseId, 'submitResult', SOLVED, 'handler');
      await run(caseId, 'recordContact', { means: 'phone', contactedAt: new Date().toISOString(), note: '回复\u0000结果' }, 'handler');
      const approved = await run(caseId, 'unitApprove', { comment: '同意' }, 'leader');
      assert.equal(approved.status, 'unitApproved');
      const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
      assert.equal(row.status, 'unitApproved');
      assert.equal(await testPrisma().citizenContact.count({ where: { caseId } }), 5);

      const page = await send('GET', `${stack.api.url}/api/cases/${caseId}`, undefined, tokens.dispatcher!);
      assert.equal(page.status, 200);
      assert.equal(page.body.contacts.length, 5);
      assertClean('the case page', page.body);
      const audit = await testPrisma().auditEvent.findMany({ where: { caseId, action: 'citizenContacted' }, orderBy: { id: 'asc' } });
      assert.deepEqual(audit.map((e) => e.reason), ['已电话\ufffd联系\n约定上门\ufffd', '上门核实', '', '\ufffd'.repeat(2000), '回复结果']);
      assertClean('the audit trail', audit.map((e) => ({ ...e, id: String(e.id) })));

      // 响应率 is computed over these contacts without trouble.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const indicators = await send('GET', `${stack.api.url}/api/statistics/indicators?groupBy=unit&from=${today}&to=${today}`, undefined, tokens.supervisor!);
      assert.equal(indicators.status, 200, JSON.stringify(indicators.body));
      const chengguan = indicators.body.rows.find((r: { key: string }) => r.key === 'chengguan');
      assert.ok(chengguan && typeof chengguan.responseRate === 'number', JSON.stringify(chengguan));
    });
  });

  describe('filing a call under a case', () => {
    let caseId: string;

    before(async () => {
      ({ caseId } = await dispatchedCase('来电归档'));
    });

    const file = (callSid: string, body: unknown) => send('POST', `${stack.api.url}/api/telephony/calls/${callSid}/case`, body, tokens.operator!);
    const linkAudits = (callSid: string) => testPrisma().auditEvent.findMany({ where: { entityType: 'call', entityId: callSid, action: 'callLinkedToCase' } });

    it('refuses case ids that are not case numbers, wrong types and unknown keys with 400 naming the field; the call stays unfiled', async () => {
      const call = new SimulatedCall(stack.api.url);
      await call.incoming();
      const notIds: unknown[] = [
        `${caseId}\u0000`, `\u0000${caseId}`, `${caseId}\ud800`, '１２３４５６７８９０', `${caseId} OR 1=1`, `../${caseId}`, '1234567', '1'.repeat(21), '', '   ',
        'x'.repeat(1_000_000), Number(caseId), null, [caseId], { id: caseId }, true,
      ];
      for (const value of notIds) {
        const refused = await file(call.callSid, { caseId: value });
        assert.equal(refused.status, 400, `${shortly(value)}: ${shortly(refused.body)}`);
        assert.deepEqual(Object.keys(refused.body.error.fields), ['caseId'], shortly(value));
      }
      const missing = await file(call.callSid, { reason: '来电登记' });
      assert.deepEqual(Object.keys(missing.body.error.fields), ['caseId']);
      for (const reason of [1, { text: '来电登记' }, ['来电登记'], true, 'x'.repeat(1_000_000), '\u0000\u0000']) {
        const refused = await file(call.callSid, { caseId, reason });
        assert.equal(refused.status, 400, `${shortly(reason)}: ${shortly(refused.body)}`);
        assert.deepEqual(Object.keys(refused.body.error.fields), ['reason'], shortly(reason));
      }
      assert.deepEqual((await file(call.callSid, { caseId, reason: 'x'.repeat(501) })).body.error.fields, { reason: 'at most 500 characters' });
      assert.equal((await file(call.callSid, { caseId, operatorId: 'user-admin' })).status, 400, 'unknown keys are refused');
      for (const body of ['[]', `"${caseId}"`, '42', 'null', '{"caseId":']) assert.equal((await file(call.callSid, body)).status, 400, body);
      // A call id that is no CallSid, in the path.
      for (const callSid of [`CA${'0'.repeat(31)}%00`, `CA${'g'.repeat(32)}`, '%00']) {
        const refused = await file(callSid, { caseId });
        assert.equal(refused.status, 400, `${callSid}: ${JSON.stringify(refused.body)}`);
        assert.deepEqual(Object.keys(refused.body.error.fields), ['id']);
      }

      assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: call.callSid } })).caseId, null);
      assert.deepEqual(await linkAudits(call.callSid), []);
    });

    it('files the call with a reason holding NUL and lone surrogates, audited cleaned; the case keeps answering', async () => {
      const call = new SimulatedCall(stack.api.url);
      await call.incoming();
      const filed = await file(call.callSid, { caseId: ` ${caseId} `, reason: '来电\u0000登记\ud800\r\n补充\u202e说明' });
      assert.equal(filed.status, 200, JSON.stringify(filed.body));
      assert.equal(filed.body.caseId, caseId);
      const [audit, ...others] = await linkAudits(call.callSid);
      assert.equal(others.length, 0);
      assert.equal((audit!.payload as { reason: string }).reason, '来电登记\ufffd\n补充说明');
      // Filing it again under the same case changes nothing; under a case number that does not exist is 404.
      assert.equal((await file(call.callSid, { caseId, reason: '\ud800' })).status, 200);
      assert.equal((await linkAudits(call.callSid)).length, 1);
      const other = new SimulatedCall(stack.api.url);
      await other.incoming();
      assert.equal((await file(other.callSid, { caseId: '99990101000001' })).status, 404);
      assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: other.callSid } })).caseId, null);

      await run(caseId, 'signFor', {}, 'handler');
      assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status, 'signed');
      const calls = await send('GET', `${stack.api.url}/api/cases/${caseId}/calls`, undefined, tokens.dispatcher!);
      assert.deepEqual(calls.body.map((c: { id: string }) => c.id), [call.callSid]);
    });
  });
});
