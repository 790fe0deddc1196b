// A unit's handler calls the case's citizen through the hotline (POST /api/cases/:id/bridge-calls):
// the refusals change nothing, and the call runs end to end through the local Twilio endpoint with
// the real `twilio` client: the handler's phone rings first, then the citizen is <Dial>led with the
// hotline's number as caller ID, recorded on both channels; the call, its recording and duration
// land on the case and the conversation counts as the lead unit's contact. No answer the unit gets
// carries the citizen's number in any form.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { actors } from '../support/lifecycle';
import { speakChinese } from '../support/audio';
import { waitUntil } from '../support/petitions';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { useTelephonyStack } from '../support/telephonyStack';
import { TEST_HOTLINE_NUMBER } from '../support/twilio';

const HANDLER_PHONE = '+8613800000188';
const ALL_DAY = { start: '00:00', end: '24:00', timeZone: 'Asia/Shanghai' };

/** Every form a unit could recognise the citizen's mobile in. */
function numberForms(e164: string): string[] {
  const national = e164.replace(/^\+86/, '');
  return [e164, e164.slice(1), national, `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`, `${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`];
}

/** The answer's text, and its every string with separators dropped, hold none of the forms. */
function assertNoNumber(label: string, body: unknown, e164: string): void {
  const text = JSON.stringify(body);
  for (const form of numberForms(e164)) assert.ok(!text.includes(form), `${label} shows the citizen's number as ${form}`);
  const national = e164.replace(/^\+86/, '');
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(body);
  for (const value of strings) assert.ok(!value.replace(/[\s().-]/g, '').includes(national), `${label} shows the citizen's number in "${value}"`);
}

