// 实名保密 at every intake door (issue 20): a voice petition through the local Twilio endpoint
// (keypad 1 before the read-back the caller confirms; a hang-up at the question registers nothing), an SMS
// marked 【保密】 through the Messaging webhook, registered from its draft, and an Open311 request
// with attribute[confidential]=true over HTTP (a bad value is a 400 and registers nothing). Each
// confidential case is read by a unit with the citizen's identity withheld (［保密］).
import assert from 'node:assert/strict';
import { WITHHELD } from '../../lib/citizenIdentity';
import { confidentialMarkOf } from '../../rules/confidentialMark';
import { as, command } from '../support/closedCase';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { randomMobile, useSeatHoursAllDay } from '../support/ivr';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';
import { ensureActorUsers } from '../support/sessions';
import { useTelephonyStack } from '../support/telephonyStack';
import { TEST_HOTLINE_NUMBER } from '../support/twilio';
import { flattenedDigits } from '../support/identityText';
import { spokenDigits } from '../../api/twilio/voice/spoken';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';

describe('实名保密 at every intake door', function () {
  this.timeout(240_000);
  const stack = useTelephonyStack();
  useSeatHoursAllDay();
  const prisma = testPrisma();
  before(() => ensureActorUsers(Object.values(actors)));

  /** The case as the lead unit's handler reads it, after dispatch to that unit. */
  async function unitRead(caseId: string) {
    await waitUntil(async () => (await prisma.case.findUnique({ where: { id: caseId } })) !== null);
    await command(stack.api.url, caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    const read = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('leadHandler'));
    assert.equal(read.status, 200, JSON.stringify(read.body));
    return read.body;
  }

  /** A voice petition left through the local Twilio endpoint; `question` is what the caller does at the 实名保密 question. */
  async function voicePetition(caller: string, question: { digits: string } | { hangup: true }) {
    const callSid = stack.twilio.placeCall({
      from: caller,
      to: TEST_HOTLINE_NUMBER,
      script: { answers: [{ digits: '2' }, { speech: `我叫赵六，电话${caller.slice(3)}，小区门口垃圾没人清运` }, { speech: '东湖区幸福路9号' }, { digits: '#' }, question, { digits: '1' }] },
    });
    const call = await stack.twilio.waitForCall(callSid);
    await waitUntil(async () => (await prisma.call.findUnique({ where: { id: callSid } }))?.caseId != null);
    const caseId = (await prisma.call.findUniqueOrThrow({ where: { id: callSid } })).caseId!;
    return { call, caseId };
  }

  it('IVR: 1 at the question, then confirming, registers a confidential case; a unit reads ［保密］', async () => {
    const caller = randomMobile();
    const { call, caseId } = await voicePetition(caller, { digits: '1' });
    assert.ok(call.said.includes(VOICE_PROMPT_TEMPLATES['voice.petitionConfidential'].body), call.said.join('\n'));
    assert.ok(call.said.includes(VOICE_PROMPT_TEMPLATES['voice.petitionConfidentialNoted'].body), call.said.join('\n'));
    assert.equal(call.said.join('').split(spokenDigits(caseId)).length - 1, 2, 'the number is still read back twice');
    assert.equal((await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).confidential, true);
    const read = await unitRead(caseId);
    assert.deepEqual([read.confidential, read.citizenPhone], [true, WITHHELD]);
    assert.ok(read.content.includes(WITHHELD), read.content);
    assert.ok(!flattenedDigits(read).includes(caller.slice(3)), JSON.stringify(read));
    assert.match(read.content, /垃圾没人清运/, 'the matter stays readable');
  });

  it('IVR: 2 at the question registers an ordinary case; a hang-up there registers nothing (the caller never confirmed)', async () => {
    const caller = randomMobile();
    const { caseId } = await voicePetition(caller, { digits: '2' });
    const row = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([row.confidential, row.registeredById, row.citizenPhone], [false, 'system:ivr', caller]);
    assert.equal((await unitRead(caseId)).citizenName === WITHHELD, false);

    const leaver = randomMobile();
    const callSid = stack.twilio.placeCall({
      from: leaver,
      to: TEST_HOTLINE_NUMBER,
      script: { answers: [{ digits: '2' }, { speech: '小区门口垃圾没人清运' }, { speech: '东湖区幸福路9号' }, { digits: '#' }, { hangup: true }] },
    });
    const call = await stack.twilio.waitForCall(callSid);
    assert.ok(call.said.includes(VOICE_PROMPT_TEMPLATES['voice.petitionConfidential'].body), call.said.join('\n'));
    await waitUntil(async () => (await prisma.call.findUnique({ where: { id: callSid } }))?.endedAt != null);
    assert.equal((await prisma.call.findUniqueOrThrow({ where: { id: callSid } })).caseId, null);
    assert.equal(await prisma.case.count({ where: { citizenPhone: leaver } }), 0);
  });

  it('SMS: a text beginning 【保密】 or 保密： asks for it; 保密局 does not', () => {
    assert.deepEqual(confidentialMarkOf('【保密】 门口垃圾没人清运'), { confidential: true, text: '门口垃圾没人清运' });
    assert.deepEqual(confidentialMarkOf(' 保密：门口垃圾'), { confidential: true, text: '门口垃圾' });
    assert.deepEqual(confidentialMarkOf('[保密]门口垃圾'), { confidential: true, text: '门口垃圾' });
    assert.deepEqual(confidentialMarkOf('保密局门口垃圾'), { confidential: false, text: '保密局门口垃圾' });
    assert.deepEqual(confidentialMarkOf('门口垃圾，请保密'), { confidential: false, text: '门口垃圾，请保密' });
  });

  it('SMS: a 【保密】 text through the Messaging webhook becomes a confidential case from its draft, the mark taken off', async () => {
    const citizen = randomMobile();
    const text = `【保密】我的电话${citizen.slice(3)}，小区门口垃圾三天没人清运。`;
    const sent = await stack.twilio.sendSms({ from: citizen, to: TEST_HOTLINE_NUMBER, body: text });
    assert.match(sent.replies[0]!.body, /收到/);
    const draft = await prisma.smsMessage.findFirstOrThrow({ where: { fromNumber: citizen, direction: 'inbound' } });
    const drafts = await getJson(`${stack.api.url}/api/telephony/sms-drafts?range=[0,999]`, as('operator'));
    assert.equal(drafts.body.find((d: { id: string }) => d.id === draft.id)?.confidentialRequested, true);
    // The operator's form does not tick 实名保密: the citizen's mark is enough.
    const registered = await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(draft.id)}/register`, { caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '垃圾无人清运' }, as('operator'));
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const row = await prisma.case.findUniqueOrThrow({ where: { id: registered.body.id } });
    assert.equal(row.confidential, true);
    assert.equal(row.content, text.replace('【保密】', ''));
    const read = await unitRead(row.id);
    assert.deepEqual([read.confidential, read.citizenPhone], [true, WITHHELD]);
    assert.ok(!flattenedDigits(read).includes(citizen.slice(3)), JSON.stringify(read));
    assert.ok(read.content.includes(WITHHELD), read.content);
  });

  describe('Open311', () => {
    let apiKey = '';
    const postRequest = async (fields: Record<string, string>) => {
      const response = await fetch(`${stack.api.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({ api_key: apiKey, service_code: 'urban.street-vending', address_string: '东湖区幸福路9号', first_name: '六', last_name: '赵', ...fields }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    before(async () => {
      const created = await postJson(`${stack.api.url}/api/api-clients`, { name: '保密测试 app' }, as('admin'));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      apiKey = created.body.apiKey;
    });

    it('attribute[confidential]=true registers a confidential case; a unit reads ［保密］', async () => {
      const phone = randomMobile().slice(3);
      const answer = await postRequest({ phone, description: `幸福路夜市占道经营，联系电话${phone}`, 'attribute[confidential]': 'true' });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const caseId = answer.body[0].service_request_id as string;
      await waitUntil(async () => (await prisma.case.findUnique({ where: { id: caseId } })) !== null);
      assert.equal((await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).confidential, true);
      const read = await unitRead(caseId);
      assert.deepEqual([read.confidential, read.citizenName, read.citizenPhone, read.address], [true, WITHHELD, WITHHELD, WITHHELD]);
      assert.ok(!flattenedDigits(read).includes(phone), JSON.stringify(read));
      const plain = await postRequest({ phone, description: '幸福路夜市噪音', 'attribute[confidential]': 'false' });
      assert.equal(plain.status, 201);
      await waitUntil(async () => (await prisma.case.findUnique({ where: { id: plain.body[0].service_request_id } })) !== null);
      assert.equal((await prisma.case.findUniqueOrThrow({ where: { id: plain.body[0].service_request_id } })).confidential, false);
    });

    it('refuses any other value of attribute[confidential] with a 400 naming it, registering nothing', async () => {
      const description = `幸福路占道经营 ${randomMobile()}`;
      for (const value of ['yes', '1', 'TRUE']) {
        const answer = await postRequest({ description, 'attribute[confidential]': value });
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.match(answer.body[0].description, /^attribute\.confidential: true or false/);
      }
      assert.equal(await prisma.case.count({ where: { content: description } }), 0);
    });
  });
});
