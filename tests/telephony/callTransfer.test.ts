// An operator transfers the caller they took from the queue to a unit's duty phone: the API's
// refusals (roles, input, state) change nothing, and the transfer itself runs through the local
// Twilio endpoint: the caller's live leg is redirected with the real `twilio` client, hears the
// prompt and is <Dial>led to the unit from the hotline's number; the call row and the audit keep it.
import assert from 'node:assert/strict';
import { AdminApiClient } from '../support/adminApi';
import { testPrisma } from '../support/db';
import { newCallSid, randomMobile, useSeatHoursAllDay } from '../support/ivr';
import { waitUntil } from '../support/petitions';
import { useTelephonyStack } from '../support/telephonyStack';
import { postSignedWebhook, TEST_HOTLINE_NUMBER } from '../support/twilio';

/** Seeded units: one with a duty phone, one without. */
const UNIT = { id: 'chengguan', name: '市城市管理局', dutyPhone: '+8653181010001' };
const UNIT_WITHOUT_PHONE = 'chengguan-donghu';
const UNANSWERED_UNIT = { id: 'donghu', dutyPhone: '+8653180010001' };

describe('transfer of an operator’s call to a unit’s duty phone', () => {
  const stack = useTelephonyStack();
  useSeatHoursAllDay();
  const prisma = testPrisma();
  const api = () => new AdminApiClient(stack.api.url);

  /** The operator's desk phone and the line it calls to take the next caller (the operator Voice URL). */
  const DESK_PHONE = '+8613800000099';
  const DESK_LINE = '+8653112300';
  before(async () => {
    await prisma.user.update({ where: { id: 'user-operator' }, data: { phone: DESK_PHONE } });
    stack.twilio.configureNumber(DESK_LINE, { voiceUrl: `${stack.api.url}/telephony/voice/operator` });
  });
  after(() => prisma.user.update({ where: { id: 'user-operator' }, data: { phone: null } }));

  /** A caller presses 1 and waits in the queue; the operator's desk phone takes them with <Dial><Queue>. */
  async function callTakenByOperator(): Promise<{ callSid: string; operatorLeg: string }> {
    const callSid = stack.twilio.placeCall({ from: randomMobile(), to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '1' }] } });
    // In the endpoint's queue, not only recorded as queued (the <Enqueue> runs once our TwiML is back).
    await waitUntil(async () => stack.twilio.call(callSid)!.log.some((entry) => entry.kind === 'enqueue'));
    const operatorLeg = stack.twilio.placeCall({ from: DESK_PHONE, to: DESK_LINE });
    await waitUntil(async () => (await prisma.call.findUniqueOrThrow({ where: { id: callSid } })).answeredById === 'user-operator');
    await waitUntil(async () => stack.twilio.call(callSid)!.log.some((entry) => entry.kind === 'bridged'));
    return { callSid, operatorLeg };
  }

  async function callRow(overrides: Partial<{ answeredById: string | null; endedAt: Date | null }> = {}): Promise<string> {
    const id = newCallSid();
    await prisma.call.create({
      data: { id, callSid: id, direction: 'inbound', purpose: 'intake', fromNumber: randomMobile(), toNumber: TEST_HOTLINE_NUMBER, status: 'in-progress', startedAt: new Date(), answeredAt: new Date(), answeredById: 'user-operator', ...overrides },
    });
    return id;
  }

  const transferAudits = (callId: string) => prisma.auditEvent.findMany({ where: { entityType: 'call', entityId: callId, action: 'transferred' } });

  it('refuses other roles, bad input, unknown calls and units, and calls or units it cannot transfer, changing nothing', async () => {
    const client = api();
    await client.login('operator', 'supervisor', 'handler');
    const id = await callRow();
    const transfer = (callId: string, body: unknown, as: string | null = 'operator') => client.post(`/api/telephony/calls/${callId}/transfer`, body, as);

    assert.equal((await transfer(id, { unitId: UNIT.id }, null)).status, 401);
    for (const who of ['supervisor', 'handler']) assert.equal((await transfer(id, { unitId: UNIT.id }, who)).status, 403, who);

    const missing = await transfer(id, {});
    assert.deepEqual([missing.status, Object.keys(missing.body.error.fields)], [400, ['unitId']]);
    const extra = await transfer(id, { unitId: UNIT.id, number: '+8613900000000' });
    assert.equal(extra.status, 400);
    assert.equal((await transfer('not-a-call-sid', { unitId: UNIT.id })).status, 400);

    assert.equal((await transfer(newCallSid(), { unitId: UNIT.id })).status, 404);
    const noUnit = await transfer(id, { unitId: 'no-such-unit' });
    assert.deepEqual([noUnit.status, Object.keys(noUnit.body.error.fields ?? {})], [404, ['unitId']]);

    const noPhone = await transfer(id, { unitId: UNIT_WITHOUT_PHONE });
    assert.deepEqual([noPhone.status, noPhone.body.error.code], [409, 'invalidState']);
    assert.equal((await transfer(await callRow({ answeredById: null }), { unitId: UNIT.id })).status, 409, 'not taken by an operator');
    assert.equal((await transfer(await callRow({ endedAt: new Date() }), { unitId: UNIT.id })).status, 409, 'over');
    // Twilio has no such live call (it ended there before its status callback arrived): Twilio's refusal is a 409.
    const gone = await transfer(id, { unitId: UNIT.id });
    assert.deepEqual([gone.status, gone.body.error.code], [409, 'invalidState'], JSON.stringify(gone.body));

    const row = await prisma.call.findUniqueOrThrow({ where: { id } });
    assert.deepEqual([row.transferredToUnitId, row.transferredAt, row.transferredById], [null, null, null]);
    assert.deepEqual(await transferAudits(id), []);
  });

  it('redirects the live caller to the unit’s duty phone from the hotline’s number, and the call row, the audit and the case show it', async () => {
    stack.twilio.scriptPhone(UNIT.dutyPhone, { answer: 'answer', ringMs: 50, talkMs: 300 });
    const { callSid, operatorLeg } = await callTakenByOperator();
    const registered = await stack.h.register({ title: '转接测试' });
    const client = api();
    await client.login('operator', 'dispatcher');
    assert.equal((await client.post(`/api/telephony/calls/${callSid}/case`, { caseId: registered.workflowId }, 'operator')).status, 200);

    const transferred = await client.post(`/api/telephony/calls/${callSid}/transfer`, { unitId: UNIT.id, reason: '市民要求直接与城管局沟通' }, 'operator');
    assert.equal(transferred.status, 200, JSON.stringify(transferred.body));
    assert.deepEqual([transferred.body.transferredToUnitId, transferred.body.transferredById], [UNIT.id, 'user-operator']);
    const again = await client.post(`/api/telephony/calls/${callSid}/transfer`, { unitId: UNIT.id }, 'dispatcher');
    assert.deepEqual([again.status, again.body.error.code], [409, 'invalidState']);

    const call = await stack.twilio.waitForCall(callSid);
    assert.equal(call.status, 'completed');
    // The operator's <Dial><Queue> ended when the caller left the bridge.
    assert.equal((await stack.twilio.waitForCall(operatorLeg)).status, 'completed');
    assert.ok(call.said.includes('正在为您接通话务员，请稍候。'), 'the operator took the call through the queue');
    assert.ok(call.said.includes(`正在为您转接${UNIT.name}，请稍候。`), call.said.join('\n'));
    // Moved by a REST update with the real twilio client; the unit rings for ivr.transferRingSeconds (seeded 30).
    const redirect = call.log.find((entry) => entry.kind === 'redirect' && entry.by === 'rest');
    assert.match(String(redirect?.twiml), /<Dial callerId="\+8653112345" timeout="30" action="[^"]+\/telephony\/voice\/transfer-result" method="POST"><Number>\+8653181010001<\/Number><\/Dial>/);
    const dialling = call.log.find((entry) => entry.kind === 'dial' && entry.event === 'dialing');
    assert.deepEqual([dialling?.to, dialling?.callerId], [UNIT.dutyPhone, TEST_HOTLINE_NUMBER]);
    const child = stack.twilio.calls().find((c) => c.parentCallSid === callSid);
    assert.ok(child, 'the child leg');
    assert.deepEqual([child.direction, child.from, child.to, child.status], ['outbound-dial', TEST_HOTLINE_NUMBER, UNIT.dutyPhone, 'completed']);
    // The Media Stream started in the queue keeps recording through the transfer.
    const stream = call.streams[0];
    assert.ok(stream && stream.stoppedBy === 'call-end', JSON.stringify(call.streams));
    // Twilio reported the Dial's end to its action.
    const action = call.log.find((entry) => entry.kind === 'webhook' && entry.purpose === 'twiml' && String(entry.url).endsWith('/telephony/voice/transfer-result'));
    const params = action?.params as Record<string, string> | undefined;
    assert.deepEqual([params?.DialCallStatus, params?.DialCallSid], ['completed', child.sid]);
    assert.ok(Number(params?.DialCallDuration) >= 0);

    const row = await prisma.call.findUniqueOrThrow({ where: { id: callSid } });
    assert.deepEqual([row.transferredToUnitId, row.transferredById, row.transferDialStatus], [UNIT.id, 'user-operator', 'completed']);
    assert.ok(row.transferredAt);
    const [audit, ...more] = await transferAudits(callSid);
    assert.equal(more.length, 0);
    assert.deepEqual([audit?.actorId, audit?.reason], ['user-operator', '市民要求直接与城管局沟通']);
    assert.equal((audit?.payload as { after: { transferredToUnitId: string } }).after.transferredToUnitId, UNIT.id);
    const caseCalls = await client.get(`/api/cases/${registered.workflowId}/calls`, 'dispatcher');
    assert.deepEqual(caseCalls.body.map((c: { id: string; transferredToUnitId: string }) => [c.id, c.transferredToUnitId]), [[callSid, UNIT.id]]);
    await registered.terminate('test finished');
  });

  it('refuses an unsigned or malformed Dial report of a transfer', async () => {
    const id = await callRow();
    const url = `${stack.api.url}/telephony/voice/transfer-result`;
    const params = { AccountSid: 'AC0123456789abcdef0123456789abcdef', CallSid: id, From: randomMobile(), To: TEST_HOTLINE_NUMBER, CallStatus: 'in-progress', DialCallStatus: 'no-answer' };
    assert.equal((await postSignedWebhook(url, params, { signature: 'forged' })).status, 403);
    assert.equal((await postSignedWebhook(url, { ...params, DialCallStatus: 'maybe' })).status, 400);
    assert.equal((await prisma.call.findUniqueOrThrow({ where: { id } })).needsCallback, false);
  });

  it('takes a message for a call-back when the unit does not answer', async () => {
    stack.twilio.scriptPhone(UNANSWERED_UNIT.dutyPhone, { answer: 'no-answer', ringMs: 50 });
    const { callSid } = await callTakenByOperator();
    const client = api();
    await client.login('dispatcher');
    assert.equal((await client.post(`/api/telephony/calls/${callSid}/transfer`, { unitId: UNANSWERED_UNIT.id }, 'dispatcher')).status, 200);

    const call = await stack.twilio.waitForCall(callSid);
    assert.ok(call.said.some((text) => text.startsWith('对不起，转接的单位暂时无法接听')), call.said.join('\n'));
    const child = stack.twilio.calls().find((c) => c.parentCallSid === callSid);
    assert.equal(child?.status, 'no-answer');
    await waitUntil(async () => (await prisma.call.findUniqueOrThrow({ where: { id: callSid } })).transferDialStatus === 'no-answer');
    const row = await prisma.call.findUniqueOrThrow({ where: { id: callSid } });
    assert.deepEqual([row.transferredToUnitId, row.transferredById, row.needsCallback], [UNANSWERED_UNIT.id, 'user-dispatcher', true]);
  });
});