describe('bridge calls: a unit’s handler calls the citizen through the hotline', () => {
  const stack = useTelephonyStack();
  const prisma = testPrisma();
  const people = [actors.dispatcher, actors.operator, actors.leadHandler, actors.leadLeader, actors.assistHandler, actors.otherUnitHandler];
  const as = (actor: (typeof people)[number]) => ({ authorization: `Bearer ${actorToken(actor, 600)}` });
  let originalHours: unknown;
  /** The seeded phones these tests change, put back after them: later suites text these people. */
  let originalPhones: { id: string; phone: string | null }[] = [];
  let citizen: string;
  let caseId: string;

  before(async () => {
    await ensureActorUsers(people);
    originalPhones = await prisma.user.findMany({ where: { id: { in: [actors.leadHandler.id, actors.assistHandler.id] } }, select: { id: true, phone: true } });
    await prisma.user.update({ where: { id: actors.leadHandler.id }, data: { phone: '138 0000 0188' } });
    await prisma.user.update({ where: { id: actors.assistHandler.id }, data: { phone: null } });
    const hours = await prisma.ruleSetting.findUniqueOrThrow({ where: { key: 'bridgeCall.hours' } });
    originalHours = hours.value;
    await prisma.ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: ALL_DAY } });
    citizen = `+86137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const handle = await stack.h.register({ citizenPhone: citizen, citizenName: '王小明', title: '小区夜间施工噪音' });
    caseId = handle.workflowId;
    await stack.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher);
    // 东湖区 only reads the case (转阅): it sees it but has no part in handling it.
    await stack.h.command(handle, 'forwardForInformation', { unitIds: ['donghu'], note: '请知悉' }, actors.dispatcher);
    await waitUntil(async () => (await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).readerUnitIds.includes('donghu'));
  });

  after(async () => {
    await prisma.ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: originalHours as never } });
    for (const { id, phone } of originalPhones) await prisma.user.update({ where: { id }, data: { phone } });
  });

  const url = (id = caseId) => `${stack.api.url}/api/cases/${id}/bridge-calls`;
  const snapshot = async () => ({
    calls: await prisma.call.count({ where: { caseId } }),
    audits: await prisma.auditEvent.count({ where: { caseId, action: { in: ['bridgeRequested', 'bridgeEnded'] } } }),
    placedToHandler: stack.twilio.calls().filter((c) => c.to === HANDLER_PHONE).length,
  });

  it('refuses other roles, units without a live part, bad input, unknown cases, and calls it cannot make, changing nothing', async () => {
    const before = await snapshot();
    assert.equal((await postJson(url(), {})).status, 401);
    for (const office of [actors.dispatcher, actors.operator]) assert.equal((await postJson(url(), {}, as(office))).status, 403, office.id);
    const reader = await postJson(url(), {}, as(actors.otherUnitHandler));
    assert.deepEqual([reader.status, reader.body.error.code], [403, 'forbidden'], 'a unit that only reads the case');

    const badPhone = await postJson(url(), { phone: '12345abc' }, as(actors.leadHandler));
    assert.deepEqual([badPhone.status, Object.keys(badPhone.body.error.fields)], [400, ['phone']]);
    const extra = await postJson(url(), { number: citizen }, as(actors.leadHandler));
    assert.equal(extra.status, 400);
    const noPhone = await postJson(url(), {}, as(actors.assistHandler));
    assert.deepEqual([noPhone.status, Object.keys(noPhone.body.error.fields)], [400, ['phone']], 'no phone on the profile and none given');
    assert.equal((await postJson(url('not-a-case'), {}, as(actors.leadHandler))).status, 400);
    assert.equal((await postJson(url('20991231999999'), {}, as(actors.leadHandler))).status, 404);

    // Outside the bridge call hours.
    await prisma.ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: { ...ALL_DAY, start: '00:00', end: '00:01' } } });
    try {
      const late = await postJson(url(), {}, as(actors.leadHandler));
      assert.deepEqual([late.status, late.body.error.code], [409, 'invalidState'], JSON.stringify(late.body));
    } finally {
      await prisma.ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: ALL_DAY } });
    }
    // A case without the citizen's phone, and a closed one.
    const stored = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { citizenPhone: true, status: true } });
    try {
      await prisma.case.update({ where: { id: caseId }, data: { citizenPhone: null } });
      assert.equal((await postJson(url(), {}, as(actors.leadHandler))).status, 409, 'no citizen phone');
      await prisma.case.update({ where: { id: caseId }, data: { citizenPhone: stored.citizenPhone, status: 'closed' } });
      assert.equal((await postJson(url(), {}, as(actors.leadHandler))).status, 409, 'closed');
    } finally {
      await prisma.case.update({ where: { id: caseId }, data: stored });
    }
    // Twilio refuses the call: nothing is written.
    stack.twilio.failRequests({ operation: 'createCall', to: HANDLER_PHONE, status: 503, count: 1 });
    const refused = await postJson(url(), {}, as(actors.leadHandler));
    assert.deepEqual([refused.status, refused.body.error.code], [502, 'telephony_unavailable']);
    for (const answer of [reader, badPhone, extra, noPhone, refused]) assertNoNumber('a refusal', answer.body, citizen);

    assert.deepEqual(await snapshot(), before, 'no call placed, no call row, no audit');
  });

  it('calls the handler, then <Dial>s the citizen from the hotline’s number, recorded; the call, recording, duration and contact land on the case, and no answer to the unit shows the number', async () => {
    const [handlerVoice, citizenVoice] = await Promise.all([speakChinese('您好，我是城管局的工作人员'), speakChinese('好的，施工已经停了')]);
    stack.twilio.scriptPhone(HANDLER_PHONE, { answer: 'answer', ringMs: 20, audioPath: handlerVoice.path });
    stack.twilio.scriptPhone(citizen, { answer: 'answer', ringMs: 20, talkMs: 1500, audioPath: citizenVoice.path });

    const placed = await postJson(url(), { reason: '核实施工是否已停止' }, as(actors.leadHandler));
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const callSid = placed.body.id as string;
    assert.deepEqual([placed.body.purpose, placed.body.caseId, placed.body.requestedById, placed.body.fromNumber], ['bridge', caseId, actors.leadHandler.id, TEST_HOTLINE_NUMBER]);
    const again = await postJson(url(), {}, as(actors.leadHandler));
    assert.deepEqual([again.status, again.body.error?.code], [409, 'invalidState'], 'one running call per handler');

    const handlerLeg = await stack.twilio.waitForCall(callSid);
    assert.deepEqual([handlerLeg.direction, handlerLeg.from, handlerLeg.to, handlerLeg.status], ['outbound-api', TEST_HOTLINE_NUMBER, HANDLER_PHONE, 'completed']);
    assert.ok(handlerLeg.said.some((text) => text.startsWith('正在为您接通工单') && text.includes('最长15分钟')), handlerLeg.said.join('\n'));
    const connect = handlerLeg.log.find((entry) => entry.kind === 'webhook' && String(entry.url).includes('/telephony/voice/bridge/connect'));
    assert.match(String(connect?.answer), new RegExp(`<Dial callerId="\\${TEST_HOTLINE_NUMBER}" timeout="30" timeLimit="900" record="record-from-answer-dual" recordingStatusCallback="[^"]+/telephony/voice/bridge/recording-status"`));
    const citizenLeg = stack.twilio.calls().find((c) => c.parentCallSid === callSid);
    assert.ok(citizenLeg, 'the Dial’s child leg');
    assert.deepEqual([citizenLeg.direction, citizenLeg.from, citizenLeg.to, citizenLeg.status], ['outbound-dial', TEST_HOTLINE_NUMBER, citizen, 'completed']);
    assert.equal(handlerLeg.recordingSids.length, 1);

    // The call row, the recording on the case, the contact on the lead assignment.
    await waitUntil(async () => (await prisma.call.findUniqueOrThrow({ where: { id: callSid } })).endedAt !== null);
    const row = await prisma.call.findUniqueOrThrow({ where: { id: callSid }, include: { recordings: { include: { attachment: true } } } });
    assert.deepEqual([row.purpose, row.direction, row.caseId, row.requestedById, row.requestedByUnitId, row.status, row.dialStatus], ['bridge', 'outbound', caseId, actors.leadHandler.id, 'chengguan', 'completed', 'completed']);
    assert.equal(row.dialDurationSec, citizenLeg.durationSec);
    assert.ok((row.dialDurationSec ?? 0) >= 1 && (row.durationSec ?? 0) >= (row.dialDurationSec ?? 0), JSON.stringify(row));
    const [recording] = row.recordings;
    assert.deepEqual([row.recordings.length, recording?.source, recording?.status, recording?.recordingSid, recording?.attachment?.caseId], [1, 'bridge', 'completed', handlerLeg.recordingSids[0], caseId]);
    assert.ok((recording?.durationMs ?? 0) >= 1000);
    await waitUntil(async () => (await prisma.citizenContact.count({ where: { caseId } })) === 1);
    const contact = await prisma.citizenContact.findFirstOrThrow({ where: { caseId } });
    assert.deepEqual([contact.means, contact.unitId, contact.recordedById], ['phone', 'chengguan', actors.leadHandler.id]);
    const lead = await prisma.caseAssignment.findFirstOrThrow({ where: { caseId, role: 'lead' } });
    assert.ok(lead.firstContactAt, 'the first contact of the response rate');
    const audits = await prisma.auditEvent.findMany({ where: { caseId, entityId: callSid }, orderBy: { id: 'asc' } });
    assert.deepEqual(audits.filter((a) => a.action.startsWith('bridge')).map((a) => [a.action, a.actorId, a.reason]), [['bridgeRequested', actors.leadHandler.id, '核实施工是否已停止'], ['bridgeEnded', 'system:twilio', null]]);

    // Everything the unit reads of the case.
    const reads: [string, string][] = [
      ['the case', `/api/cases/${caseId}`],
      ['the case’s calls', `/api/cases/${caseId}/calls`],
      ['the case’s attachments (the recording)', `/api/cases/${caseId}/attachments`],
      ['the case’s history', `/api/cases/${caseId}/history`],
      ['the case list', `/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: caseId }))}`],
    ];
    assertNoNumber('the POST answer', placed.body, citizen);
    for (const unitUser of [actors.leadHandler, actors.leadLeader, actors.assistHandler]) {
      for (const [label, path] of reads) {
        const answer = await getJson(`${stack.api.url}${path}`, as(unitUser));
        assert.equal(answer.status, 200, `${label} for ${unitUser.id}: ${JSON.stringify(answer.body)}`);
        assertNoNumber(`${label} for ${unitUser.id}`, answer.body, citizen);
      }
    }
    // The scan finds the number where it is: the office reads it in full.
    const office = await getJson(`${stack.api.url}/api/cases/${caseId}`, as(actors.dispatcher));
    assert.throws(() => assertNoNumber('the office’s read', office.body, citizen), /citizen's number/);
    const calls = await getJson(`${stack.api.url}/api/cases/${caseId}/calls`, as(actors.leadHandler));
    const listed = (calls.body as { id: string; purpose: string; dialDurationSec: number; recordings: unknown[] }[]).find((c) => c.id === callSid);
    assert.deepEqual([listed?.purpose, listed?.dialDurationSec, listed?.recordings.length], ['bridge', row.dialDurationSec, 1]);
  });

  it('lets an assisting unit’s handler call too: the call and its recording land on the case, but only the lead unit’s contacts count', async () => {
    const assistPhone = '+8613800000199';
    stack.twilio.scriptPhone(assistPhone, { answer: 'answer' });
    stack.twilio.scriptPhone(citizen, { answer: 'answer', talkMs: 1200 });
    const placed = await postJson(url(), { phone: '138-0000-0199' }, as(actors.assistHandler));
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.deepEqual([placed.body.requestedById, placed.body.requestedByUnitId], [actors.assistHandler.id, 'zhujian']);
    const leg = await stack.twilio.waitForCall(placed.body.id);
    const child = stack.twilio.calls().find((c) => c.parentCallSid === leg.sid);
    assert.deepEqual([leg.to, child?.to, child?.from, child?.status], [assistPhone, citizen, TEST_HOTLINE_NUMBER, 'completed']);
    await waitUntil(async () => (await prisma.call.findUniqueOrThrow({ where: { id: leg.sid } })).endedAt !== null);
    const row = await prisma.call.findUniqueOrThrow({ where: { id: leg.sid }, include: { recordings: true } });
    assert.deepEqual([row.dialStatus, row.recordings.length, row.caseId], ['completed', 1, caseId]);
    assert.equal(await prisma.citizenContact.count({ where: { caseId, unitId: 'zhujian' } }), 0, 'the workflow takes contacts from the lead unit only');
    assertNoNumber('the assisting unit’s POST answer', placed.body, citizen);
  });

  it('checks the hours again when the handler picks up: past them, the handler is told so, the citizen is not dialled, and it is audited', async () => {
    // The handler's phone rings 3 s; the hours end meanwhile (the update below takes milliseconds).
    stack.twilio.scriptPhone(HANDLER_PHONE, { answer: 'answer', ringMs: 3000 });
    const placed = await postJson(url(), { reason: '告知整改结果' }, as(actors.leadHandler));
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const callSid = placed.body.id as string;
    const contactsBefore = await prisma.citizenContact.count({ where: { caseId } });
    await prisma.ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: { ...ALL_DAY, start: '00:00', end: '00:01' } } });
    try {
      const leg = await stack.twilio.waitForCall(callSid);
      assert.equal(leg.status, 'completed');
      assert.deepEqual(leg.said, ['对不起，现在已超出联系市民的时段（每天00:00至00:01），本次不拨打市民，请在该时段内再试。再见。']);
      assert.equal(stack.twilio.calls().find((c) => c.parentCallSid === callSid), undefined, 'no <Dial> to the citizen');
      const connect = leg.log.find((entry) => entry.kind === 'webhook' && String(entry.url).includes('/telephony/voice/bridge/connect'));
      assert.ok(!String(connect?.answer).includes('<Dial'), String(connect?.answer));
      await waitUntil(async () => (await prisma.call.findUniqueOrThrow({ where: { id: callSid } })).endedAt !== null);
      const row = await prisma.call.findUniqueOrThrow({ where: { id: callSid } });
      assert.deepEqual([row.dialStatus, row.caseId], [null, caseId]);
      const audits = await prisma.auditEvent.findMany({ where: { caseId, entityId: callSid }, orderBy: { id: 'asc' } });
      assert.deepEqual(audits.map((a) => [a.action, a.actorId]), [['bridgeRequested', actors.leadHandler.id], ['bridgeOutsideHours', 'system:twilio'], ['bridgeEnded', 'system:twilio']]);
      assert.deepEqual((audits[1]!.payload as { hours: { start: string; end: string } }).hours, { ...ALL_DAY, start: '00:00', end: '00:01' });
      assert.equal(await prisma.citizenContact.count({ where: { caseId } }), contactsBefore, 'no contact recorded');
    } finally {
      await prisma.ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: ALL_DAY } });
    }
  });
});
