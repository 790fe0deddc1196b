// The inbound IVR over real HTTP, as Twilio drives it (signed form posts), into real workflows
// (dev server): the menu, a petition left by voice (registered once, read back digit by digit),
// the case query, and refused signatures.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { insertProjectedCase } from '../support/cases';
import { testPrisma } from '../support/db';
import { SimulatedCall, spokenTexts, useSeatHoursAllDay } from '../support/ivr';
import { waitUntil } from '../support/petitions';
import twilio from 'twilio';
import { postSignedWebhook, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';
import { CITIZEN_STATUS_TEXT } from '../../api/twilio/citizenStatusText';
import { spokenDigits } from '../../api/twilio/voice/spoken';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';
import { verifyStreamToken } from '../../telephony/mediaStreams/streamToken';
import { TEST_LINK_SECRET } from '../support/links';

describe('inbound IVR (/telephony/voice)', () => {
  const stack = useApiStack();
  useSeatHoursAllDay();

  it('answers with the Mandarin menu, repeats it on invalid or no input, and says goodbye after the third try', async () => {
    const call = new SimulatedCall(stack.api.url);
    const welcome = await call.incoming();
    assert.equal(welcome.status, 200);
    const gather = welcome.doc.Gather[0];
    assert.deepEqual([gather.input, gather.language, gather.numDigits, gather.actionOnEmptyResult], ['dtmf speech', 'zh-CN', '1', 'true']);
    assert.equal(gather.action, `${stack.api.url}/telephony/voice/menu?attempt=1`);
    assert.deepEqual(spokenTexts(welcome.doc), [VOICE_PROMPT_TEMPLATES['voice.welcome'].body]);
    assert.equal(gather.Say[0].language, 'zh-CN');

    const row = await testPrisma().call.findUniqueOrThrow({ where: { id: call.callSid } });
    assert.deepEqual([row.callSid, row.direction, row.fromNumber, row.status], [call.callSid, 'inbound', call.from, 'ringing']);

    const second = await call.answer(welcome, { Digits: '7' });
    assert.equal(second.doc.Gather[0].action, `${stack.api.url}/telephony/voice/menu?attempt=2`);
    assert.deepEqual(spokenTexts(second.doc), [VOICE_PROMPT_TEMPLATES['voice.menuInvalid'].body, VOICE_PROMPT_TEMPLATES['voice.welcome'].body]);
    const third = await call.answer(second, {});
    assert.equal(third.doc.Gather[0].action, `${stack.api.url}/telephony/voice/menu?attempt=3`);
    const end = await call.answer(third, { SpeechResult: '你好' });
    assert.equal(end.doc.Gather, undefined);
    assert.ok('Hangup' in end.doc, end.xml);
    assert.deepEqual(spokenTexts(end.doc), [VOICE_PROMPT_TEMPLATES['voice.goodbye'].body]);
  });

  it('speaks the texts admins edit in the voice.* templates', async () => {
    const prisma = testPrisma();
    const original = await prisma.messageTemplate.findUniqueOrThrow({ where: { code: 'voice.welcome' } });
    try {
      await prisma.messageTemplate.update({ where: { code: 'voice.welcome' }, data: { body: '欢迎致电12345，测试菜单。' } });
      const answer = await new SimulatedCall(stack.api.url).incoming();
      assert.deepEqual(spokenTexts(answer.doc), ['欢迎致电12345，测试菜单。']);
    } finally {
      await prisma.messageTemplate.update({ where: { code: 'voice.welcome' }, data: { body: original.body } });
    }
  });

  it('option 2 takes a petition by voice, reads it back, starts over on 2, and registers one case on 1 even when Twilio retries', async () => {
    const prisma = testPrisma();
    const call = new SimulatedCall(stack.api.url);
    const menu = await call.incoming();
    const what = await call.answer(menu, { Digits: '2' });
    // Recorded by our own Media Streams server from here on.
    const stream = what.doc.Start.Stream;
    assert.equal(stream.url, `${stack.api.url.replace('http', 'ws')}/telephony/media-stream`);
    // With the call's stream token: only this call's stream is accepted, once (mediaStreams.test.ts).
    assert.deepEqual(stream.Parameter.map((p: { name: string }) => p.name), ['callSid', 'streamToken']);
    assert.equal(stream.Parameter[0].value, call.callSid);
    assert.equal(verifyStreamToken(TEST_LINK_SECRET, stream.Parameter[1].value, call.callSid, new Date()).ok, true);
    assert.deepEqual([what.doc.Gather[0].input, what.doc.Gather[0].language], ['speech', 'zh-CN']);
    assert.deepEqual(spokenTexts(what.doc), [VOICE_PROMPT_TEMPLATES['voice.petitionWhat'].body]);

    // What the Media Streams server writes for this call while it is going on.
    const attachmentId = randomUUID();
    await prisma.attachment.create({ data: { id: attachmentId, kind: 'recording', fileName: 'stream.wav', contentType: 'audio/wav', sizeBytes: 44, storageKey: `2026/01/${randomUUID()}`, sha256: '0'.repeat(64) } });
    await prisma.recording.create({ data: { id: randomUUID(), streamSid: `MZ${randomUUID().replace(/-/g, '')}`, callId: call.callSid, attachmentId, source: 'mediaStream', status: 'inProgress' } });

    // A first try, started over.
    let where = await call.answer(what, { SpeechResult: '楼下烧烤店油烟很大' });
    let contact = await call.answer(where, { SpeechResult: '东湖区文化路12号' });
    let question = await call.answer(contact, { Digits: '' });
    // 实名保密 on the keypad before the read-back; 1 is yes, said back before the summary.
    assert.deepEqual(spokenTexts(question.doc), [VOICE_PROMPT_TEMPLATES['voice.petitionConfidential'].body]);
    assert.deepEqual([question.doc.Gather[0].input, question.doc.Gather[0].numDigits], ['dtmf', '1']);
    let summary = await call.answer(question, { Digits: '1' });
    assert.equal(spokenTexts(summary.doc)[0], VOICE_PROMPT_TEMPLATES['voice.petitionConfidentialNoted'].body);
    assert.match(spokenTexts(summary.doc)[1]!, /楼下烧烤店油烟很大.*东湖区文化路12号/);
    const restarted = await call.answer(summary, { Digits: '2' });
    assert.deepEqual(spokenTexts(restarted.doc), [VOICE_PROMPT_TEMPLATES['voice.petitionWhat'].body]);
    assert.equal(restarted.doc.Start, undefined, 'the stream already runs');

    // Nothing heard → asked again.
    const again = await call.answer(restarted, { SpeechResult: '' });
    assert.deepEqual(spokenTexts(again.doc), [VOICE_PROMPT_TEMPLATES['voice.petitionNotHeard'].body, VOICE_PROMPT_TEMPLATES['voice.petitionWhat'].body]);
    where = await call.answer(again, { SpeechResult: '文化路夜市烧烤油烟扰民，晚上十二点还在营业' });
    // A recogniser's stray control character is cleaned at the door (it used to drop the caller into the "system busy" voicemail).
    contact = await call.answer(where, { SpeechResult: '东湖区文化路\u000088号' });
    assert.equal(contact.doc.Gather[0].finishOnKey, '#');
    question = await call.answer(contact, { Digits: '13800138000' });
    // Starting over asks again; 2 is no this time.
    summary = await call.answer(question, { Digits: '2' });
    assert.deepEqual(spokenTexts(summary.doc), [
      `您反映的问题是：文化路夜市烧烤油烟扰民，晚上十二点还在营业。地点：东湖区文化路88号。联系电话：${spokenDigits('13800138000')}。确认提交请按1，重新录入请按2。`,
    ]);

    // Twilio retries a confirm it did not see answered in time: two deliveries at once, then a late one.
    const confirmUrl = summary.doc.Gather[0].action as string;
    assert.equal(await prisma.case.count({ where: { citizenPhone: call.from } }), 0, 'not registered before the caller confirms');
    const answers = await Promise.all([call.post(confirmUrl, { Digits: '1' }), call.post(confirmUrl, { Digits: '1' })]);
    const late = await call.post(confirmUrl, { Digits: '1' });
    assert.equal(answers[0]!.xml, answers[1]!.xml);
    assert.equal(late.xml, answers[0]!.xml);

    const cases = await prisma.case.findMany({ where: { citizenPhone: call.from } });
    assert.equal(cases.length, 1, 'one case for one call');
    const registered = cases[0]!;
    assert.deepEqual(
      [registered.channel, registered.caseTypeCode, registered.status, registered.address, registered.registeredById, registered.confidential],
      ['phone', 'complaint', 'registered', '东湖区文化路88号', 'system:ivr', false],
    );
    assert.match(registered.content, /文化路夜市烧烤油烟扰民/);
    assert.match(registered.content, /联系电话：13800138000/);
    assert.doesNotMatch(registered.content, /楼下烧烤店/, 'the re-recorded answers only');

    // The number read back digit by digit in Chinese, twice; then the call ends.
    const spoken = spokenTexts(answers[0]!.doc).join('');
    assert.equal(spoken.split(spokenDigits(registered.id)).length - 1, 2, spoken);
    assert.match(spokenDigits(registered.id), /^[零一二三四五六七八九]( [零一二三四五六七八九])+$/);
    assert.ok('Hangup' in answers[0]!.doc);

    // The call and what was recorded of it belong to the case.
    const linked = await prisma.call.findUniqueOrThrow({ where: { id: call.callSid } });
    assert.deepEqual([linked.caseId, linked.purpose], [registered.id, 'intake']);
    assert.equal((await prisma.attachment.findUniqueOrThrow({ where: { id: attachmentId } })).caseId, registered.id);
    assert.equal(await prisma.auditEvent.count({ where: { entityType: 'call', entityId: call.callSid, action: 'callLinkedToCase' } }), 1);

    // The workflow sends the receipt.
    await waitUntil(async () => (await prisma.smsMessage.count({ where: { caseId: registered.id, templateCode: 'sms.receipt' } })) === 1);

    const api = new AdminApiClient(stack.api.url);
    await api.login('operator');
    const caseCalls = await api.get(`/api/cases/${registered.id}/calls`, 'operator');
    assert.equal(caseCalls.status, 200);
    assert.deepEqual(caseCalls.body.map((c: { id: string }) => c.id), [call.callSid]);
    assert.deepEqual(caseCalls.body[0].recordings.map((r: { attachmentId: string }) => r.attachmentId), [attachmentId]);
  });

  it('option 3 speaks the status and deadline of a case by its number and query password, and "not found" otherwise, never personal data', async () => {
    const prisma = testPrisma();
    const handleDueAt = new Date('2026-12-14T15:59:59.999Z');
    const caseId = await insertProjectedCase(prisma, { status: 'signed', handleDueAt, citizenName: '赵六', citizenPhone: '+8613711112222', queryPasswordHash: await hash('482913') });
    const call = new SimulatedCall(stack.api.url);
    const prompt = await call.answer(await call.incoming(), { Digits: '3' });
    assert.deepEqual([prompt.doc.Gather[0].input, prompt.doc.Gather[0].finishOnKey], ['dtmf', '#']);
    assert.equal((await prisma.call.findUniqueOrThrow({ where: { id: call.callSid } })).purpose, 'caseQuery');

    const askPassword = await call.answer(prompt, { Digits: caseId });
    assert.deepEqual(spokenTexts(askPassword.doc), [VOICE_PROMPT_TEMPLATES['voice.queryPassword'].body]);
    assert.deepEqual([askPassword.doc.Gather[0].input, askPassword.doc.Gather[0].finishOnKey], ['dtmf', '#']);
    const answer = await call.answer(askPassword, { Digits: '482913' });
    const spoken = spokenTexts(answer.doc);
    assert.equal(spoken[0], `受理号${spokenDigits(caseId)}的工单，当前状态：${CITIZEN_STATUS_TEXT.signed}。`);
    assert.equal(spoken[1], '办理时限为2026年12月14日23时59分。');
    const all = spoken.join('');
    for (const secret of ['赵六', '13711112222', '解放路', '摊贩']) assert.ok(!all.includes(secret), `does not speak ${secret}`);

    // An unknown number is asked for its password too (no oracle), then not found.
    const unknownPassword = await call.answer(answer, { Digits: '20991231999999' });
    assert.deepEqual(spokenTexts(unknownPassword.doc), [VOICE_PROMPT_TEMPLATES['voice.queryPassword'].body]);
    const missing = await call.answer(unknownPassword, { Digits: '482913' });
    assert.equal(spokenTexts(missing.doc)[0], VOICE_PROMPT_TEMPLATES['voice.queryNotFound'].body);

    const registeredCase = await insertProjectedCase(prisma, { status: 'registered', queryPasswordHash: await hash('105277') });
    const other = new SimulatedCall(stack.api.url);
    const asked = await other.answer(await other.answer(await other.incoming(), { SpeechResult: '查询' }), { Digits: registeredCase });
    const registered = await other.answer(asked, { Digits: '105277' });
    assert.deepEqual(spokenTexts(registered.doc).slice(0, 2), [`受理号${spokenDigits(registeredCase)}的工单，当前状态：${CITIZEN_STATUS_TEXT.registered}。`, VOICE_PROMPT_TEMPLATES['voice.queryAgain'].body]);
  });

  it('option 3 speaks no status without the case’s query password (none, wrong, or a case with none): the same "not found", and the call ends after 3 tries', async () => {
    const prisma = testPrisma();
    const caseId = await insertProjectedCase(prisma, { status: 'dispatched', handleDueAt: new Date('2026-12-20T15:59:59.999Z'), queryPasswordHash: await hash('730164') });
    const noPassword = await insertProjectedCase(prisma, { status: 'dispatched' });
    const statusOf = (id: string) => `受理号${spokenDigits(id)}的工单`;
    const call = new SimulatedCall(stack.api.url);
    let step = await call.answer(await call.incoming(), { Digits: '3' });
    const tries: [string, string][] = [[caseId, ''], [caseId, '730165'], [noPassword, '000000']];
    for (const [i, [number, password]] of tries.entries()) {
      const asked = await call.answer(step, { Digits: number });
      assert.deepEqual(spokenTexts(asked.doc), [VOICE_PROMPT_TEMPLATES['voice.queryPassword'].body], `try ${i + 1}`);
      step = await call.answer(asked, password ? { Digits: password } : {});
      const spoken = spokenTexts(step.doc);
      assert.equal(spoken[0], VOICE_PROMPT_TEMPLATES['voice.queryNotFound'].body, `try ${i + 1}`);
      assert.ok(!spoken.some((text) => text.includes(statusOf(caseId)) || text.includes(statusOf(noPassword)) || text.includes('办理时限')), `try ${i + 1} speaks no status`);
      if (i < tries.length - 1) assert.equal(step.doc.Gather[0].action, `${stack.api.url}/telephony/voice/query/lookup?attempt=${i + 2}`);
    }
    // The third wrong try ends the call: goodbye, nothing more to key in.
    assert.deepEqual(spokenTexts(step.doc), [VOICE_PROMPT_TEMPLATES['voice.queryNotFound'].body, VOICE_PROMPT_TEMPLATES['voice.goodbye'].body]);
    assert.ok('Hangup' in step.doc);
    assert.equal(step.doc.Gather, undefined);

    // The right password (on another call) opens it.
    const other = new SimulatedCall(stack.api.url);
    const asked = await other.answer(await other.answer(await other.incoming(), { Digits: '3' }), { Digits: caseId });
    assert.equal(spokenTexts((await other.answer(asked, { Digits: '730164' })).doc)[0], `${statusOf(caseId)}，当前状态：${CITIZEN_STATUS_TEXT.dispatched}。`);
  });

  it('refuses a bad or missing signature with 403 and records nothing; a malformed CallSid is a 400', async () => {
    const prisma = testPrisma();
    const call = new SimulatedCall(stack.api.url);
    const url = `${stack.api.url}/telephony/voice/incoming`;
    const forged = await postSignedWebhook(url, call.params(), { signature: 'bm90IGEgc2lnbmF0dXJl' });
    assert.equal(forged.status, 403);
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(call.params()).toString() });
    assert.equal(unsigned.status, 403);
    // Signed for other parameters than those sent.
    const statusUrl = `${stack.api.url}/telephony/voice/status`;
    const tampered = await postSignedWebhook(statusUrl, call.params({ CallStatus: 'completed' }), { signature: twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, statusUrl, call.params({ CallStatus: 'busy' })) });
    assert.equal(tampered.status, 403);
    assert.equal(await prisma.call.count({ where: { id: call.callSid } }), 0);
    assert.equal(await prisma.telephonyWebhook.count({ where: { sid: call.callSid } }), 0);

    const malformed = await postSignedWebhook(url, call.params({ CallSid: 'CA-not-a-sid' }));
    assert.equal(malformed.status, 400);
    assert.ok(((await malformed.json()) as { error: { fields: Record<string, string> } }).error.fields.CallSid);
    assert.equal(await prisma.call.count({ where: { fromNumber: call.from } }), 0);
  });
});
