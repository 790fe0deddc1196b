// Issue 20: confidential cases (保密) and recusal (回避), over HTTP against the real stack. A
// citizen's 实名保密 and every 举报 keep the citizen's identity from every unit on every read path
// (withheld whole, not masked: no surname, no last digits, no address), call audio is refused to
// units (the transcript is what they get), the case is in no public list, only a supervisor sets
// or lifts the flag (with a reason, audited), office reads of a confidential identity are marked,
// and a unit complained about in a case never receives the citizen's words — another unit does.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { RECUSED, WITHHELD } from '../../lib/citizenIdentity';
import { useApiStack } from '../support/apiStack';
import { as, closedCase, command, type Person } from '../support/closedCase';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { SimulatedCall, useSeatHoursAllDay } from '../support/ivr';
import { actors } from '../support/lifecycle';
import { flattenedDigits } from '../support/identityText';
import { waitUntil } from '../support/petitions';
import { noiseWav } from '../support/wavFiles';
import { ensureActorUsers } from '../support/sessions';

// Its own number: the identity-masking suite's citizen is found by their phone in the same database.
const PHONE = '13955557777';
const ID_CARD = '370102199001011234';
const NAME = '王小明';
const ADDRESS = '东湖区文化路88号';
/** What the recused unit must never read: the citizen's own words. */
const ACCUSATION = '城管执法队员每晚向夜市摊贩收取好处费';

/**
 * What of the citizen's identity the answer shows in any form — masked forms included: the
 * surname with stars, the number's ends, the ID card's ends, the address. (A bare '6666' could
 * be part of a hash or an id: the masked forms are looked for with their stars.)
 */
function traces(body: unknown): string[] {
  const flat = flattenedDigits(body);
  return [PHONE, '*7777', '139*', ID_CARD, '3701*', '*1234', NAME, '王*', '小明', ADDRESS, '文化路88'].filter((secret) => flat.includes(secret));
}

