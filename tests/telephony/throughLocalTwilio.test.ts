// The telephony issue's acceptance, end to end: simulated citizens call and text the hotline
// through the local Twilio-compatible endpoint, which plays Twilio's side (signed webhooks,
// TwiML, Media Streams in real-time 20 ms frames, REST for the product's outbound SMS), while
// the product runs for real: API, worker, Temporal, PostgreSQL, the real `twilio` client.
import assert from 'node:assert/strict';
import { hash } from '@node-rs/argon2';
import { WaveFile } from 'wavefile';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { speakChinese } from '../support/audio';
import { testPrisma } from '../support/db';
import { LiveFeedReader, randomMobile, useSeatHoursAllDay } from '../support/ivr';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';
import { useTelephonyStack } from '../support/telephonyStack';
import { TEST_HOTLINE_NUMBER } from '../support/twilio';
import { CITIZEN_STATUS_TEXT } from '../../api/twilio/citizenStatusText';
import { spokenDigits } from '../../api/twilio/voice/spoken';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';
import { publishArticle, retireArticle, type PublishedArticle } from '../support/knowledge';

describe('the hotline through the local Twilio endpoint (real twilio client, real stack)', () => {
  const stack = useTelephonyStack();
  useSeatHoursAllDay();
  const prisma = testPrisma();
  const console_ = () => new AdminApiClient(stack.api.url);

  async function wavOf(attachmentId: string): Promise<WaveFile> {
    const api = console_();
    await api.login('operator');
    const response = await fetch(`${stack.api.url}/api/attachments/${attachmentId}/content`, { headers: { authorization: `Bearer ${api.token('operator')}` } });
    assert.equal(response.status, 200);
    return new WaveFile(Buffer.from(await response.arrayBuffer()));
  }
  const durationMsOf = (wav: WaveFile) => {
    const fmt = wav.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
    const data = wav.data as { chunkSize: number };
    return (data.chunkSize / (fmt.numChannels * (fmt.bitsPerSample / 8)) / fmt.sampleRate) * 1000;
  };

  /** Option 2 end to end: one case with its streamed audio as a WAV, and the receipt SMS; what the caller heard. */
  async function petitionByVoice(): Promise<string[]> {
    const caller = randomMobile();
    const audio = await speakChinese('文化路夜市烧烤油烟扰民，在东湖区文化路八十八号。');
    const callSid = stack.twilio.placeCall({
      from: caller,
      to: TEST_HOTLINE_NUMBER,
      script: {
        audioPath: audio.path,
        streamEnd: 'audioEnd',
        // The caller talks through the prompts for as long as the audio lasts.
        answers: [
          { digits: '2' },
          { speech: '文化路夜市烧烤油烟扰民，晚上十二点还在营业', speakingMs: Math.ceil(audio.durationMs / 2) },
          { speech: '东湖区文化路88号', speakingMs: Math.ceil(audio.durationMs / 2) + 300 },
          { digits: '#' },
          // 实名保密? No.
          { digits: '2' },
          { digits: '1' },
        ],
      },
    });
    const call = await stack.twilio.waitForCall(callSid);
    assert.equal(call.status, 'completed');

    const registered = await prisma.case.findFirstOrThrow({ where: { citizenPhone: caller } });
    assert.deepEqual([registered.channel, registered.address, registered.registeredById], ['phone', '东湖区文化路88号', 'system:ivr']);
    assert.match(registered.content, /文化路夜市烧烤油烟扰民/);
    assert.equal(await prisma.case.count({ where: { citizenPhone: caller } }), 1);
    // The number read back digit by digit, twice.
    assert.equal(call.said.join('').split(spokenDigits(registered.id)).length - 1, 2, call.said.join('\n'));

    // Our own Media Streams server recorded what the caller said, and the case has it.
    const [stream] = call.streams;
    assert.ok(stream && stream.framesSent > 0);
    assert.equal(stream.sentMs, Math.ceil(audio.durationMs / 20) * 20, 'the whole audio went out in 20 ms frames (the last one padded)');
    await waitUntil(async () => (await prisma.recording.findFirst({ where: { callId: callSid, source: 'mediaStream', status: 'completed' } })) !== null);
    const recording = await prisma.recording.findFirstOrThrow({ where: { callId: callSid, source: 'mediaStream' }, include: { attachment: true } });
    assert.equal(recording.attachment?.caseId, registered.id);
    const wav = await wavOf(recording.attachmentId!);
    assert.deepEqual([(wav.fmt as { sampleRate: number }).sampleRate, (wav.fmt as { numChannels: number }).numChannels], [8000, 1]);
    const wavMs = durationMsOf(wav);
    assert.ok(Math.abs(wavMs - stream.sentMs) <= 50, `WAV ${wavMs} ms, streamed ${stream.sentMs} ms`);
    assert.ok(Math.abs(recording.durationMs! - stream.sentMs) <= 50);

    // The receipt: queued by the workflow, sent through the real client, delivered to the phone.
    const receipt = await stack.twilio.waitForMessage({ to: caller, bodyIncludes: registered.id, status: 'delivered' });
    assert.equal(receipt.from, TEST_HOTLINE_NUMBER);
    await waitUntil(async () => (await prisma.smsMessage.findFirst({ where: { caseId: registered.id, templateCode: 'sms.receipt' } }))?.status === 'delivered');
    const row = await prisma.smsMessage.findFirstOrThrow({ where: { caseId: registered.id, templateCode: 'sms.receipt' } });
    assert.deepEqual([row.messageSid, row.attempts, row.deliveredAt !== null], [receipt.sid, 1, true]);
    await stack.env.client.workflow.getHandle(registered.id).terminate('test finished');
    return call.said;
  }

  /** Option 3 end to end: the status of a dispatched case, spoken after its number and password; what the caller heard. */
  async function caseQueryByPhone(): Promise<string[]> {
    const handle = await stack.h.register({ citizenPhone: randomMobile(), queryPasswordHash: await hash('391827') });
    await stack.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await waitUntil(async () => (await prisma.case.findUniqueOrThrow({ where: { id: handle.workflowId } })).status === 'dispatched');
    const callSid = stack.twilio.placeCall({ from: randomMobile(), to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '3' }, { digits: `${handle.workflowId}#` }, { digits: '391827#' }, { hangup: true }] } });
    const call = await stack.twilio.waitForCall(callSid);
    const heard = call.said.join('\n');
    assert.ok(heard.includes(CITIZEN_STATUS_TEXT.dispatched), heard);
    assert.ok(heard.includes(spokenDigits(handle.workflowId)), heard);
    await handle.terminate('test finished');
    return call.said;
  }

  it('option 2: a petition by voice registers one case with its audio as a WAV of the length streamed, and the receipt SMS reaches the caller', async () => void (await petitionByVoice()));

  it('option 3 speaks the status of the case whose number and query password the caller keys in', async () => void (await caseQueryByPhone()));

  it('option 1 shows the caller and their earlier cases on the operators’ feed while it rings; a hang-up in the queue is a missed call', async () => {
    const caller = randomMobile();
    const earlier = await stack.h.register({ citizenPhone: caller, title: '小区路灯不亮' });
    const api = console_();
    await api.login('operator');
    const feed = await LiveFeedReader.open(`${stack.api.url}/api/telephony/live`, api.token('operator'));
    try {
      const callSid = stack.twilio.placeCall({ from: caller, to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '1' }], holdMs: 2000 } });
      const ringing = await feed.next((e) => e.type === 'ringing' && e.data.callId === callSid);
      assert.equal(stack.twilio.call(callSid)!.status, 'in-progress', 'shown while the caller still waits');
      assert.equal(ringing.data.fromNumber, caller);
      assert.ok(ringing.data.callerHistory.some((c: { id: string }) => c.id === earlier.workflowId), JSON.stringify(ringing.data));
      await stack.twilio.waitForCall(callSid);
      await feed.next((e) => e.type === 'ended' && e.data.callId === callSid && e.data.missed === true);
      const missed = await api.get(`/api/telephony/calls${listQuery({ filter: { needsCallback: true, fromNumber: caller } })}`, 'operator');
      assert.deepEqual(missed.body.map((c: { id: string }) => c.id), [callSid]);
    } finally {
      feed.close();
      await earlier.terminate('test finished');
    }
  });

  describe('the knowledge base before the queue', () => {
    let api: AdminApiClient;
    let article: PublishedArticle;
    before(async () => {
      api = console_();
      await api.login('operator', 'admin');
      article = await publishArticle(api, `公积金${api.run}提取条件`, ['购房、租房、退休等情形可以申请提取住房公积金。', '申请材料以公积金中心公布的清单为准。']);
    });
    after(async () => {
      if (article) await retireArticle(api, article.id);
    });

    it('option 1 lists the newest published answers; the caller keys 1, hears the answer, then keys 0 and waits for an operator', async () => {
      const caller = randomMobile();
      const callSid = stack.twilio.placeCall({ from: caller, to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '1' }, { digits: '1' }, { digits: '0' }], holdMs: 500 } });
      const call = await stack.twilio.waitForCall(callSid);
      const heard = call.said.join('\n');
      assert.ok(heard.includes(`按1收听公积金${api.run}提取条件；`), heard);
      assert.ok(heard.includes(`公积金${api.run}提取条件。购房、租房、退休等情形可以申请提取住房公积金。 申请材料以公积金中心公布的清单为准。`), heard);
      // Then the queue: the hold message, and a missed call once the caller gives up waiting.
      assert.ok(heard.lastIndexOf('请您耐心等候') > heard.indexOf('申请材料以公积金中心公布的清单为准'), heard);
      const row = await prisma.call.findUniqueOrThrow({ where: { id: callSid } });
      assert.deepEqual([row.ivrPath, row.queuedAt !== null, row.needsCallback], [`knowledge:${article.id}>operator`, true, true]);
    });
  });

  describe('after seat hours', () => {
    let seatHours: unknown;
    before(async () => {
      seatHours = (await prisma.ruleSetting.findUniqueOrThrow({ where: { key: 'ivr.seatHours' } })).value;
      // Half a day away from now: the seats are closed whatever the hour of the run.
      const hour = (new Date().getUTCHours() + 8 + 12) % 24;
      const start = `${String(hour).padStart(2, '0')}:00`;
      await prisma.ruleSetting.update({ where: { key: 'ivr.seatHours' }, data: { value: { start, end: `${String(hour).padStart(2, '0')}:30`, timeZone: 'Asia/Shanghai' } } });
    });
    after(() => prisma.ruleSetting.update({ where: { key: 'ivr.seatHours' }, data: { value: seatHours as never } }));

    const nightMenu = (said: string[]) => assert.match(said[0] ?? '', /现在是非人工服务时间/, said.join('\n'));
    it('still registers a petition by voice (2) at a time outside the seat hours', async () => nightMenu(await petitionByVoice()));
    it('still speaks a case’s status (3) at a time outside the seat hours', async () => nightMenu(await caseQueryByPhone()));

    it('takes a voicemail, keeps its recording and lists the call for an operator to call back', async () => {
      const caller = randomMobile();
      const message = await speakChinese('你好，我家楼下的路灯坏了好几天了，请尽快来修。');
      // 1 at night: a message for a call-back instead of the queue.
      const callSid = stack.twilio.placeCall({ from: caller, to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '1' }, { audioPath: message.path }] } });
      const call = await stack.twilio.waitForCall(callSid);
      assert.equal(call.recordingSids.length, 1);
      await waitUntil(async () => (await prisma.recording.count({ where: { callId: callSid, source: 'voicemail' } })) === 1);
      const recording = await prisma.recording.findFirstOrThrow({ where: { callId: callSid, source: 'voicemail' } });
      assert.equal(recording.recordingSid, call.recordingSids[0]);
      assert.ok(Math.abs(durationMsOf(await wavOf(recording.attachmentId!)) - message.durationMs) <= 50);

      const api = console_();
      await api.login('operator');
      const missed = await api.get(`/api/telephony/calls${listQuery({ filter: { needsCallback: true, fromNumber: caller } })}`, 'operator');
      assert.deepEqual(missed.body.map((c: { id: string; purpose: string }) => [c.id, c.purpose]), [[callSid, 'voicemail']]);
    });
  });

  describe('a blocked caller (issue 20)', () => {
    it('hears voice.blocked and is hung up on, never queued or missed, texts go unanswered; once the block is lifted the menu answers again', async () => {
      const caller = randomMobile();
      const api = console_();
      await api.login('operator', 'supervisor');
      const proposed = await api.post('/api/telephony/blocked-callers', { number: caller, reason: '反复拨打辱骂话务员' }, 'operator');
      assert.equal((await api.post(`/api/telephony/blocked-callers/${proposed.body.id}/approve`, {}, 'supervisor')).status, 200);

      const blockedSid = stack.twilio.placeCall({ from: caller, to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '1' }], holdMs: 2000 } });
      const blocked = await stack.twilio.waitForCall(blockedSid);
      assert.equal(blocked.status, 'completed');
      assert.deepEqual(blocked.said, [VOICE_PROMPT_TEMPLATES['voice.blocked'].body]);
      assert.deepEqual(blocked.log.filter((e) => ['gather', 'enqueue', 'record', 'hangup'].includes(e.kind)).map((e) => e.kind), ['hangup']);
      await waitUntil(async () => (await prisma.call.findUnique({ where: { id: blockedSid } }))?.endedAt != null);
      const row = await prisma.call.findUniqueOrThrow({ where: { id: blockedSid } });
      assert.deepEqual([row.ivrPath, row.queuedAt, row.needsCallback], ['blocked', null, false]);

      const text = await stack.twilio.sendSms({ from: caller, to: TEST_HOTLINE_NUMBER, body: '你们都是骗子' });
      assert.deepEqual(text.replies, []);
      assert.deepEqual((await prisma.smsMessage.findMany({ where: { fromNumber: caller } })).map((m) => m.intent), ['blocked']);

      assert.equal((await api.post(`/api/telephony/blocked-callers/${proposed.body.id}/lift`, { reason: '核实为误报' }, 'supervisor')).status, 200);
      const againSid = stack.twilio.placeCall({ from: caller, to: TEST_HOTLINE_NUMBER, script: { answers: [{ hangup: true }] } });
      const again = await stack.twilio.waitForCall(againSid);
      assert.equal(again.said[0], VOICE_PROMPT_TEMPLATES['voice.welcome'].body, again.said.join('\n'));
      assert.ok(again.log.some((e) => e.kind === 'gather'));
    });
  });

  describe('SMS', () => {
    it('answers 查询 with the case’s status, and registers free text as a draft for an operator', async () => {
      const citizen = randomMobile();
      const handle = await stack.h.register({ citizenPhone: citizen });
      const query = await stack.twilio.sendSms({ from: citizen, to: TEST_HOTLINE_NUMBER, body: `查询 ${handle.workflowId}` });
      assert.equal(query.replies.length, 1);
      assert.ok(query.replies[0]!.body.includes(CITIZEN_STATUS_TEXT.registered), query.replies[0]!.body);

      const text = '人民路菜市场门口每天早上占道经营，车辆无法通行。';
      const drafted = await stack.twilio.sendSms({ from: citizen, to: TEST_HOTLINE_NUMBER, body: text });
      assert.match(drafted.replies[0]!.body, /收到/);
      const api = console_();
      await api.login('operator');
      const drafts = await api.get(`/api/telephony/sms-drafts${listQuery({ filter: { state: 'open' }, range: [0, 99] })}`, 'operator');
      assert.ok(drafts.body.some((d: { id: string; body: string }) => d.body === text), JSON.stringify(drafts.body));
      await handle.terminate('test finished');
    });

    it('takes a survey reply 3 to the case in callback, which then waits for the office’s decision', async () => {
      const citizen = randomMobile();
      // The survey calls go unanswered; the citizen answers the SMS instead.
      stack.twilio.scriptPhone(citizen, { answer: 'no-answer' });
      const { handle, state: reviewed } = await stack.h.registerInCallback(citizen);
      assert.equal(reviewed.status, 'callback');
      await waitUntil(async () => (await prisma.callback.count({ where: { caseId: handle.workflowId, status: { in: ['pending', 'inProgress'] } } })) === 1);

      const reply = await stack.twilio.sendSms({ from: citizen, to: TEST_HOTLINE_NUMBER, body: '3' });
      assert.match(reply.replies[0]!.body, /不满意/);
      await waitUntil(async () => (await stack.h.state(handle)).status === 'awaitingUnsatisfiedDecision');
      const state = await stack.h.state(handle);
      assert.equal(state.counters.rehandles, 0, 'the office decides whether to handle it again');
      assert.equal(state.assignments.find((a) => a.id === state.leadAssignmentId)!.unitId, 'chengguan');
      await handle.terminate('test finished');
    });
  });
});

