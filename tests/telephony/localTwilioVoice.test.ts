// The local Twilio endpoint playing Twilio's side of calls against a tiny TwiML app: signed
// webhooks, Gather with scripted digits and speech, Record, Media Streams, queues, redirects.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { mulaw } from 'alawmulaw';
import twilio from 'twilio';
import { WaveFile } from 'wavefile';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLogger } from '../../config/logger';
import { startLocalTwilio, type LocalTwilio } from '../../dev/localTwilio';
import { createTwilioClient } from '../../telephony/twilioClient';
import { speakChinese } from '../support/audio';
import { startTwimlApp, type TwimlApp } from '../support/twimlApp';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';

const { VoiceResponse } = twilio.twiml;
const CALLER = '+8613800138000';

describe('local Twilio endpoint: voice', () => {
  let app: TwimlApp;
  let local: LocalTwilio;

  before(async () => {
    app = await startTwimlApp();
    local = await startLocalTwilio({
      port: 0,
      accountSid: TEST_TWILIO_ACCOUNT_SID,
      authToken: TEST_TWILIO_AUTH_TOKEN,
      numbers: [TEST_HOTLINE_NUMBER],
      timing: { pauseScale: 0.01, recordScale: 0, queueWaitLoopMs: 100 },
      log: createLogger('local-twilio-test', 'silent'),
    });
  });

  after(async () => {
    await local?.close();
    await app?.close();
  });

  /** Points the hotline at `/<prefix>/incoming` and `/<prefix>/status` of the test app. */
  function hotlineTo(prefix: string): void {
    local.configureNumber(TEST_HOTLINE_NUMBER, { voiceUrl: `${app.url}/${prefix}/incoming`, voiceStatusCallback: `${app.url}/${prefix}/status`, smsUrl: `${app.url}/${prefix}/sms` });
  }

  function only(path: string): Record<string, string> {
    const hits = app.receivedAt(path);
    assert.equal(hits.length, 1, `one request to ${path}, got ${hits.length}`);
    return hits[0]!.params;
  }

  it('posts signed webhooks with Twilio parameters, and Gather delivers scripted digits and speech; without an answer left it moves on', async () => {
    hotlineTo('ivr');
    app.route('/ivr/incoming', () => {
      const response = new VoiceResponse();
      response.gather({ numDigits: 1, action: '/ivr/menu' }).say({ language: 'zh-CN' }, '请按键选择');
      response.say({ language: 'zh-CN' }, '没有收到按键');
      return response;
    });
    app.route('/ivr/menu', () => {
      const response = new VoiceResponse();
      response.gather({ input: ['speech'], action: '/ivr/speech', language: 'cmn-Hans-CN' }).say({ language: 'zh-CN' }, '请说出您的诉求');
      return response;
    });
    app.route('/ivr/speech', () => {
      const response = new VoiceResponse();
      response.gather({ numDigits: 4, action: '/ivr/never' });
      response.say({ language: 'zh-CN' }, '再见');
      response.hangup();
      response.say('never spoken');
      return response;
    });

    const sid = local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '2' }, { speech: '我要反映小区噪音', confidence: 0.87 }] } });
    const call = await local.waitForCall(sid, 10_000);

    assert.match(sid, /^CA[0-9a-f]{32}$/);
    assert.ok(app.received.length >= 4 && app.received.every((webhook) => webhook.signatureValid), 'every webhook carries a valid X-Twilio-Signature');
    const incoming = only('/ivr/incoming');
    assert.deepEqual(
      { CallSid: incoming.CallSid, AccountSid: incoming.AccountSid, From: incoming.From, To: incoming.To, CallStatus: incoming.CallStatus, Direction: incoming.Direction, ApiVersion: incoming.ApiVersion },
      { CallSid: sid, AccountSid: TEST_TWILIO_ACCOUNT_SID, From: CALLER, To: TEST_HOTLINE_NUMBER, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01' },
    );
    const menu = only('/ivr/menu');
    assert.equal(menu.Digits, '2');
    assert.equal(menu.CallStatus, 'in-progress');
    const speech = only('/ivr/speech');
    assert.equal(speech.SpeechResult, '我要反映小区噪音');
    assert.equal(speech.Confidence, '0.87');
    assert.equal(speech.Digits, undefined);
    assert.equal(app.receivedAt('/ivr/never').length, 0, 'a timed-out gather does not request its action');
    assert.deepEqual(call.said, ['请按键选择', '请说出您的诉求', '再见']);
    assert.equal(call.status, 'completed');
    const status = only('/ivr/status');
    assert.equal(status.CallStatus, 'completed');
    assert.match(status.CallDuration ?? '', /^\d+$/);
  });

  it('cuts digits at finishOnKey and posts an empty result when actionOnEmptyResult asks for it', async () => {
    hotlineTo('keys');
    app.route('/keys/incoming', () => {
      const response = new VoiceResponse();
      response.gather({ action: '/keys/number', finishOnKey: '#' }).say('请输入受理号，以井号结束');
      return response;
    });
    app.route('/keys/number', () => {
      const response = new VoiceResponse();
      response.gather({ action: '/keys/empty', actionOnEmptyResult: true, numDigits: 1 });
      return response;
    });
    app.route('/keys/empty', () => new VoiceResponse().hangup());

    const sid = local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { answers: [{ digits: '20261123#9' }, { silence: true }] } });
    await local.waitForCall(sid, 10_000);

    const number = only('/keys/number');
    assert.equal(number.Digits, '20261123');
    assert.equal(number.FinishedOnKey, '#');
    const empty = only('/keys/empty');
    assert.equal(empty.Digits, undefined);
    assert.equal(empty.CallSid, sid);
  });

  it('records the caller with <Record>: a fetchable 8 kHz WAV exactly as long as the audio, reported to action and recording status callback', async () => {
    const voice = await speakChinese('我家楼下每天晚上施工，噪音很大');
    hotlineTo('rec');
    app.route('/rec/incoming', () => {
      const response = new VoiceResponse();
      response.say({ language: 'zh-CN' }, '请在提示音后说出您的诉求');
      response.record({ action: '/rec/done', maxLength: 60, playBeep: true, recordingStatusCallback: '/rec/recording-status' });
      return response;
    });
    app.route('/rec/done', () => new VoiceResponse().hangup());

    const sid = local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { audioPath: voice.path } });
    const call = await local.waitForCall(sid, 10_000);

    const done = only('/rec/done');
    assert.match(done.RecordingSid ?? '', /^RE[0-9a-f]{32}$/);
    assert.equal(done.RecordingUrl, `${local.url}/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Recordings/${done.RecordingSid}`);
    assert.equal(done.RecordingDuration, String(Math.round(voice.durationMs / 1000)));
    const media = await fetch(done.RecordingUrl!);
    assert.equal(media.status, 200);
    assert.match(media.headers.get('content-type') ?? '', /audio\/x-wav/);
    const wav = new WaveFile(new Uint8Array(await media.arrayBuffer()));
    const fmt = wav.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
    assert.deepEqual([fmt.sampleRate, fmt.numChannels, fmt.bitsPerSample], [8000, 1, 16]);
    const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array;
    assert.equal((samples.length / 8000) * 1000, voice.durationMs, 'the recording lasts exactly as long as what was said');
    assert.deepEqual(Array.from(samples.subarray(0, 4000)), Array.from(mulaw.decode(voice.mulaw.subarray(0, 4000))), 'and holds what was said');
    const status = only('/rec/recording-status');
    assert.deepEqual([status.RecordingSid, status.RecordingStatus, status.RecordingUrl, status.CallSid], [done.RecordingSid, 'completed', done.RecordingUrl, sid]);
    assert.deepEqual(call.recordingSids, [done.RecordingSid]);
    assert.ok(call.log.some((entry) => entry.kind === 'beep'));
  });

  it('streams the caller audio file to <Start><Stream> in real time: connected, start, 20 ms base64 µ-law media frames, stop', async () => {
    const voice = await speakChinese('您好，我想咨询社保卡补办');
    const wss = new WebSocketServer({ server: app.server, path: '/media' });
    const received: { message: any; atMs: number }[] = [];
    const handshakes: IncomingMessage[] = [];
    const closed = new Promise<void>((resolve) => {
      wss.on('connection', (socket: WebSocket, request) => {
        handshakes.push(request);
        socket.on('message', (data) => received.push({ message: JSON.parse(data.toString()), atMs: performance.now() }));
        socket.on('close', () => resolve());
      });
    });
    const streamUrl = `${app.url.replace('http', 'ws')}/media`;
    try {
      hotlineTo('stream');
      app.route('/stream/incoming', () => {
        const response = new VoiceResponse();
        const stream = response.start().stream({ url: streamUrl, name: 'caller' });
        stream.parameter({ name: 'caseHint', value: 'consult' });
        response.enqueue({}, 'operators');
        return response;
      });
      const sid = local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { audioPath: voice.path, holdMs: Math.round(voice.durationMs) + 500 } });
      const call = await local.waitForCall(sid, 20_000);
      await closed;

      assert.equal(handshakes.length, 1, 'the stream connected once');
      assert.ok(twilio.validateRequest(TEST_TWILIO_AUTH_TOKEN, String(handshakes[0]!.headers['x-twilio-signature']), streamUrl, {}), 'the handshake is signed');
      const messages = received.map((r) => r.message);
      assert.deepEqual(messages[0], { event: 'connected', protocol: 'Call', version: '1.0.0' });
      const start = messages[1];
      assert.equal(start.event, 'start');
      assert.equal(start.sequenceNumber, '1');
      assert.match(start.streamSid, /^MZ[0-9a-f]{32}$/);
      assert.deepEqual(start.start, {
        accountSid: TEST_TWILIO_ACCOUNT_SID,
        streamSid: start.streamSid,
        callSid: sid,
        tracks: ['inbound'],
        customParameters: { caseHint: 'consult' },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      });
      const frames = Math.ceil(voice.mulaw.length / 160);
      const media = received.filter((r) => r.message.event === 'media');
      assert.equal(media.length, frames);
      media.forEach(({ message }, index) => {
        assert.equal(message.streamSid, start.streamSid);
        assert.equal(message.sequenceNumber, String(index + 2));
        assert.deepEqual([message.media.track, message.media.chunk, message.media.timestamp], ['inbound', String(index + 1), String(index * 20)]);
      });
      const payload = Buffer.concat(media.map(({ message }) => Buffer.from(message.media.payload, 'base64')));
      assert.equal(payload.length, frames * 160, 'every frame is 160 bytes');
      assert.ok(payload.subarray(0, voice.mulaw.length).equals(voice.mulaw), 'the frames carry the audio file, byte for byte');
      // Real time: frame k leaves no earlier than k·20 ms after the first (a little jitter allowed).
      const first = media[0]!.atMs;
      media.forEach(({ atMs }, index) => assert.ok(atMs - first >= index * 20 - 25, `frame ${index} arrived ${Math.round(atMs - first)} ms after the first`));
      const span = media[media.length - 1]!.atMs - first;
      assert.ok(span >= (frames - 1) * 20 * 0.95 && span <= (frames - 1) * 20 * 1.2, `frames spread over ${Math.round(span)} ms, audio ${(frames - 1) * 20} ms`);
      const stop = messages[messages.length - 1];
      assert.deepEqual(stop, { event: 'stop', sequenceNumber: String(frames + 2), streamSid: start.streamSid, stop: { accountSid: TEST_TWILIO_ACCOUNT_SID, callSid: sid } });
      assert.equal(call.streams[0]?.framesSent, frames);
      assert.equal(call.streams[0]?.sentMs, frames * 20);
      assert.equal(call.streams[0]?.stoppedBy, 'audio-end');
    } finally {
      wss.close();
    }
  });

  it('stops a named stream at <Stop><Stream> while the call goes on', async () => {
    const voice = await speakChinese('我要投诉物业');
    const wss = new WebSocketServer({ server: app.server, path: '/stopped' });
    const events: string[] = [];
    wss.on('connection', (socket: WebSocket) => socket.on('message', (data) => events.push(JSON.parse(data.toString()).event)));
    try {
      hotlineTo('stop');
      app.route('/stop/incoming', () => {
        const response = new VoiceResponse();
        response.start().stream({ url: `${app.url.replace('http', 'ws')}/stopped`, name: 'caller' });
        response.pause({ length: 20 });
        response.stop().stream({ name: 'caller' });
        response.say('stream stopped');
        return response;
      });
      const call = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { audioPath: voice.path } }), 10_000);
      const run = call.streams[0]!;
      assert.equal(run.stoppedBy, 'stop-verb');
      assert.ok(run.framesSent > 3 && run.sentMs < voice.durationMs, `part of the audio was streamed (${run.sentMs} ms of ${voice.durationMs})`);
      assert.deepEqual([events[0], events[1], events.at(-1)], ['connected', 'start', 'stop']);
      assert.equal(events.filter((event) => event === 'media').length, run.framesSent);
      assert.deepEqual(call.said, ['stream stopped']);
    } finally {
      wss.close();
    }
  });

  it('holds the caller in <Enqueue>, fetching the waitUrl in a loop, and reports the hang-up after holdMs to the action', async () => {
    hotlineTo('queue');
    app.route('/queue/incoming', () => {
      const response = new VoiceResponse();
      response.enqueue({ waitUrl: '/queue/wait', action: '/queue/left' }, 'operators');
      return response;
    });
    app.route('/queue/wait', () => new VoiceResponse().say({ language: 'zh-CN' }, '坐席忙，请稍候'));

    const started = Date.now();
    const sid = local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { holdMs: 600 } });
    const call = await local.waitForCall(sid, 10_000);

    assert.ok(Date.now() - started >= 600, 'the caller held for holdMs');
    const waits = app.receivedAt('/queue/wait');
    assert.ok(waits.length >= 3, `the wait document is played in a loop (${waits.length} times)`);
    assert.match(waits[0]!.params.QueueSid ?? '', /^QU[0-9a-f]{32}$/);
    assert.deepEqual([waits[0]!.params.QueuePosition, waits[0]!.params.CurrentQueueSize], ['1', '1']);
    const left = only('/queue/left');
    assert.equal(left.QueueResult, 'hangup');
    assert.equal(left.QueueSid, waits[0]!.params.QueueSid);
    assert.equal(call.status, 'completed');
  });

  it('takes a queued caller out with a REST redirect (the real twilio client): QueueResult redirected, then the new TwiML', async () => {
    hotlineTo('dequeue');
    app.route('/dequeue/incoming', () => {
      const response = new VoiceResponse();
      response.enqueue({ action: '/dequeue/left' }, 'operators');
      return response;
    });
    app.route('/dequeue/operator', () => {
      const response = new VoiceResponse();
      response.say({ language: 'zh-CN' }, '接线员为您服务');
      return response;
    });
    const client = createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, apiBaseUrl: local.url });

    const sid = local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { holdMs: 30_000 } });
    await waitUntil(() => local.call(sid)?.log.some((entry) => entry.kind === 'enqueue') ?? false);
    const updated = await client.calls(sid).update({ url: `${app.url}/dequeue/operator`, method: 'POST' });
    const call = await local.waitForCall(sid, 10_000);

    assert.equal(updated.sid, sid);
    assert.equal(only('/dequeue/left').QueueResult, 'redirected');
    assert.equal(only('/dequeue/operator').CallSid, sid);
    assert.deepEqual(call.said, ['接线员为您服务']);
    assert.ok((call.durationSec ?? 99) < 5, 'the caller did not wait out holdMs');
  });

  it('<Dial><Number> places a child leg from callerId, bridges it while the phone talks, and reports DialCallStatus, DialCallSid and DialCallDuration to the action', async () => {
    const unit = '+8653181010009';
    local.scriptPhone(unit, { answer: 'answer', ringMs: 20, talkMs: 1200 });
    hotlineTo('dial');
    app.route('/dial/incoming', () => {
      const response = new VoiceResponse();
      response.dial({ callerId: TEST_HOTLINE_NUMBER, action: '/dial/done', timeout: 10 }).number(unit);
      response.say('never after a Dial with an action');
      return response;
    });
    app.route('/dial/done', () => {
      const response = new VoiceResponse();
      response.say('after');
      return response;
    });
    const call = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);
    const child = local.calls().find((c) => c.parentCallSid === call.sid);
    assert.ok(child);
    assert.deepEqual([child.direction, child.from, child.to, child.status, child.durationSec], ['outbound-dial', TEST_HOTLINE_NUMBER, unit, 'completed', 1]);
    const done = only('/dial/done');
    assert.deepEqual([done.CallSid, done.DialCallStatus, done.DialCallSid, done.DialCallDuration], [call.sid, 'completed', child.sid, '1']);
    assert.deepEqual(call.said, ['after']);
  });

  it('<Dial record="record-from-answer-dual"> records both legs from the answer: the parent in channel 1, the child in channel 2, served by the REST API and reported with the parent’s CallSid', async () => {
    const [callerVoice, unitVoice] = await Promise.all([speakChinese('我想问一下工单的办理情况'), speakChinese('您好，这里是城管局，您反映的问题我们已经在处理')]);
    const unit = '+8653181010012';
    local.scriptPhone(unit, { answer: 'answer', ringMs: 20, talkMs: 1200, audioPath: unitVoice.path });
    hotlineTo('dialrec');
    app.route('/dialrec/incoming', () => {
      const response = new VoiceResponse();
      response.dial({ callerId: TEST_HOTLINE_NUMBER, action: '/dialrec/done', timeLimit: 60, record: 'record-from-answer-dual', recordingStatusCallback: '/dialrec/recording', recordingStatusCallbackEvent: ['in-progress', 'completed'] }).number(unit);
      return response;
    });
    app.route('/dialrec/done', () => new VoiceResponse().hangup());
    const call = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { audioPath: callerVoice.path } }), 10_000);
    const child = local.calls().find((c) => c.parentCallSid === call.sid);
    assert.ok(child);
    const done = only('/dialrec/done');
    assert.deepEqual([done.DialCallStatus, done.DialCallSid], ['completed', child.sid]);

    const reports = app.receivedAt('/dialrec/recording');
    assert.ok(reports.every((report) => report.signatureValid));
    assert.deepEqual(reports.map((report) => report.params.RecordingStatus), ['in-progress', 'completed']);
    const status = reports[1]!.params;
    assert.match(status.RecordingSid ?? '', /^RE[0-9a-f]{32}$/);
    assert.deepEqual(
      [status.CallSid, status.AccountSid, status.RecordingSource, status.RecordingChannels, status.RecordingTrack, status.RecordingUrl, status.RecordingDuration],
      [call.sid, TEST_TWILIO_ACCOUNT_SID, 'DialVerb', '2', 'both', `${local.url}/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Recordings/${status.RecordingSid}`, done.DialCallDuration],
    );
    assert.deepEqual(call.recordingSids, [status.RecordingSid]);

    // The recording resource and its media, through the real twilio client and a plain GET.
    const client = createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, apiBaseUrl: local.url });
    const resource = await client.recordings(status.RecordingSid!).fetch();
    assert.deepEqual([resource.callSid, resource.channels, resource.source, resource.duration], [call.sid, 2, 'DialVerb', status.RecordingDuration]);
    const media = await fetch(status.RecordingUrl!);
    assert.equal(media.status, 200);
    const wav = new WaveFile(new Uint8Array(await media.arrayBuffer()));
    const fmt = wav.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
    assert.deepEqual([fmt.sampleRate, fmt.numChannels, fmt.bitsPerSample], [8000, 2, 16]);
    const [parentChannel, childChannel] = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
    assert.ok(parentChannel && childChannel && parentChannel.length >= 8000, 'at least the second the two talked');
    assert.deepEqual(Array.from(parentChannel.subarray(0, 4000)), Array.from(mulaw.decode(callerVoice.mulaw.subarray(0, 4000))), 'the caller in the first channel');
    assert.deepEqual(Array.from(childChannel.subarray(0, 4000)), Array.from(mulaw.decode(unitVoice.mulaw.subarray(0, 4000))), 'the dialled phone in the second');
  });

  it('<Dial record="record-from-answer"> mixes both legs into one channel within the timeLimit, records nothing of an unanswered Dial, and logs a record value Twilio does not know', async () => {
    const unitVoice = await speakChinese('您好，这里是城管局');
    const talker = '+8653181010013';
    const nobody = '+8653181010014';
    local.scriptPhone(talker, { answer: 'answer', talkMs: 30_000, audioPath: unitVoice.path });
    local.scriptPhone(nobody, { answer: 'no-answer' });
    hotlineTo('dialmix');
    app.route('/dialmix/incoming', () => {
      const response = new VoiceResponse();
      response.dial({ callerId: TEST_HOTLINE_NUMBER, action: '/dialmix/next', timeLimit: 1, record: 'record-from-answer', recordingStatusCallback: '/dialmix/recording' }).number(talker);
      return response;
    });
    app.route('/dialmix/next', () => {
      const response = new VoiceResponse();
      response.dial({ callerId: TEST_HOTLINE_NUMBER, action: '/dialmix/last', record: 'record-from-answer', recordingStatusCallback: '/dialmix/recording' }).number(nobody);
      return response;
    });
    app.route('/dialmix/last', () => `<Response><Dial callerId="${TEST_HOTLINE_NUMBER}" timeLimit="1" record="sometimes">${talker}</Dial></Response>`);
    const call = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);

    assert.deepEqual([only('/dialmix/next').DialCallStatus, only('/dialmix/next').DialCallDuration], ['completed', '1'], 'the timeLimit ended the bridge');
    assert.equal(only('/dialmix/last').DialCallStatus, 'no-answer');
    const status = only('/dialmix/recording');
    assert.deepEqual([status.RecordingChannels, status.RecordingSource, status.RecordingDuration], ['1', 'DialVerb', '1']);
    const wav = new WaveFile(new Uint8Array(await (await fetch(status.RecordingUrl!)).arrayBuffer()));
    assert.equal((wav.fmt as { numChannels: number }).numChannels, 1);
    const mixed = wav.getSamples(false, Int16Array) as unknown as Int16Array;
    // The caller was silent: the mix is the dialled phone's voice.
    assert.deepEqual(Array.from(mixed.subarray(0, 4000)), Array.from(mulaw.decode(unitVoice.mulaw.subarray(0, 4000))));
    assert.deepEqual(call.recordingSids, [status.RecordingSid]);
    assert.ok(call.log.some((entry) => entry.kind === 'unsupported' && entry.attr === 'record' && entry.value === 'sometimes'));
  });

  it('<Dial record="record-from-ringing-dual"> starts recording while the phone rings: silence until the answer, then the voices', async () => {
    const unitVoice = await speakChinese('城管局，请讲');
    const slowUnit = '+8653181010015';
    local.scriptPhone(slowUnit, { answer: 'answer', ringMs: 600, talkMs: 1000, audioPath: unitVoice.path });
    hotlineTo('dialring');
    app.route('/dialring/incoming', () => {
      const response = new VoiceResponse();
      response.dial({ callerId: TEST_HOTLINE_NUMBER, action: '/dialring/done', record: 'record-from-ringing-dual', recordingStatusCallback: '/dialring/recording' }).number(slowUnit);
      return response;
    });
    app.route('/dialring/done', () => new VoiceResponse().hangup());
    await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);
    const status = only('/dialring/recording');
    assert.deepEqual([status.RecordingChannels, status.RecordingStatus], ['2', 'completed']);
    const wav = new WaveFile(new Uint8Array(await (await fetch(status.RecordingUrl!)).arrayBuffer()));
    const [, childChannel] = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
    assert.ok(childChannel && childChannel.length >= 1.6 * 8000, 'the ringing and the talk');
    // The phone rang at least 600 ms: the first half second is silence, and the voice comes after.
    assert.ok(childChannel.subarray(0, 4000).every((sample) => sample === 0), 'silence while it rings');
    assert.ok(childChannel.subarray(4000).some((sample) => sample !== 0), 'the answered phone’s voice');
  });

  it('<Dial> reports busy, no-answer past its timeout, and failed for a callerId not of the account; without an action the next verb runs', async () => {
    const busy = '+8653181010010';
    const slow = '+8653181010011';
    local.scriptPhone(busy, { answer: 'busy' });
    local.scriptPhone(slow, { answer: 'answer', ringMs: 1500 });
    hotlineTo('dialfail');
    app.route('/dialfail/incoming', () => {
      const response = new VoiceResponse();
      response.dial({ action: '/dialfail/one' }, busy);
      return response;
    });
    app.route('/dialfail/one', () => {
      const response = new VoiceResponse();
      response.dial({ callerId: TEST_HOTLINE_NUMBER, timeout: 1, action: '/dialfail/two' }, slow);
      return response;
    });
    app.route('/dialfail/two', () => {
      const response = new VoiceResponse();
      response.dial({ callerId: '+8610000000000' }, busy);
      response.say('next verb');
      return response;
    });
    const call = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);
    const one = only('/dialfail/one');
    assert.equal(one.DialCallStatus, 'busy');
    // Without callerId the child leg shows the caller's own number.
    assert.equal(local.call(one.DialCallSid!)?.from, CALLER);
    assert.equal(only('/dialfail/two').DialCallStatus, 'no-answer');
    assert.ok(call.log.some((entry) => entry.kind === 'error' && entry.code === 13214));
    assert.deepEqual(call.said, ['next verb']);
  });

  it('<Dial><Queue> takes the first waiting caller: the <Queue url> plays to them, they are bridged, and a REST redirect of the caller ends both sides’ reports', async () => {
    const deskLine = '+8653112399';
    hotlineTo('bridge');
    local.configureNumber(deskLine, { voiceUrl: `${app.url}/bridge/desk` });
    app.route('/bridge/incoming', () => {
      const response = new VoiceResponse();
      response.enqueue({ action: '/bridge/left', waitUrl: '/bridge/wait' }, 'bridge-q');
      return response;
    });
    app.route('/bridge/wait', () => {
      const response = new VoiceResponse();
      response.pause({ length: 5 });
      return response;
    });
    app.route('/bridge/desk', () => {
      const response = new VoiceResponse();
      response.dial({ action: '/bridge/dialled', timeout: 10 }).queue({ url: '/bridge/about-to-connect' }, 'bridge-q');
      return response;
    });
    app.route('/bridge/about-to-connect', () => {
      const response = new VoiceResponse();
      response.say({ language: 'zh-CN' }, '正在为您接通');
      return response;
    });
    app.route('/bridge/elsewhere', () => {
      const response = new VoiceResponse();
      response.say('moved');
      return response;
    });
    app.route('/bridge/dialled', () => new VoiceResponse());
    const client = createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, apiBaseUrl: local.url });

    const caller = local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { holdMs: 30_000 } });
    await waitUntil(() => local.call(caller)?.log.some((entry) => entry.kind === 'enqueue') ?? false);
    const operator = local.placeCall({ from: '+8613800000099', to: deskLine });
    await waitUntil(() => local.call(caller)?.log.some((entry) => entry.kind === 'bridged') ?? false);
    const connect = only('/bridge/about-to-connect');
    assert.deepEqual([connect.CallSid, connect.DequeingCallSid], [caller, operator]);
    assert.equal(local.call(operator)?.status, 'in-progress', 'the operator stays on the bridge');

    await client.calls(caller).update({ url: `${app.url}/bridge/elsewhere`, method: 'POST' });
    const [callerView, operatorView] = await Promise.all([local.waitForCall(caller, 10_000), local.waitForCall(operator, 10_000)]);
    assert.deepEqual(callerView.said, ['正在为您接通', 'moved']);
    assert.equal(only('/bridge/left').QueueResult, 'redirected-from-bridged');
    const dialled = only('/bridge/dialled');
    assert.deepEqual([dialled.DialCallStatus, dialled.DialCallSid, dialled.CallSid], ['completed', caller, operator]);
    assert.match(dialled.QueueSid ?? '', /^QU[0-9a-f]{32}$/);
    assert.equal(operatorView.status, 'completed');
  });

  it('follows <Redirect>, ends at <Hangup> (nothing after it runs), and <Reject> ends an unanswered call as busy', async () => {
    hotlineTo('flow');
    app.route('/flow/incoming', () => {
      const response = new VoiceResponse();
      response.say('one');
      response.redirect('/flow/second');
      response.say('never after redirect');
      return response;
    });
    app.route('/flow/second', () => {
      const response = new VoiceResponse();
      response.say('two');
      response.hangup();
      response.say('never after hangup');
      return response;
    });
    const answered = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);
    assert.deepEqual(answered.said, ['one', 'two']);
    assert.equal(answered.status, 'completed');

    hotlineTo('reject');
    app.route('/reject/incoming', () => {
      const response = new VoiceResponse();
      response.reject({ reason: 'busy' });
      return response;
    });
    const rejected = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);
    assert.equal(rejected.status, 'busy');
    assert.equal(rejected.answeredAt, null);
    assert.deepEqual([only('/reject/status').CallStatus, only('/reject/status').CallDuration], ['busy', '0']);
  });

  it('ends the call when the application fails (HTTP 500, or not TwiML), logging Twilio error 11200 / 12100', async () => {
    hotlineTo('broken');
    app.route('/broken/incoming', () => ({ status: 500 }));
    const failed = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);
    assert.ok(failed.log.some((entry) => entry.kind === 'error' && entry.code === 11200));
    assert.deepEqual([failed.status, failed.said], ['completed', ['We are sorry, an application error has occurred. Goodbye.']]);

    hotlineTo('garbled');
    app.route('/garbled/incoming', () => '<Response><Say>unclosed');
    const garbled = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER }), 10_000);
    assert.ok(garbled.log.some((entry) => entry.kind === 'error' && entry.code === 12100));
  });

  it('answers marks on a bidirectional <Connect><Stream> once the audio sent before them has played', async () => {
    const wss = new WebSocketServer({ server: app.server, path: '/bidi' });
    const marks: { name: string; atMs: number }[] = [];
    let sentAt = 0;
    wss.on('connection', (socket: WebSocket) => {
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.event === 'start') {
          // 200 ms of audio, then a mark: Twilio answers the mark when it has played the audio.
          socket.send(JSON.stringify({ event: 'media', streamSid: message.streamSid, media: { payload: Buffer.alloc(1600, 0xff).toString('base64') } }));
          socket.send(JSON.stringify({ event: 'mark', streamSid: message.streamSid, mark: { name: 'prompt-done' } }));
          socket.send('not json at all');
          sentAt = performance.now();
        }
        if (message.event === 'mark') {
          marks.push({ name: message.mark.name, atMs: performance.now() - sentAt });
          socket.close();
        }
      });
    });
    try {
      hotlineTo('bidi');
      app.route('/bidi/incoming', () => {
        const response = new VoiceResponse();
        response.connect().stream({ url: `${app.url.replace('http', 'ws')}/bidi` });
        response.say('after the stream');
        return response;
      });
      const call = await local.waitForCall(local.placeCall({ from: CALLER, to: TEST_HOTLINE_NUMBER, script: { streamEnd: 'callEnd' } }), 10_000);
      assert.equal(marks.length, 1);
      assert.equal(marks[0]!.name, 'prompt-done');
      assert.ok(marks[0]!.atMs >= 180, `the mark came back after the 200 ms of audio (${Math.round(marks[0]!.atMs)} ms)`);
      assert.equal(call.streams[0]?.marksAcked, 1);
      assert.equal(call.streams[0]?.mediaReceived, 1);
      assert.deepEqual(call.said, ['after the stream'], 'the call goes on after the socket closes');
    } finally {
      wss.close();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