describe('confidential cases (保密) and recusal (回避) over HTTP', function () {
  this.timeout(240_000);
  const stack = useApiStack();
  useSeatHoursAllDay();
  const get = (path: string, person: Person) => getJson(`${stack.api.url}${path}`, as(person));
  const post = (path: string, body: unknown, person: Person) => postJson(`${stack.api.url}${path}`, body, as(person));
  const listPath = (filter: Record<string, unknown>) => `/api/cases?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,99]`;
  const ids = { voice: '', typed: '', report: '', recused: '', plain: '' };
  let callSid = '';
  let recordingId = '';
  let recusedRecordingId = '';

  async function register(body: Record<string, unknown>): Promise<string> {
    const registered = await post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', ...body }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return caseId;
  }

  async function uploadRecording(caseId: string): Promise<string> {
    const form = new FormData();
    form.append('kind', 'recording');
    form.append('file', new Blob([noiseWav()], { type: 'audio/wav' }), '来电录音.wav');
    const response = await fetch(`${stack.api.url}/api/cases/${caseId}/attachments`, { method: 'POST', headers: as('operator'), body: form });
    const body = (await response.json()) as { id: string }[];
    assert.equal(response.status, 201, JSON.stringify(body));
    return body[0]!.id;
  }

  const download = async (id: string, person: Person) => (await fetch(`${stack.api.url}/api/attachments/${id}/content`, { headers: as(person) })).status;

  before(async () => {
    await ensureActorUsers(Object.values(actors));
    const prisma = testPrisma();

    // A voice petition through the IVR: the caller gives name, ID card, address and number.
    const call = new SimulatedCall(stack.api.url, `+86${PHONE}`);
    callSid = call.callSid;
    const menu = await call.incoming();
    const what = await call.answer(menu, { Digits: '2' });
    const where = await call.answer(what, { SpeechResult: `我叫${NAME}，身份证${ID_CARD}，楼下工地夜间施工噪音扰民` });
    const contact = await call.answer(where, { SpeechResult: ADDRESS });
    const question = await call.answer(contact, { Digits: PHONE });
    // 实名保密? No (2): the office sets it after the fact below.
    const summary = await call.post(question.doc.Gather[0].action as string, { Digits: '2' });
    await call.post(summary.doc.Gather[0].action as string, { Digits: '1' });
    // By the call it was registered on: other suites in the same database may use the same number.
    await waitUntil(async () => (await prisma.call.findUnique({ where: { id: call.callSid } }))?.caseId != null);
    ids.voice = (await prisma.call.findUniqueOrThrow({ where: { id: call.callSid } })).caseId!;
    await waitUntil(async () => (await prisma.case.findUnique({ where: { id: ids.voice } })) !== null);
    await prisma.transcriptSegment.create({ data: { id: randomUUID(), callId: call.callSid, startMs: 0, endMs: 4000, speaker: 'caller', text: `我叫${NAME}，电话是一三九 五五五五 七七七七` } });
    // The call's audio, as a recording of the call filed under the case.
    recordingId = await uploadRecording(ids.voice);
    await prisma.recording.create({ data: { id: randomUUID(), callId: call.callSid, attachmentId: recordingId, source: 'call', durationSec: 1 } });

    // 实名保密 asked at the operator's intake.
    ids.typed = await register({
      title: '夜市占道经营', content: `${NAME}反映解放路夜市占道经营。联系电话：１３９ １１１１ ６６６６，身份证号${ID_CARD}，住${ADDRESS}。`,
      citizenName: NAME, citizenPhone: PHONE, address: ADDRESS, confidential: true,
    });
    // A 举报, not asked: confidential by its type.
    ids.report = await register({ caseTypeCode: 'report', title: '无证经营举报', content: `${NAME}举报解放路一家餐馆无证经营，电话${PHONE}。`, citizenName: NAME, citizenPhone: PHONE, address: ADDRESS });
    // A complaint against the City Administration Bureau itself, which also leads its handling.
    ids.recused = await register({ title: '投诉城管执法', content: `${ACCUSATION}，希望查处。`, citizenName: '钱七', citizenPhone: '13922223333', complainedUnitId: 'chengguan' });
    ids.plain = await register({ title: '夜市噪音', content: '解放路夜市噪音扰民，希望整治。', citizenName: '孙八', citizenPhone: '13933334444' });
    recusedRecordingId = await uploadRecording(ids.recused);

    for (const caseId of [ids.voice, ids.typed, ids.report, ids.plain]) await command(stack.api.url, caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    await command(stack.api.url, ids.recused, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, 'dispatcher');
    // The office makes the voice case confidential after the fact (the caller asked on the phone).
    const set = await post(`/api/cases/${ids.voice}/confidentiality`, { confidential: true, reason: '来电人要求实名保密' }, 'supervisor');
    assert.equal(set.status, 200, JSON.stringify(set.body));
    await command(stack.api.url, ids.voice, 'urge', { reason: `请尽快回电市民（${PHONE}）` }, 'dispatcher');
    await waitUntil(async () => (await prisma.smsMessage.count({ where: { caseId: ids.voice, toNumber: `+86${PHONE}` } })) > 0);
  });

  it('registers 实名保密 and every 举报 as confidential, the rest not', async () => {
    const flags = async (id: string) => (await get(`/api/cases/${id}`, 'dispatcher')).body.confidential;
    assert.deepEqual([await flags(ids.typed), await flags(ids.report), await flags(ids.voice), await flags(ids.plain), await flags(ids.recused)], [true, true, true, false, false]);
    const report = await get('/api/case-types/report', 'operator');
    assert.equal(report.body.confidentialByDefault, true);
    assert.equal((await get('/api/case-types/complaint', 'operator')).body.confidentialByDefault, false);
  });

  it("gives a unit no trace of a confidential case's identity on any read path", async () => {
    for (const person of ['leadHandler', 'leadLeader'] as const) {
      for (const caseId of [ids.voice, ids.typed, ids.report]) {
        for (const path of [`/api/cases/${caseId}`, `/api/cases/${caseId}/calls`, `/api/cases/${caseId}/history`, `/api/cases/${caseId}/messages`, `/api/cases/${caseId}/attachments`]) {
          const answer = await get(path, person);
          assert.equal(answer.status, 200, `${person} ${path}: ${JSON.stringify(answer.body)}`);
          assert.deepEqual(traces(answer.body), [], `${person} ${path}: ${JSON.stringify(answer.body)}`);
        }
      }
      const list = await get(listPath({ id: [ids.voice, ids.typed, ids.report] }), person);
      assert.equal(list.body.length, 3);
      assert.deepEqual(traces(list.body), [], JSON.stringify(list.body));
      // Rows of a few fields (a board's) are the same cases' rows, without the citizen fields.
      const sparse = await get(`${listPath({ id: [ids.voice, ids.typed, ids.report] })}&fields=${encodeURIComponent('["title","status"]')}`, person);
      assert.equal(sparse.body.length, 3);
      assert.deepEqual(traces(sparse.body), [], JSON.stringify(sparse.body));
      const search = await get(listPath({ q: '占道经营' }), person);
      assert.ok(search.body.some((c: { id: string }) => c.id === ids.typed), 'the matter itself is searchable');
      // Other suites' ordinary cases match too, masked (王**, 139****…): only these cases' rows are judged.
      const confidentialRows = search.body.filter((c: { id: string }) => [ids.voice, ids.typed, ids.report].includes(c.id));
      assert.deepEqual(traces(confidentialRows), [], JSON.stringify(confidentialRows));
      const attachment = await get(`/api/attachments/${recordingId}`, person);
      assert.equal(attachment.status, 200);
      assert.deepEqual(traces(attachment.body), []);
    }
    // Withheld, not masked, and the matter still there for the unit to handle.
    const detail = await get(`/api/cases/${ids.typed}`, 'leadHandler');
    assert.deepEqual([detail.body.citizenName, detail.body.citizenPhone, detail.body.address, detail.body.confidential], [WITHHELD, WITHHELD, WITHHELD, true]);
    assert.match(detail.body.content, /解放路夜市占道经营/);
    assert.ok(detail.body.content.includes(WITHHELD));
    const calls = await get(`/api/cases/${ids.voice}/calls`, 'leadHandler');
    assert.equal(calls.body[0].fromNumber, WITHHELD);
    assert.equal(calls.body[0].toNumber, '+8653112345', "the hotline's own number stays");
    assert.match(calls.body[0].transcript[0].text, /^我叫［保密］，电话是［保密］$/);
    assert.match(calls.body[0].speechResult, /夜间施工噪音扰民/);
    // An ordinary case the same unit reads is masked as before, not withheld.
    assert.equal((await get(`/api/cases/${ids.plain}`, 'leadHandler')).body.citizenName, '孙*');
    // The unit cannot test guesses either: a search by the name finds nothing.
    for (const q of ['小明', '文化路']) {
      const hidden = await get(listPath({ q }), 'leadHandler');
      assert.ok(!hidden.body.some((c: { id: string }) => [ids.voice, ids.typed, ids.report].includes(c.id)), `q=${q}`);
    }
  });

  it('refuses units the exports, replay and statistics that would carry the identity, and withholds it in the papers and exports they may have', async () => {
    for (const path of [`/api/cases/${ids.typed}/case-file`, `/api/cases/${ids.typed}/temporal-history`, `/api/cases/${ids.typed}/state`, `/api/telephony/calls`, `/api/telephony/calls/${callSid}`, `/api/cases/${ids.typed}/identity-reads`]) {
      assert.equal((await get(path, 'leadLeader')).status, 403, path);
    }
    const today = new Date().toISOString().slice(0, 10);
    const csv = await fetch(`${stack.api.url}/api/statistics/indicators?groupBy=unit&from=${today}&to=${today}&format=csv`, { headers: as('leadLeader') });
    assert.equal(csv.status, 200);
    assert.deepEqual(traces(await csv.text()), []);
    const sheet = await fetch(`${stack.api.url}/api/cases/${ids.typed}/dispatch-sheet.pdf`, { headers: as('leadHandler') });
    assert.equal(sheet.status, 200);
  });

  it("refuses units a confidential case's call audio, and plays it to the office", async () => {
    assert.equal(await download(recordingId, 'leadHandler'), 403);
    assert.equal(await download(recordingId, 'leadLeader'), 403);
    assert.equal(await download(recordingId, 'dispatcher'), 200);
  });

  it('keeps confidential cases out of every public list: Open311 and published results', async () => {
    const petition = { type: 'complaint', title: '路灯不亮', content: '小区门口的路灯已坏了一周，晚上很黑。', name: NAME, phone: PHONE };
    const confidentialWeb = await postJson(`${stack.api.url}/public/cases`, { ...petition, confidential: true });
    const openWeb = await postJson(`${stack.api.url}/public/cases`, { ...petition, title: '路灯还是不亮' });
    assert.equal(confidentialWeb.status, 201, JSON.stringify(confidentialWeb.body));
    assert.equal(openWeb.status, 201, JSON.stringify(openWeb.body));
    await waitUntil(async () => (await testPrisma().case.count({ where: { id: { in: [confidentialWeb.body.caseId, openWeb.body.caseId] } } })) === 2);
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: confidentialWeb.body.caseId } })).confidential, true, 'the web form takes 实名保密');
    const listed = (await getJson(`${stack.api.url}/open311/v2/requests.json`)).body.map((r: { service_request_id: string }) => r.service_request_id);
    assert.ok(listed.includes(openWeb.body.caseId), JSON.stringify(listed));
    assert.ok(!listed.includes(confidentialWeb.body.caseId));
    assert.equal((await getJson(`${stack.api.url}/open311/v2/requests/${confidentialWeb.body.caseId}.json`)).status, 404);

    const registration = { title: '解放路夜市噪音', content: '楼下夜市占道经营，噪音扰民。', citizenName: NAME, citizenPhone: PHONE, publishConsent: true };
    const published = (await closedCase(stack.api.url, registration)).caseId;
    const withheld = (await closedCase(stack.api.url, { ...registration, confidential: true })).caseId;
    const results = (await getJson(`${stack.api.url}/public/published-results`)).body.items.map((i: { caseId: string }) => i.caseId);
    assert.ok(results.includes(published), JSON.stringify(results));
    assert.ok(!results.includes(withheld), 'a confidential case is never published');
    assert.equal((await getJson(`${stack.api.url}/public/published-results/${withheld}`)).status, 404);
  });

  it('lets only a supervisor set or lift 保密, with a reason, audited; 409 when already so; nothing changes on a refusal', async () => {
    const path = `/api/cases/${ids.report}/confidentiality`;
    for (const person of ['operator', 'dispatcher', 'auditor', 'admin', 'leadHandler', 'leadLeader'] as const) {
      assert.equal((await post(path, { confidential: false, reason: '核实后解除' }, person)).status, 403, person);
    }
    const noReason = await post(path, { confidential: false }, 'supervisor');
    assert.equal(noReason.status, 400);
    assert.ok('reason' in noReason.body.error.fields, JSON.stringify(noReason.body));
    assert.equal((await post(path, { confidential: true, reason: '重复' }, 'supervisor')).status, 409);
    const prisma = testPrisma();
    assert.equal((await prisma.case.findUniqueOrThrow({ where: { id: ids.report } })).confidential, true, 'refusals change nothing');
    assert.equal(await prisma.auditEvent.count({ where: { entityType: 'case', entityId: ids.report, action: 'confidentialityChanged' } }), 0);

    const lifted = await post(path, { confidential: false, reason: '举报人书面同意公开身份' }, 'supervisor');
    assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
    assert.equal(lifted.body.confidential, false);
    assert.equal((await post(path, { confidential: false, reason: '再次解除' }, 'supervisor')).status, 409);
    const audit = await prisma.auditEvent.findMany({ where: { entityType: 'case', entityId: ids.report, action: 'confidentialityChanged' } });
    assert.equal(audit.length, 1);
    assert.deepEqual([audit[0]!.actorId, audit[0]!.reason, audit[0]!.payload], ['user-supervisor', '举报人书面同意公开身份', { before: { confidential: true }, after: { confidential: false } }]);
    // Lifted: the unit reads the report masked as any case, no longer withheld.
    assert.equal((await get(`/api/cases/${ids.report}`, 'leadHandler')).body.citizenName, '王**');
    assert.equal((await post(path, { confidential: true, reason: '恢复保密' }, 'supervisor')).status, 200);
    assert.equal((await get(`/api/cases/${ids.report}`, 'leadHandler')).body.citizenName, WITHHELD);
  });

  it("marks the office's reads of a confidential identity as confidential reads", async () => {
    const prisma = testPrisma();
    const since = new Date();
    assert.equal((await get(`/api/cases/${ids.typed}`, 'dispatcher')).body.citizenName, NAME, 'the office reads the identity');
    await get(`/api/cases/${ids.plain}`, 'dispatcher');
    const rows = await prisma.auditEvent.findMany({ where: { action: 'citizenIdentityRead', actorId: 'user-dispatcher', occurredAt: { gte: since } } });
    const payloadOf = (id: string) => rows.find((r) => r.entityId === id)?.payload as { confidential?: boolean; via?: string } | undefined;
    assert.deepEqual(payloadOf(ids.typed), { via: 'GET /api/cases/:id', confidential: true });
    assert.deepEqual(payloadOf(ids.plain), { via: 'GET /api/cases/:id' });
    const reads = await get(`/api/cases/${ids.typed}/identity-reads`, 'auditor');
    assert.ok(reads.body.some((r: { actorId: string; confidential: boolean }) => r.actorId === 'user-dispatcher' && r.confidential));
  });

  it('gives the unit complained about none of the citizen’s words, and another unit all of them', async () => {
    for (const person of ['leadHandler', 'leadLeader'] as const) {
      const sparseList = `${listPath({ id: [ids.recused] })}&fields=${encodeURIComponent('["title"]')}`;
      for (const path of [`/api/cases/${ids.recused}`, `/api/cases/${ids.recused}/history`, `/api/cases/${ids.recused}/calls`, listPath({ id: [ids.recused] }), sparseList]) {
        const answer = await get(path, person);
        assert.equal(answer.status, 200, path);
        assert.ok(!JSON.stringify(answer.body).includes('好处费'), `${person} ${path}: ${JSON.stringify(answer.body)}`);
      }
      const detail = await get(`/api/cases/${ids.recused}`, person);
      assert.deepEqual([detail.body.title, detail.body.content, detail.body.complainedUnitId], [RECUSED, RECUSED, 'chengguan']);
      assert.deepEqual((await get(sparseList, person)).body, [{ id: ids.recused, title: RECUSED }], 'a row of a few fields is the case’s row all the same');
      const search = await get(listPath({ q: '好处费' }), person);
      assert.ok(!search.body.some((c: { id: string }) => c.id === ids.recused), 'no search oracle on the words withheld');
      assert.equal(await download(recusedRecordingId, person), 403, 'nor the citizen’s voice');
    }
    const assisting = await get(`/api/cases/${ids.recused}`, 'assistHandler');
    assert.equal(assisting.status, 200);
    assert.match(assisting.body.content, new RegExp(ACCUSATION));
    assert.equal(assisting.body.citizenName, '钱*', 'an ordinary case: masked as ever');
    assert.equal(await download(recusedRecordingId, 'assistHandler'), 200);
  });

  it('lets dispatchers and supervisors name the unit complained about, audited; 400 for an unknown unit, 409 when unchanged', async () => {
    const path = `/api/cases/${ids.plain}/complained-unit`;
    assert.equal((await post(path, { complainedUnitId: 'chengguan', reason: '投诉对象' }, 'leadHandler')).status, 403);
    const unknown = await post(path, { complainedUnitId: 'no-such-unit', reason: '投诉对象' }, 'dispatcher');
    assert.equal(unknown.status, 400);
    assert.deepEqual(Object.keys(unknown.body.error.fields), ['complainedUnitId']);
    assert.equal((await post(path, { complainedUnitId: null, reason: '无' }, 'dispatcher')).status, 409);
    const named = await post(path, { complainedUnitId: 'chengguan', reason: '来电人投诉城管局' }, 'dispatcher');
    assert.equal(named.status, 200, JSON.stringify(named.body));
    assert.equal((await get(`/api/cases/${ids.plain}`, 'leadHandler')).body.content, RECUSED);
    assert.equal(await testPrisma().auditEvent.count({ where: { entityType: 'case', entityId: ids.plain, action: 'complainedUnitChanged', actorId: 'user-dispatcher' } }), 1);
  });

  it('lets only an admin change which case types are confidential by default, audited', async () => {
    const put = (person: Person, body: unknown) => fetch(`${stack.api.url}/api/case-types/help`, { method: 'PUT', headers: { ...as(person), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await put('supervisor', { confidentialByDefault: true })).status, 403);
    assert.equal((await put('admin', { confidentialByDefault: 'yes' })).status, 400);
    assert.equal((await put('admin', { confidentialByDefault: true, reason: '求助类涉及个人隐私' })).status, 200);
    const help = await register({ caseTypeCode: 'help', title: '求助', content: '独居老人需要帮助。', citizenName: NAME, citizenPhone: PHONE });
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: help } })).confidential, true);
    assert.equal(await testPrisma().auditEvent.count({ where: { entityType: 'caseType', entityId: 'help', actorId: 'user-admin' } }), 1);
    assert.equal((await put('admin', { confidentialByDefault: false })).status, 200);
  });
});