describe('satisfaction callback calls through the local Twilio endpoint (test server from Mon 2026-11-23 10:00)', () => {
  const stack = useTelephonyStack({ timeSkippingFrom: '2026-11-23 10:00' });
  const prisma = testPrisma();

  const callsTo = (phone: string) => stack.twilio.calls().filter((c) => c.direction !== 'inbound' && c.to === phone);
  const attempts = (callbackId: string) => prisma.callbackAttempt.findMany({ where: { callbackId }, orderBy: { attemptNo: 'asc' } });

  it('a call answered with 1 and 1 closes the case as satisfied and resolved', async () => {
    const citizen = randomMobile();
    stack.twilio.scriptPhone(citizen, { answer: 'answer', answers: [{ digits: '1' }, { digits: '1' }] });
    const { handle, callbackId } = await stack.h.registerInCallback(citizen);
    await waitUntil(async () => callsTo(citizen).length === 1);
    const call = await stack.twilio.waitForCall(callsTo(citizen)[0]!.sid);
    assert.equal(call.status, 'completed');
    assert.ok(call.said.some((text) => text.includes('满意请按1')), call.said.join('\n'));
    assert.ok(call.said.some((text) => text.includes('已解决请按1，未解决请按2')), call.said.join('\n'));
    await waitUntil(async () => (await stack.h.state(handle)).status === 'closed');
    const state = await stack.h.state(handle);
    assert.deepEqual([state.satisfaction, state.callbacks[0]!.resolved, state.callbacks[0]!.method], ['satisfied', true, 'phoneCall']);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.method, a.outcome, a.callSid]), [['phoneCall', 'answered', call.sid]]);
  });

  it('three unanswered calls fall back to the survey SMS, which the citizen answers by SMS', async () => {
    const citizen = randomMobile();
    stack.twilio.scriptPhone(citizen, { answer: ['no-answer', 'busy', 'no-answer'] });
    // Filed in the national form, as an operator types it: dialled and texted in E.164.
    const { handle, callbackId } = await stack.h.registerInCallback(citizen.replace(/^\+86/, ''));
    for (let n = 1; n <= 3; n++) {
      await waitUntil(async () => callsTo(citizen).length === n);
      await stack.twilio.waitForCall(callsTo(citizen)[n - 1]!.sid);
      await waitUntil(async () => (await attempts(callbackId))[n - 1]?.outcome !== 'calling');
      // callback.callRetryMinutes (30) between calls, on the test server's clock.
      if (n < 3) await stack.env.sleep('31 minutes');
    }
    assert.deepEqual((await attempts(callbackId)).slice(0, 3).map((a) => [a.method, a.outcome]), [['phoneCall', 'no-answer'], ['phoneCall', 'busy'], ['phoneCall', 'no-answer']]);

    const survey = await stack.twilio.waitForMessage({ to: citizen, bodyIncludes: handle.workflowId, status: 'delivered' });
    assert.match(survey.body, /回复/);
    const reply = await stack.twilio.sendSms({ from: citizen, to: TEST_HOTLINE_NUMBER, body: '2，1' });
    assert.match(reply.replies[0]!.body, /基本满意，问题已解决/);
    await waitUntil(async () => (await stack.h.state(handle)).status === 'closed');
    const state = await stack.h.state(handle);
    assert.deepEqual([state.satisfaction, state.callbacks[0]!.resolved, state.callbacks[0]!.method], ['basicallySatisfied', true, 'sms']);
    assert.equal(callsTo(citizen).length, 3, 'no fourth call');
  });
});
