// Issue 15, item 1: the citizen's identity stays masked on every path a unit reads — in fields
// and inside free text (the IVR's content and speech result, transcripts, SMS, the trail's
// payloads), in any form (+86, spaced, full-width, Chinese numerals, ID cards, landlines, the
// name) — units cannot filter by identity (no oracle), and every unmasked office read of it is
// recorded. Over HTTP against the real stack: an IVR voice petition into a real workflow.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { LiveFeedReader, SimulatedCall, useSeatHoursAllDay } from '../support/ivr';
import { flattenedDigits } from '../support/identityText';
import { waitUntil } from '../support/petitions';

const PHONE = '13911116666';
const ID_CARD = '370102199001011234';
const LANDLINE = '88886666';
const NAME = '王小明';

/** What of the citizen's identity the answer shows in clear. */
function leaks(body: unknown): string[] {
  const flat = flattenedDigits(body);
  return [PHONE, ID_CARD, LANDLINE, NAME].filter((secret) => flat.includes(secret));
}

describe('identity masking for units, no identity oracles, office identity reads recorded', () => {
  const stack = useApiStack();
  useSeatHoursAllDay();
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const get = (path: string, user: string) => getJson(`${stack.api.url}${path}`, as(user));
  const listPath = (filter: Record<string, unknown>) => `/api/cases?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,99]`;
  let voiceCaseId = '';
  let typedCaseId = '';
  let callSid = '';

  before(async () => {
    for (const user of ['operator', 'dispatcher', 'handler', 'leader', 'auditor']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
    const prisma = testPrisma();

    // A voice petition through the IVR, as Twilio drives it: the caller says their number.
    const call = new SimulatedCall(stack.api.url, `+86${PHONE}`);
    callSid = call.callSid;
    const menu = await call.incoming();
    const what = await call.answer(menu, { Digits: '2' });
    const where = await call.answer(what, { SpeechResult: `我叫${NAME}，身份证${ID_CARD}，楼下工地夜间施工噪音扰民` });
    const contact = await call.answer(where, { SpeechResult: '东湖区文化路88号' });
    const question = await call.answer(contact, { Digits: PHONE });
    // 实名保密? No (2): an ordinary case, masked.
    const summary = await call.post(question.doc.Gather[0].action as string, { Digits: '2' });
    await call.post(summary.doc.Gather[0].action as string, { Digits: '1' });
    // By the call it was registered on: other suites in the same database may use the same number.
    await waitUntil(async () => (await prisma.call.findUnique({ where: { id: call.callSid } }))?.caseId != null);
    voiceCaseId = (await prisma.call.findUniqueOrThrow({ where: { id: call.callSid } })).caseId!;
    await waitUntil(async () => (await prisma.case.findUnique({ where: { id: voiceCaseId } })) !== null);
    const registered = await prisma.case.findUniqueOrThrow({ where: { id: voiceCaseId } });
    assert.match(registered.content, new RegExp(`联系电话：${PHONE}[\\s\\S]*来电号码：\\+86${PHONE}`), 'the leak the issue found is in the content');
    // What the Media Streams transcriber writes for the call (Chinese numerals, as spoken).
    await prisma.transcriptSegment.create({ data: { id: randomUUID(), callId: call.callSid, startMs: 0, endMs: 4000, speaker: 'caller', text: '我的电话是一三九 一一一一 六六六六，座机0531-88886666' } });

    // A case an operator typed, with the citizen's name and number in the text in other forms.
    const typed = await postJson(
      `${stack.api.url}/api/cases`,
      {
        channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '占道经营',
        content: `${NAME}反映解放路夜市占道经营。联系电话：１３９ １１１１ ６６６６，备用 139-1111-6666，座机(0531)88886666，身份证号${ID_CARD}。`,
        citizenName: NAME, citizenPhone: PHONE, address: '东湖区解放路1号',
      },
      as('operator'),
    );
    assert.equal(typed.status, 201, JSON.stringify(typed.body));
    typedCaseId = typed.body.caseId;
    await waitUntil(async () => (await prisma.case.findUnique({ where: { id: typedCaseId } })) !== null);

    for (const caseId of [voiceCaseId, typedCaseId]) {
      const dispatched = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, as('dispatcher'));
      assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
      await waitUntil(async () => (await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).status === 'dispatched');
    }
    // The office's own words in the trail may repeat the number too (an urge's reason).
    const urged = await postJson(`${stack.api.url}/api/cases/${voiceCaseId}/commands/urge`, { reason: `请尽快回电市民（${PHONE}）` }, as('dispatcher'));
    assert.equal(urged.status, 200, JSON.stringify(urged.body));
    await waitUntil(async () => (await prisma.auditEvent.count({ where: { caseId: voiceCaseId, reason: { contains: PHONE } } })) > 0);
    // The receipt SMS to the citizen is part of the case's messages.
    await waitUntil(async () => (await prisma.smsMessage.count({ where: { caseId: voiceCaseId, toNumber: `+86${PHONE}` } })) > 0);
  });

  it("shows a unit no trace of the citizen's phone, ID card, landline or name: case, list, calls, history, messages", async () => {
    for (const user of ['handler', 'leader']) {
      for (const caseId of [voiceCaseId, typedCaseId]) {
        for (const path of [`/api/cases/${caseId}`, `/api/cases/${caseId}/calls`, `/api/cases/${caseId}/history`, `/api/cases/${caseId}/messages`]) {
          const answer = await get(path, user);
          assert.equal(answer.status, 200, `${user} ${path}: ${JSON.stringify(answer.body)}`);
          assert.deepEqual(leaks(answer.body), [], `${user} ${path}: ${JSON.stringify(answer.body)}`);
        }
      }
      const list = await get(listPath({ id: [voiceCaseId, typedCaseId] }), user);
      assert.equal(list.status, 200);
      assert.equal(list.body.length, 2);
      assert.deepEqual(leaks(list.body), [], JSON.stringify(list.body));
    }

    // Masked, not removed: the unit still reads the case and can tell the call apart.
    const detail = await get(`/api/cases/${voiceCaseId}`, 'handler');
    assert.match(detail.body.content, /联系电话：139\*\*\*\*6666/);
    assert.match(detail.body.content, /来电号码：\+86139\*\*\*\*6666/);
    assert.match(detail.body.content, /夜间施工噪音扰民/);
    assert.match(detail.body.content, /我叫王\*\*/);
    const calls = await get(`/api/cases/${voiceCaseId}/calls`, 'handler');
    assert.deepEqual(calls.body.map((c: { id: string }) => c.id), [callSid], 'ids stay readable');
    assert.equal(calls.body[0].fromNumber, '+86139****6666');
    assert.equal(calls.body[0].toNumber, '+8653112345', "the hotline's own number is no one's identity");
    assert.ok(calls.body[0].speechResult, 'the speech result is there, masked');
    assert.match(calls.body[0].transcript[0].text, /座机0531\*+6666/);
    const messages = await get(`/api/cases/${voiceCaseId}/messages`, 'handler');
    assert.ok(messages.body.some((m: { toNumber: string }) => m.toNumber === '+86139****6666'));
  });

  it('refuses units the exports of a case and masks the exports they may have', async () => {
    for (const path of [`/api/cases/${voiceCaseId}/case-file`, `/api/cases/${voiceCaseId}/temporal-history`]) {
      assert.equal((await get(path, 'leader')).status, 403, path);
    }
    const today = new Date().toISOString().slice(0, 10);
    const response = await fetch(`${stack.api.url}/api/statistics/indicators?groupBy=unit&from=${today}&to=${today}&format=csv`, { headers: as('leader') });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/csv/);
    assert.deepEqual(leaks(await response.text()), []);
  });

  it("refuses a unit's filters on the citizen's identity with 403 and a reason (no oracle), and keeps them for the office", async () => {
    const refused: Record<string, unknown>[] = [{ citizenPhone: PHONE }, { citizenPhone: `+86${PHONE}` }, { citizenName: NAME }, { q: '1391111' }, { q: '６６６' }, { q: '一三九' }, { q: '139 1111' }];
    for (const user of ['handler', 'leader']) {
      for (const filter of refused) {
        const answer = await get(listPath(filter), user);
        assert.equal(answer.status, 403, `${user} ${JSON.stringify(filter)}: ${JSON.stringify(answer.body)}`);
        assert.match(answer.body.error.message, /masked.*reveal/, JSON.stringify(answer.body));
      }
    }
    // A unit's ordinary search still works, but never through the citizen's name.
    const search = await get(listPath({ q: '夜市' }), 'handler');
    assert.equal(search.status, 200);
    assert.ok(search.body.some((c: { id: string }) => c.id === typedCaseId));
    // …over the text as the unit sees it: the masked name or digits are no search key.
    for (const q of ['小明', '王小', '11']) {
      const hidden = await get(listPath({ q }), 'handler');
      assert.equal(hidden.status, 200);
      assert.ok(!hidden.body.some((c: { id: string }) => c.id === typedCaseId || c.id === voiceCaseId), `q=${q} finds no case by what the mask hides`);
    }
    const visible = await get(listPath({ q: '88' }), 'handler');
    assert.equal(visible.status, 200, 'a house number is no phone number');
    assert.ok(visible.body.some((c: { id: string }) => c.id === voiceCaseId), 'what the unit sees (文化路88号) is found');

    const office = await get(listPath({ citizenPhone: PHONE }), 'dispatcher');
    assert.equal(office.status, 200);
    assert.ok(office.body.some((c: { id: string }) => c.id === typedCaseId));
    const officeByName = await get(listPath({ citizenName: '小明' }), 'dispatcher');
    assert.ok(officeByName.body.some((c: { id: string }) => c.id === typedCaseId));
  });

  it('shows the office the identity and records each such read: case, calls, messages, history, telephony calls, live feed', async () => {
    const prisma = testPrisma();
    const readsOf = async (entityType: string, entityId: string) =>
      (await prisma.auditEvent.findMany({ where: { action: 'citizenIdentityRead', entityType, entityId, actorId: 'user-dispatcher' } })).map((e) => (e.payload as { via?: string }).via);

    const before = (await readsOf('case', voiceCaseId)).length;
    for (const path of [`/api/cases/${voiceCaseId}`, `/api/cases/${voiceCaseId}/calls`, `/api/cases/${voiceCaseId}/messages`, `/api/cases/${voiceCaseId}/history`]) {
      const answer = await get(path, 'dispatcher');
      assert.equal(answer.status, 200, path);
      assert.ok(flattenedDigits(answer.body).includes(PHONE), `${path} shows the office the number`);
    }
    const callList = await get(`/api/telephony/calls?filter=${encodeURIComponent(JSON.stringify({ caseId: voiceCaseId }))}`, 'dispatcher');
    assert.equal(callList.status, 200);
    assert.equal(callList.body[0].fromNumber, `+86${PHONE}`);
    const oneCall = await get(`/api/telephony/calls/${callSid}`, 'dispatcher');
    assert.equal(oneCall.body.fromNumber, `+86${PHONE}`);

    const vias = await readsOf('case', voiceCaseId);
    assert.equal(vias.length - before, 6, JSON.stringify(vias));
    for (const via of ['GET /api/cases/:id', 'GET /api/cases/:id/calls', 'GET /api/cases/:id/messages', 'GET /api/cases/:id/history', 'GET /api/telephony/calls', 'GET /api/telephony/calls/:id']) {
      assert.ok(vias.includes(via), `${via} recorded: ${JSON.stringify(vias)}`);
    }
    // The auditors' view of who read the identity lists them.
    const reads = await get(`/api/cases/${voiceCaseId}/identity-reads`, 'auditor');
    assert.ok(reads.body.filter((r: { actorId: string }) => r.actorId === 'user-dispatcher').length >= 6);
    // A unit's masked reads are not identity reads.
    assert.equal(await prisma.auditEvent.count({ where: { action: 'citizenIdentityRead', entityId: voiceCaseId, actorRole: { in: ['unitHandler', 'unitLeader'] } } }), 0);

    const liveBefore = (await readsOf('telephony', 'liveCallFeed')).length;
    const feed = await LiveFeedReader.open(`${stack.api.url}/api/telephony/live`, tokens.dispatcher!);
    feed.close();
    assert.equal((await readsOf('telephony', 'liveCallFeed')).length, liveBefore + 1, 'opening the live feed is an identity read');
  });
});
