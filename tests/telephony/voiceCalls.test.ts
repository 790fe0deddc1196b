// Calls for the operators: the queue (option 1) on the live feed with the caller's history,
// missed calls, voicemail after hours with its recording downloaded and kept, and the console's
// call list, call-back and playback rights.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { insertProjectedCase } from '../support/cases';
import { testPrisma } from '../support/db';
import { postJson, startApi, type RunningApi } from '../support/http';
import { LiveFeedReader, SimulatedCall, newRecordingSid, randomMobile, spokenTexts, useKnowledgePlayback, useSeatHoursAllDay } from '../support/ivr';
import { TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN, testTelephony } from '../support/twilio';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';

/** The night menu as the caller hears it with the seats staffed 08:00–22:00. */
const AFTER_HOURS_WELCOME = '您好，欢迎致电12345政务服务便民热线。现在是非人工服务时间，人工服务时间为每天08:00至22:00。留言由话务员回电请按1；语音反映诉求请按2；查询工单办理进度请按3；政策咨询请按4。';

async function tokenOf(apiUrl: string, username: string): Promise<string> {
  return (await postJson(`${apiUrl}/auth/login`, { username, password: 'Demo@12345' })).body.accessToken as string;
}

/** Stands for Twilio's RecordingUrl: serves one WAV behind the account's basic auth. */
async function recordingServer(wav: Buffer): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const expected = `Basic ${Buffer.from(`${TEST_TWILIO_ACCOUNT_SID}:${TEST_TWILIO_AUTH_TOKEN}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    hits += 1;
    if (req.headers.authorization !== expected) return void res.writeHead(401).end();
    res.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': wav.length }).end(wav);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Recordings`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('operator queue, live feed, missed calls and voicemail', () => {
  const stack = useApiStack();
  useSeatHoursAllDay();
  // Option 1 straight into the queue: the knowledge list before it is tested in voiceKnowledge.test.ts.
  useKnowledgePlayback(0);
  let api: AdminApiClient;
  let operatorToken: string;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'handler', 'auditor');
    operatorToken = await tokenOf(stack.api.url, 'operator');
  });

  it('with the operators’ queue full, still answers with the menu: 1 takes a voicemail, 3 still looks up a case', async () => {
    const prisma = testPrisma();
    const setting = await prisma.ruleSetting.findUniqueOrThrow({ where: { key: 'ivr.maxQueueLength' } });
    await prisma.ruleSetting.update({ where: { key: 'ivr.maxQueueLength' }, data: { value: 0 } });
    try {
      const full = new SimulatedCall(stack.api.url);
      const menu = await full.incoming();
      assert.deepEqual(spokenTexts(menu.doc), [VOICE_PROMPT_TEMPLATES['voice.welcome'].body]);
      const voicemail = await full.answer(menu, { Digits: '1' });
      assert.equal(spokenTexts(voicemail.doc)[0], VOICE_PROMPT_TEMPLATES['voice.voicemail'].body);
      assert.ok(voicemail.doc.Record, 'a message is recorded for a call-back');
      assert.deepEqual(await prisma.call.findUniqueOrThrow({ where: { id: full.callSid }, select: { purpose: true, needsCallback: true, queuedAt: true } }), { purpose: 'voicemail', needsCallback: true, queuedAt: null });

      const query = new SimulatedCall(stack.api.url);
      const keyed = await query.answer(await query.incoming(), { Digits: '3' });
      assert.deepEqual(spokenTexts(keyed.doc), [VOICE_PROMPT_TEMPLATES['voice.queryPrompt'].body]);
    } finally {
      await prisma.ruleSetting.update({ where: { key: 'ivr.maxQueueLength' }, data: { value: setting.value as never } });
    }
  });

  it('option 1 queues the caller, shows the call ringing on the live feed with the caller’s history, and a hang-up while waiting makes a missed call', async () => {
    const prisma = testPrisma();
    const from = randomMobile();
    const earlier = await insertProjectedCase(prisma, { citizenPhone: from, title: '小区噪音扰民', status: 'closed' });
    const feed = await LiveFeedReader.open(`${stack.api.url}/api/telephony/live`, operatorToken);
    try {
      const call = new SimulatedCall(stack.api.url, from);
      const menu = await call.incoming();
      const queued = await call.answer(menu, { Digits: '1' });
      assert.equal(queued.doc.Start.Stream.url, `${stack.api.url.replace('http', 'ws')}/telephony/media-stream`);
      const enqueue = queued.doc.Enqueue;
      assert.deepEqual([enqueue.text, enqueue.waitUrl, enqueue.action], ['operators', `${stack.api.url}/telephony/voice/hold`, `${stack.api.url}/telephony/voice/queue-result`]);
      // Twilio retries the menu step: same TwiML, no second ringing.
      assert.equal((await call.answer(menu, { Digits: '1' })).xml, queued.xml);

      const ringing = await feed.next((e) => e.type === 'ringing' && e.data.callId === call.callSid);
      assert.equal(ringing.data.fromNumber, from);
      assert.deepEqual(ringing.data.callerHistory.map((c: { id: string; title: string; status: string }) => [c.id, c.title, c.status]), [[earlier, '小区噪音扰民', 'closed']]);
      assert.ok(ringing.data.callerHistory[0].receivedAt);

      const ringingNow = await api.get(`/api/telephony/calls${listQuery({ filter: { queued: true } })}`, 'operator');
      assert.ok(ringingNow.body.some((c: { id: string }) => c.id === call.callSid));
      const hold = await call.post(enqueue.waitUrl, { QueuePosition: '2' });
      assert.deepEqual(hold.doc.Say.map((s: { text: string }) => s.text), ['话务员正在通话中，请您耐心等候。您目前排在第2位。']);

      const left = await call.post(enqueue.action, { QueueResult: 'hangup', QueueTime: '40' });
      assert.equal(left.status, 200);
      const ended = await feed.next((e) => e.type === 'ended' && e.data.callId === call.callSid);
      assert.equal(ended.data.missed, true);
      assert.equal((await call.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '52' })).status, 204);
      assert.equal((await call.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '52' })).status, 204, 'a retried status callback');

      const row = await prisma.call.findUniqueOrThrow({ where: { id: call.callSid } });
      assert.deepEqual([row.needsCallback, row.queueName, row.status, row.durationSec, row.answeredAt], [true, 'operators', 'completed', 52, null]);
      const missed = await api.get(`/api/telephony/calls${listQuery({ filter: { needsCallback: true, fromNumber: from } })}`, 'operator');
      assert.deepEqual(missed.body.map((c: { id: string }) => c.id), [call.callSid]);
      const stillRinging = await api.get(`/api/telephony/calls${listQuery({ filter: { queued: true } })}`, 'operator');
      assert.ok(!stillRinging.body.some((c: { id: string }) => c.id === call.callSid));
      // Each change once on the feed, retries notwithstanding.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(feed.events.filter((e) => e.data.callId === call.callSid).map((e) => e.type), ['ringing', 'ended']);
    } finally {
      feed.close();
    }
  });

  it('an operator taking the queued caller shows as answered, and the call’s end as ended, not missed', async () => {
    const feed = await LiveFeedReader.open(`${stack.api.url}/api/telephony/live`, operatorToken);
    try {
      const call = new SimulatedCall(stack.api.url);
      await call.answer(await call.incoming(), { Digits: '1' });
      const operatorLeg = await call.post('/telephony/voice/operator');
      assert.deepEqual([operatorLeg.doc.Dial.Queue.text, operatorLeg.doc.Dial.Queue.url], ['operators', `${stack.api.url}/telephony/voice/connect`]);
      const bridging = await call.post(operatorLeg.doc.Dial.Queue.url, { DequeueingCallSid: 'CA' + 'f'.repeat(32), QueueTime: '12' });
      assert.deepEqual(bridging.doc.Say.map((s: { text: string }) => s.text), [VOICE_PROMPT_TEMPLATES['voice.connecting'].body]);
      await feed.next((e) => e.type === 'answered' && e.data.callId === call.callSid);
      await call.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '300' });
      const ended = await feed.next((e) => e.type === 'ended' && e.data.callId === call.callSid);
      assert.equal(ended.data.missed, false);
      const row = await testPrisma().call.findUniqueOrThrow({ where: { id: call.callSid } });
      assert.equal(row.needsCallback, false);
      assert.ok(row.answeredAt && row.endedAt);
    } finally {
      feed.close();
    }
  });

  it('keeps the live feed to the hotline office’s roles, with the token in the Authorization header', async () => {
    assert.equal((await fetch(`${stack.api.url}/api/telephony/live`)).status, 401);
    const handler = await fetch(`${stack.api.url}/api/telephony/live`, { headers: { authorization: `Bearer ${await tokenOf(stack.api.url, 'handler')}` } });
    assert.equal(handler.status, 403);
    assert.equal((await api.get('/api/telephony/calls', 'handler')).status, 403);
  });

  describe('after seat hours', () => {
    let night: RunningApi;
    let workDir: string;
    let wav: Buffer;
    let wavDurationMs: number;
    /** The Twilio API base the night API's client is configured with: where recordings are. */
    let recordings: Awaited<ReturnType<typeof recordingServer>>;
    /** The night menu's 1: the <Record> of a voicemail. */
    const voicemailPrompt = async (call: SimulatedCall) => (await call.answer(await call.incoming(), { Digits: '1' })).doc.Record;

    before(async () => {
      // 03:00 in Shanghai, outside the seat hours.
      await testPrisma().ruleSetting.update({ where: { key: 'ivr.seatHours' }, data: { value: { start: '08:00', end: '22:00', timeZone: 'Asia/Shanghai' } } });
      workDir = mkdtempSync(path.join(os.tmpdir(), 'voicemail-'));
      execFileSync('espeak-ng', ['-v', 'cmn', '我家楼下的路灯坏了，请尽快修理。', '-w', path.join(workDir, 'speech.wav')]);
      execFileSync('sox', [path.join(workDir, 'speech.wav'), '-r', '8000', '-c', '1', '-e', 'u-law', path.join(workDir, 'voicemail.wav')]);
      wav = readFileSync(path.join(workDir, 'voicemail.wav'));
      wavDurationMs = Math.round(Number(execFileSync('soxi', ['-D', path.join(workDir, 'voicemail.wav')]).toString().trim()) * 1000);
      recordings = await recordingServer(wav);
      night = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, now: () => new Date('2026-11-23T19:00:00.000Z'), twilio: testTelephony(new URL(recordings.url).origin) });
    });

    after(async () => {
      await night?.close();
      await recordings?.close();
      rmSync(workDir, { recursive: true, force: true });
    });

    it('still takes a petition by voice (2) and a case query (3); a caller who keys nothing hears the night menu again', async () => {
      const petition = new SimulatedCall(night.url);
      const petitionMenu = await petition.incoming();
      const asked = await petition.answer(petitionMenu, { Digits: '2' });
      assert.deepEqual(spokenTexts(asked.doc), [VOICE_PROMPT_TEMPLATES['voice.petitionWhat'].body]);
      assert.ok(asked.doc.Start.Stream, 'the caller is recorded from here on');
      assert.deepEqual((await testPrisma().call.findUniqueOrThrow({ where: { id: petition.callSid } })).purpose, 'intake');

      const query = new SimulatedCall(night.url);
      const queryMenu = await query.incoming();
      const again = await query.answer(queryMenu, {});
      assert.deepEqual(spokenTexts(again.doc), [VOICE_PROMPT_TEMPLATES['voice.menuInvalid'].body, AFTER_HOURS_WELCOME]);
      const keyed = await query.answer(again, { Digits: '3' });
      assert.deepEqual(spokenTexts(keyed.doc), [VOICE_PROMPT_TEMPLATES['voice.queryPrompt'].body]);
      for (const callSid of [petition.callSid, query.callSid]) assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: callSid } })).needsCallback, false, 'no voicemail, no call-back owed');
    });

    it('takes a voicemail, downloads and keeps its recording once, lists the call for a call-back, and records the call-back', async () => {
      const prisma = testPrisma();
      const call = new SimulatedCall(night.url);
      const menu = await call.incoming();
      assert.deepEqual(spokenTexts(menu.doc), [AFTER_HOURS_WELCOME], 'the menu, saying the seat hours');
      const answer = await call.answer(menu, { Digits: '1' });
      assert.deepEqual(answer.doc.Say.map((s: { text: string }) => s.text)[0], VOICE_PROMPT_TEMPLATES['voice.voicemail'].body);
      const record = answer.doc.Record;
      assert.deepEqual([record.maxLength, record.playBeep, record.recordingStatusCallback], ['120', 'true', `${night.url}/telephony/voice/recording-status`]);
      const row = await prisma.call.findUniqueOrThrow({ where: { id: call.callSid } });
      assert.deepEqual([row.purpose, row.needsCallback], ['voicemail', true]);

      const done = await call.post(record.action, { RecordingUrl: 'x', RecordingDuration: '3', Digits: 'hangup' });
      assert.ok('Hangup' in done.doc);

      const hitsBefore = recordings.hits();
      {
        const recordingSid = newRecordingSid();
        const status = { RecordingSid: recordingSid, RecordingUrl: `${recordings.url}/${recordingSid}`, RecordingStatus: 'completed', RecordingDuration: String(Math.round(wavDurationMs / 1000)), RecordingChannels: '1', RecordingSource: 'RecordVerb' };
        assert.equal((await call.post(record.recordingStatusCallback, status)).status, 204);
        assert.equal((await call.post(record.recordingStatusCallback, status)).status, 204, 'a retried callback');
        assert.equal(recordings.hits() - hitsBefore, 1, 'downloaded once');

        const kept = await prisma.recording.findMany({ where: { callId: call.callSid }, include: { attachment: true } });
        assert.equal(kept.length, 1);
        const [voicemail] = kept;
        assert.deepEqual([voicemail!.source, voicemail!.status, voicemail!.recordingSid, voicemail!.attachment?.kind, voicemail!.attachment?.contentType, voicemail!.attachment?.caseId], ['voicemail', 'completed', recordingSid, 'recording', 'audio/wav', null]);
        assert.ok(Math.abs(voicemail!.durationMs! - wavDurationMs) <= 50, `${voicemail!.durationMs} ms vs ${wavDurationMs} ms`);
        assert.equal(voicemail!.attachment!.sha256, createHash('sha256').update(wav).digest('hex'));

        // The missed-call list, the call with its recording, playback for the office only.
        const missed = await api.get(`/api/telephony/calls${listQuery({ filter: { needsCallback: true, purpose: 'voicemail' }, range: [0, 99] })}`, 'operator');
        assert.ok(missed.body.some((c: { id: string }) => c.id === call.callSid));
        assert.match(missed.headers.get('content-range')!, /^calls 0-\d+\/\d+$/);
        const detail = await api.get(`/api/telephony/calls/${call.callSid}`, 'auditor');
        assert.deepEqual(detail.body.recordings.map((r: { attachment: { id: string } }) => r.attachment.id), [voicemail!.attachmentId]);
        const unitPlays = await api.get(`/api/attachments/${voicemail!.attachmentId}`, 'handler');
        assert.equal(unitPlays.status, 404, 'a unit never hears a recording with no case of its own');
        assert.equal((await api.get(`/api/attachments/${voicemail!.attachmentId}`, 'operator')).status, 200);

        const calledBack = await api.post(`/api/telephony/calls/${call.callSid}/called-back`, { reason: '已回电，市民已通过网站提交' }, 'operator');
        assert.equal(calledBack.status, 200);
        assert.deepEqual([calledBack.body.needsCallback, calledBack.body.calledBackById], [false, 'user-operator']);
        const again = await api.post(`/api/telephony/calls/${call.callSid}/called-back`, {}, 'operator');
        assert.equal(again.status, 409);
        assert.equal((await api.post(`/api/telephony/calls/${call.callSid}/called-back`, {}, 'handler')).status, 403);
        assert.equal((await api.post(`/api/telephony/calls/CA${'0'.repeat(32)}/called-back`, {}, 'operator')).status, 404);
        assert.equal((await api.post(`/api/telephony/calls/${call.callSid}/called-back`, { note: 'x' }, 'operator')).status, 400);
        const audit = await prisma.auditEvent.findMany({ where: { entityType: 'call', entityId: call.callSid, action: 'calledBack' } });
        assert.deepEqual(audit.map((a) => [a.actorId, a.reason]), [['user-operator', '已回电，市民已通过网站提交']]);
      }
    });

    it('stores a recording through the API that received it, playable by the office', async () => {
      const call = new SimulatedCall(night.url);
      const record = await voicemailPrompt(call);
      const recordingSid = newRecordingSid();
      await call.post(record.recordingStatusCallback, { RecordingSid: recordingSid, RecordingUrl: `${recordings.url}/${recordingSid}`, RecordingStatus: 'completed', RecordingDuration: '3' });
      const { attachmentId } = await testPrisma().recording.findUniqueOrThrow({ where: { recordingSid } });
      const played = await fetch(`${night.url}/api/attachments/${attachmentId}/content`, { headers: { authorization: `Bearer ${await tokenOf(night.url, 'operator')}` } });
      assert.equal(played.status, 200);
      assert.deepEqual(Buffer.from(await played.arrayBuffer()), wav);
    });

    it('refuses a RecordingUrl off the configured Twilio API base (another host, port or scheme, or another resource): 400 naming the field, nothing fetched, nothing kept', async () => {
      const prisma = testPrisma();
      const call = new SimulatedCall(night.url);
      const record = await voicemailPrompt(call);
      // A server the webhook's sender controls, on another port of the same host.
      const elsewhere = await recordingServer(wav);
      try {
        const configured = new URL(recordings.url);
        const hitsBefore = recordings.hits();
        const recordingSid = newRecordingSid();
        const offBase = [
          `${elsewhere.url}/${recordingSid}`,
          `http://localhost:${configured.port}${configured.pathname}/${recordingSid}`,
          `https://${configured.host}${configured.pathname}/${recordingSid}`,
          `http://user:pass@${configured.host}${configured.pathname}/${recordingSid}`,
          `${recordings.url}/${recordingSid}?redirect=${encodeURIComponent(elsewhere.url)}`,
          // The account's other REST resources, which would be kept and played back as "audio".
          `${configured.origin}/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Messages.json`,
          `${recordings.url}/${newRecordingSid()}`,
          `${configured.origin}/2010-04-01/Accounts/AC${'9'.repeat(32)}/Recordings/${recordingSid}`,
          'ftp://127.0.0.1/recording.wav',
        ];
        for (const recordingUrl of offBase) {
          const refused = await call.post(record.recordingStatusCallback, { RecordingSid: recordingSid, RecordingUrl: recordingUrl, RecordingStatus: 'completed', RecordingDuration: '3' });
          assert.equal(refused.status, 400, recordingUrl);
          assert.ok(JSON.parse(refused.xml).error.fields.RecordingUrl, recordingUrl);
        }
        assert.equal(elsewhere.hits(), 0, 'the other host saw no request (and no credentials)');
        assert.equal(recordings.hits(), hitsBefore, 'nothing fetched from the configured base either');
        assert.equal(await prisma.recording.count({ where: { callId: call.callSid } }), 0);

        // The same callback naming Twilio's own URL for it is downloaded.
        const kept = await call.post(record.recordingStatusCallback, { RecordingSid: recordingSid, RecordingUrl: `${recordings.url}/${recordingSid}`, RecordingStatus: 'completed', RecordingDuration: '3' });
        assert.equal(kept.status, 204);
        assert.equal(recordings.hits(), hitsBefore + 1);
        assert.equal(await prisma.recording.count({ where: { callId: call.callSid, status: 'completed' } }), 1);
      } finally {
        await elsewhere.close();
      }
    });
  });
});
