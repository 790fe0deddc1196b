// The caller blocklist (issue 20) over HTTP: who may propose, approve, reject and lift; the
// refusals (400 with the field, 403, 404, 409) changing nothing; the audit trail; and what a
// block does: an active block's calls hear voice.blocked and are hung up on (recorded, never
// queued nor missed), its texts are kept unanswered, and a block past its expiry blocks nothing
// (an API started at a later `now`).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { AdminApiClient, listQuery, type JsonResponse } from '../support/adminApi';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { SimulatedCall, randomMobile, spokenTexts } from '../support/ivr';
import { postInboundSms } from '../support/sms';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID } from '../support/twilio';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';

const PATH = '/api/telephony/blocked-callers';
const DAY_MS = 86_400_000;

describe('caller blocklist', () => {
  let api: RunningApi;
  let later: RunningApi;
  let client: AdminApiClient;

  before(async () => {
    api = await startApi();
    // Three days on: a one-day block approved now has expired there.
    later = await startApi({ now: () => new Date(Date.now() + 3 * DAY_MS) });
    client = new AdminApiClient(api.url);
    await client.login('operator', 'dispatcher', 'supervisor', 'auditor', 'admin', 'handler');
  });

  after(async () => {
    await api?.close();
    await later?.close();
  });

  /** A request to the later API with a token issued by the first (same secret). */
  async function atLater(method: 'GET' | 'POST', path: string, as: string, body?: unknown): Promise<JsonResponse> {
    const response = await fetch(`${later.url}${path}`, { method, headers: { authorization: `Bearer ${client.token(as)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json().catch(() => null), headers: response.headers };
  }

  const auditOf = async (id: string) =>
    (await testPrisma().auditEvent.findMany({ where: { entityType: 'blockedCaller', entityId: id, action: { not: 'citizenIdentityRead' } }, orderBy: { occurredAt: 'asc' } })).map((e) => [e.action, e.actorRole, e.reason]);

  it('is proposed by an operator or dispatcher, approved by a supervisor only, and refused with 400/403/404/409 that change nothing', async () => {
    const mobile = randomMobile();
    const national = mobile.slice(3);

    // Roles: only operators and dispatchers propose.
    for (const user of ['supervisor', 'auditor', 'admin', 'handler']) assert.equal((await client.post(PATH, { number: mobile, reason: '骚扰' }, user)).status, 403, user);
    assert.equal((await client.post(PATH, { number: mobile, reason: '骚扰' }, null)).status, 401);

    // Bad input: the field and why.
    const bad = await client.post(PATH, { number: 'abc', reason: '' }, 'operator');
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['number', 'reason']);
    const tooLong = await client.post(PATH, { number: mobile, reason: '骚扰', days: 31 }, 'operator');
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body.error.fields.days, /at most 30 days/);
    assert.equal((await client.post(PATH, { number: mobile, reason: '骚扰', days: 0 }, 'operator')).status, 400);
    assert.equal(await testPrisma().blockedCaller.count({ where: { number: mobile } }), 0, 'nothing stored on refusal');

    // Proposed in the national form: kept in E.164, pending, the default length.
    const proposed = await client.post(PATH, { number: national, reason: '多次辱骂话务员' }, 'operator');
    assert.equal(proposed.status, 201);
    assert.deepEqual([proposed.body.number, proposed.body.status, proposed.body.days, proposed.body.expiresAt], [mobile, 'pending', 7, null]);
    const id = proposed.body.id as string;

    // A pending block does not block yet.
    const early = new SimulatedCall(api.url, mobile);
    assert.ok((await early.incoming()).doc.Gather, 'a pending block leaves the menu open');

    // One live block per number, in any form.
    assert.equal((await client.post(PATH, { number: mobile, reason: '再次申请' }, 'dispatcher')).status, 409);

    // Review: the supervisor's alone.
    for (const user of ['operator', 'dispatcher', 'auditor', 'admin']) assert.equal((await client.post(`${PATH}/${id}/approve`, {}, user)).status, 403, user);
    assert.equal((await client.post(`${PATH}/00000000-0000-4000-8000-000000000000/approve`, {}, 'supervisor')).status, 404);
    assert.equal((await client.post(`${PATH}/not-a-uuid/approve`, {}, 'supervisor')).status, 400);
    assert.equal((await client.post(`${PATH}/${id}/lift`, { reason: '误拉黑' }, 'supervisor')).status, 409, 'a pending block cannot be lifted');
    const noReason = await client.post(`${PATH}/${id}/lift`, {}, 'supervisor');
    assert.equal(noReason.status, 400);
    assert.ok(noReason.body.error.fields.reason);

    const approved = await client.post(`${PATH}/${id}/approve`, { comment: '录音核实' }, 'supervisor');
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, 'active');
    assert.equal(new Date(approved.body.expiresAt).getTime() - new Date(approved.body.reviewedAt).getTime(), 7 * DAY_MS);
    assert.equal((await client.post(`${PATH}/${id}/approve`, {}, 'supervisor')).status, 409, 'decided already');
    assert.equal((await client.post(`${PATH}/${id}/reject`, { comment: '不成立' }, 'supervisor')).status, 409);
    assert.equal((await client.post(PATH, { number: mobile, reason: '再次申请' }, 'operator')).status, 409, 'an active block is live');

    // Listed by status and number, for the office and auditors.
    const active = await client.get(`${PATH}${listQuery({ filter: { status: 'active', number: national } })}`, 'auditor');
    assert.equal(active.status, 200);
    assert.deepEqual(active.body.map((b: { id: string }) => b.id), [id]);
    assert.equal((await client.get(`${PATH}${listQuery({ filter: { status: ['pending', 'expired'], number: mobile } })}`, 'operator')).body.length, 0);
    assert.equal((await client.get(PATH, 'handler')).status, 403);
    const reads = await testPrisma().auditEvent.findMany({ where: { entityType: 'blockedCaller', entityId: id, action: 'citizenIdentityRead' }, select: { actorRole: true } });
    assert.ok(reads.some((r) => r.actorRole === 'auditor'), 'reading a blocked number is an identity read');

    // Lifted early by the supervisor, with a reason; lifted once.
    const lifted = await client.post(`${PATH}/${id}/lift`, { reason: '市民致歉，解除' }, 'supervisor');
    assert.deepEqual([lifted.status, lifted.body.status, lifted.body.liftReason], [200, 'lifted', '市民致歉，解除']);
    assert.equal((await client.post(`${PATH}/${id}/lift`, { reason: '再次' }, 'supervisor')).status, 409);
    assert.ok((await new SimulatedCall(api.url, mobile).incoming()).doc.Gather, 'a lifted block blocks nothing');

    assert.deepEqual(await auditOf(id), [
      ['blockProposed', 'operator', '多次辱骂话务员'],
      ['blockApproved', 'supervisor', '录音核实'],
      ['blockLifted', 'supervisor', '市民致歉，解除'],
    ]);

    // A rejected proposal: comment required, and the number may be proposed again.
    const second = await client.post(PATH, { number: mobile, reason: '又来骚扰' }, 'dispatcher');
    assert.equal(second.status, 201);
    assert.equal((await client.post(`${PATH}/${second.body.id}/reject`, {}, 'supervisor')).status, 400);
    const rejected = await client.post(`${PATH}/${second.body.id}/reject`, { comment: '证据不足' }, 'supervisor');
    assert.deepEqual([rejected.status, rejected.body.status, rejected.body.reviewComment], [200, 'rejected', '证据不足']);
    assert.deepEqual(await auditOf(second.body.id), [['blockProposed', 'dispatcher', '又来骚扰'], ['blockRejected', 'supervisor', '证据不足']]);
  });

  it('hangs up on an actively blocked caller after voice.blocked, recorded but never queued or missed; keeps its SMS unanswered; blocks nothing once expired', async () => {
    const mobile = randomMobile();
    const proposed = await client.post(PATH, { number: mobile, reason: '每日数十次骚扰来电', days: 1 }, 'operator');
    assert.equal((await client.post(`${PATH}/${proposed.body.id}/approve`, {}, 'supervisor')).status, 200);

    const call = new SimulatedCall(api.url, mobile);
    const answer = await call.incoming();
    assert.equal(answer.status, 200);
    assert.deepEqual(spokenTexts(answer.doc), [VOICE_PROMPT_TEMPLATES['voice.blocked'].body]);
    assert.equal(answer.doc.Gather, undefined);
    assert.equal(answer.doc.Enqueue, undefined);
    assert.match(answer.xml, /<Hangup\/>/);
    assert.equal((await call.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '9' })).status, 204);
    const row = await testPrisma().call.findUniqueOrThrow({ where: { id: call.callSid } });
    assert.deepEqual([row.fromNumber, row.ivrPath, row.queuedAt, row.needsCallback, row.status], [mobile, 'blocked', null, false, 'completed']);
    const missed = await client.get(`/api/telephony/calls${listQuery({ filter: { needsCallback: true, fromNumber: mobile } })}`, 'operator');
    assert.deepEqual(missed.body, []);

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const sms = await postInboundSms(api.url, { AccountSid: TEST_TWILIO_ACCOUNT_SID, MessageSid: sid, From: mobile, To: TEST_HOTLINE_NUMBER, Body: '小区门口垃圾没人清理' });
    assert.deepEqual([sms.status, sms.message], [200, null], 'no auto-reply');
    const texts = await testPrisma().smsMessage.findMany({ where: { OR: [{ fromNumber: mobile }, { toNumber: mobile }] } });
    assert.deepEqual(texts.map((t) => [t.direction, t.intent, t.body]), [['inbound', 'blocked', '小区门口垃圾没人清理']], 'kept, not a draft, no reply row');

    // Three days on, the one-day block has ended by itself.
    const listed = await atLater('GET', `${PATH}/${proposed.body.id}`, 'auditor');
    assert.equal(listed.body.status, 'expired');
    const expiredList = await atLater('GET', `${PATH}${listQuery({ filter: { status: 'expired', number: mobile } })}`, 'operator');
    assert.deepEqual(expiredList.body.map((b: { id: string }) => b.id), [proposed.body.id]);
    assert.ok((await new SimulatedCall(later.url, mobile).incoming()).doc.Gather, 'an expired block leaves the menu open');
    assert.equal((await atLater('POST', `${PATH}/${proposed.body.id}/lift`, 'supervisor', { reason: '提前解除' })).status, 409, 'an expired block is not active');
    assert.equal((await atLater('POST', PATH, 'dispatcher', { number: mobile, reason: '再次骚扰' })).status, 201, 'an expired block is not live');
  });
});
