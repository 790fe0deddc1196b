// The Media Streams endpoint over real WebSockets, against the real API server, PostgreSQL and
// a disk attachment store of the test's own: Mandarin speech from espeak-ng streamed as Twilio
// streams it (signed upgrade, 20 ms µ-law frames in real time), then the stored WAV read back.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mulaw } from 'alawmulaw';
import { WaveFile } from 'wavefile';
import WebSocket from 'ws';
import { DiskStore } from '../../storage/diskStore';
import { insertProjectedCase } from '../support/cases';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { SimulatedCall, useSeatHoursAllDay } from '../support/ivr';
import { FRAME_BYTES, mediaStreamWsUrl, newCallSid, newStreamSid, silenceMulaw, sleep, speechMulaw, streamTokenFor, TwilioStreamClient, UpgradeRefused } from '../support/mediaStreams';
import { waitUntil } from '../support/petitions';
import { TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';

const prisma = testPrisma();
const PHRASE = '您好，我要反映解放路夜市占道经营的问题。';
const OTHER_PHRASE = '请问我的工单现在办理到哪一步了？';

interface StoredStream {
  status: string;
  durationMs: number;
  attachment: { caseId: string | null; kind: string; contentType: string; sizeBytes: number; storageKey: string };
  wav: WaveFile;
  /** Samples per channel, as 16-bit integers. */
  channels: Int16Array[];
}

async function readStream(store: DiskStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Waits until the server has finished the stream, then reads its recording back from the store. */
async function storedStream(store: DiskStore, streamSid: string): Promise<StoredStream> {
  await waitUntil(async () => {
    const row = await prisma.recording.findUnique({ where: { streamSid } });
    return row !== null && row.status !== 'inProgress';
  });
  const recording = await prisma.recording.findUniqueOrThrow({ where: { streamSid }, include: { attachment: true } });
  assert.ok(recording.attachment, `recording ${recording.status} has no attachment`);
  const wav = new WaveFile(await readStream(store, recording.attachment.storageKey));
  const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  return { status: recording.status, durationMs: recording.durationMs!, attachment: recording.attachment, wav, channels: Array.isArray(samples) ? samples : [samples] };
}

function decoded(audio: Buffer): Int16Array {
  return mulaw.decode(audio);
}

function assertSameSamples(actual: Int16Array, expected: Int16Array, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: sample count`);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) assert.fail(`${label}: sample ${i} is ${actual[i]}, sent ${expected[i]}`);
  }
}

/** A stream as Twilio runs it: connected, start, the audio in real time, stop. */
async function streamCall(url: string, audio: Buffer, identity = { callSid: newCallSid(), streamSid: newStreamSid() }) {
  const client = await TwilioStreamClient.connect(url, identity);
  client.connected();
  client.start();
  await client.streamAudio(audio);
  await client.finish();
  return identity;
}

describe('Media Streams endpoint (/telephony/media-stream)', function () {
  this.timeout(60_000);
  let api: RunningApi;
  let store: DiskStore;
  let storeDir: string;
  let url: string;

  before(async () => {
    storeDir = await mkdtemp(path.join(os.tmpdir(), 'media-streams-test-'));
    store = new DiskStore(storeDir);
    api = await startApi({ attachmentStore: store });
    url = mediaStreamWsUrl(api.url);
  });

  after(async () => {
    await api.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  it('stores a streamed call as a playable 8 kHz 16-bit WAV with the samples sent, on the call and the case it registered', async () => {
    const audio = await speechMulaw(PHRASE);
    const caseId = await insertProjectedCase(prisma);
    const identity = { callSid: newCallSid(), streamSid: newStreamSid(), customParameters: { from: '+8613900001111', to: '+8653112345' } };
    const client = await TwilioStreamClient.connect(url, identity);
    client.connected();
    client.start();
    const half = Math.floor(audio.length / 2 / FRAME_BYTES) * FRAME_BYTES;
    await client.streamAudio(audio.subarray(0, half));
    // Mid-call the operator registers the case: the recording belongs to it when the stream ends.
    await waitUntil(async () => (await prisma.call.findUnique({ where: { id: identity.callSid } })) !== null);
    const whileStreaming = await prisma.recording.findUniqueOrThrow({ where: { streamSid: identity.streamSid } });
    assert.equal(whileStreaming.status, 'inProgress');
    await prisma.call.update({ where: { id: identity.callSid }, data: { caseId } });
    await client.streamAudio(audio.subarray(half));
    await client.finish();

    const stored = await storedStream(store, identity.streamSid);
    assert.equal(stored.status, 'completed');
    const sentMs = (audio.length / 8000) * 1000;
    assert.ok(Math.abs(stored.durationMs - sentMs) <= 50, `duration ${stored.durationMs} ms, sent ${sentMs} ms`);
    const fmt = stored.wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number };
    assert.deepEqual([fmt.audioFormat, fmt.numChannels, fmt.sampleRate, fmt.bitsPerSample], [1, 1, 8000, 16]);
    assert.ok(Math.abs((stored.channels[0]!.length / 8000) * 1000 - sentMs) <= 50);
    assertSameSamples(stored.channels[0]!, decoded(audio), 'caller track');
    assert.deepEqual(
      { caseId: stored.attachment.caseId, kind: stored.attachment.kind, contentType: stored.attachment.contentType },
      { caseId, kind: 'recording', contentType: 'audio/wav' },
    );
    const call = await prisma.call.findUniqueOrThrow({ where: { id: identity.callSid } });
    assert.deepEqual({ callSid: call.callSid, fromNumber: call.fromNumber, toNumber: call.toNumber }, { callSid: identity.callSid, fromNumber: '+8613900001111', toNumber: '+8653112345' });
    const audit = await prisma.auditEvent.findMany({ where: { OR: [{ entityId: whileStreaming.id }, { entityType: 'attachment', caseId }] }, orderBy: { id: 'asc' } });
    assert.deepEqual(audit.map((event) => event.action), ['callStreamStarted', 'attachmentAdded', 'callStreamRecorded']);
  });

  it('keeps a call row the voice webhooks already wrote as it was', async () => {
    const callSid = newCallSid();
    await prisma.call.create({ data: { id: callSid, callSid, direction: 'inbound', purpose: 'intake', fromNumber: '+8613900002222', toNumber: '+8653112345', status: 'in-progress', startedAt: new Date() } });
    const { streamSid } = await streamCall(url, silenceMulaw(200), { callSid, streamSid: newStreamSid() });
    const stored = await storedStream(store, streamSid);
    assert.equal(stored.status, 'completed');
    const call = await prisma.call.findUniqueOrThrow({ where: { id: callSid } });
    assert.deepEqual({ purpose: call.purpose, fromNumber: call.fromNumber }, { purpose: 'intake', fromNumber: '+8613900002222' });
  });

  it('refuses upgrades Twilio did not sign (401 without a signature, 403 with a wrong one) and drops other paths', async () => {
    const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
    await assert.rejects(TwilioStreamClient.connect(url, identity, { signature: null }), (error: unknown) => error instanceof UpgradeRefused && error.status === 401);
    await assert.rejects(TwilioStreamClient.connect(url, identity, { authToken: 'not-the-auth-token' }), (error: unknown) => error instanceof UpgradeRefused && error.status === 403);
    // A signature for another URL (a replay against this endpoint) is no signature for this one.
    const elsewhere = await import('twilio').then((t) => t.default.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, 'wss://elsewhere.example/telephony/media-stream', {}));
    await assert.rejects(TwilioStreamClient.connect(url, identity, { signature: elsewhere }), (error: unknown) => error instanceof UpgradeRefused && error.status === 403);
    const otherPath = new WebSocket(`${api.url.replace(/^http/, 'ws')}/telephony/other`);
    const outcome = await new Promise<string>((resolve) => {
      otherPath.once('open', () => resolve('open'));
      otherPath.once('error', (error) => resolve(`error: ${error.message}`));
    });
    assert.match(outcome, /^error: socket hang up/);
    assert.equal(await prisma.recording.count({ where: { streamSid: identity.streamSid } }), 0);
    assert.equal(await prisma.call.count({ where: { id: identity.callSid } }), 0);
  });

  describe('per-call stream token', () => {
    useSeatHoursAllDay();

    /** Opens a (validly signed) stream, sends `start` with `streamToken` and a second of audio; resolves how the server closed it. */
    async function startWith(identity: { callSid: string; streamSid: string; streamToken: string | null }): Promise<{ code: number; reason: string }> {
      const client = await TwilioStreamClient.connect(url, identity);
      client.connected();
      client.start();
      await client.streamAudio(silenceMulaw(1000), { realTime: false });
      const closed = await Promise.race([client.closed, sleep(5000).then(() => ({ code: 0, reason: 'still open' }))]);
      if (closed.code === 0) await client.finish();
      return closed;
    }

    it('refuses a start whose stream token is missing, forged, expired or another call’s: closed (1008), no call, recording or audio kept', async () => {
      const callSid = newCallSid();
      const otherCall = newCallSid();
      const refusals: [string, string | null, RegExp][] = [
        ['missing', null, /missing/],
        ['garbled', 'v1.9999999999.not-a-mac', /invalid/],
        ['forged (another secret)', streamTokenFor(callSid, { secret: 'an-attacker-s-guess-of-the-secret-0123456789' }), /invalid/],
        ['another call’s', streamTokenFor(otherCall), /invalid/],
        ['expired', streamTokenFor(callSid, { now: new Date(Date.now() - 10 * 60_000) }), /expired/],
      ];
      for (const [label, streamToken, reason] of refusals) {
        const streamSid = newStreamSid();
        const closed = await startWith({ callSid, streamSid, streamToken });
        assert.equal(closed.code, 1008, label);
        assert.match(closed.reason, reason, label);
        assert.equal(await prisma.recording.count({ where: { streamSid } }), 0, label);
      }
      assert.equal(await prisma.call.count({ where: { id: { in: [callSid, otherCall] } } }), 0, 'no call row made up from a refused stream');
      assert.equal(await prisma.transcriptSegment.count({ where: { callId: { in: [callSid, otherCall] } } }), 0);
    });

    it('accepts the token the IVR’s TwiML gives the call’s <Stream>, for that call only and once', async () => {
      const call = new SimulatedCall(api.url);
      const menu = await call.incoming();
      const petition = await call.answer(menu, { Digits: '2' });
      const parameters = Object.fromEntries((petition.doc.Start.Stream.Parameter as { name: string; value: string }[]).map((p) => [p.name, p.value]));
      assert.equal(parameters.callSid, call.callSid);
      const streamToken = parameters.streamToken!;
      assert.match(streamToken, /^v1\.\d+\.[A-Za-z0-9_-]{43}$/);

      // Captured and replayed for another call: refused, nothing attached to either call.
      const otherCall = newCallSid();
      const forOther = await startWith({ callSid: otherCall, streamSid: newStreamSid(), streamToken });
      assert.equal(forOther.code, 1008);
      assert.equal(await prisma.call.count({ where: { id: otherCall } }), 0);

      const audio = await speechMulaw(PHRASE);
      const streamSid = newStreamSid();
      const client = await TwilioStreamClient.connect(url, { callSid: call.callSid, streamSid, streamToken });
      client.connected();
      client.start();
      await client.streamAudio(audio, { realTime: false });
      await client.finish();
      const stored = await storedStream(store, streamSid);
      assert.equal(stored.status, 'completed');
      assertSameSamples(stored.channels[0]!, decoded(audio), 'the call’s own stream');

      // The same token a second time, even for the same call: refused, the first recording stays the only one.
      const replay = await startWith({ callSid: call.callSid, streamSid: newStreamSid(), streamToken });
      assert.equal(replay.code, 1008);
      assert.match(replay.reason, /already used/);
      const recordings = await prisma.recording.findMany({ where: { callId: call.callSid } });
      assert.deepEqual(recordings.map((r) => [r.streamSid, r.status]), [[streamSid, 'completed']]);
    });
  });

  it('checks the signature against PUBLIC_BASE_URL as a wss:// URL when it is configured', async () => {
    const publicApi = await startApi({ attachmentStore: store, publicBaseUrl: 'https://12345.example.gov.cn' });
    try {
      const local = mediaStreamWsUrl(publicApi.url);
      const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
      await assert.rejects(TwilioStreamClient.connect(local, identity), (error: unknown) => error instanceof UpgradeRefused && error.status === 403);
      const twilio = (await import('twilio')).default;
      const signature = twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, 'wss://12345.example.gov.cn/telephony/media-stream', {});
      const client = await TwilioStreamClient.connect(local, identity, { signature });
      client.connected();
      client.start();
      await client.streamAudio(silenceMulaw(100), { realTime: false });
      await client.finish();
      assert.equal((await storedStream(store, identity.streamSid)).status, 'completed');
    } finally {
      await publicApi.close();
    }
  });

  it('skips garbage frames (bad JSON, unknown events, binary, media before start, bad base64, unannounced track) and records the rest', async () => {
    const audio = await speechMulaw(OTHER_PHRASE);
    const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
    const client = await TwilioStreamClient.connect(url, identity);
    client.connected();
    // Before start: not part of the stream.
    client.sendJson({ event: 'media', streamSid: identity.streamSid, media: { track: 'inbound', timestamp: '0', payload: audio.subarray(0, FRAME_BYTES).toString('base64') } });
    client.ws.send('{"event": "media", "media": {');
    client.ws.send('not json at all');
    client.sendJson({ event: 'clear', streamSid: identity.streamSid });
    client.sendJson(['media']);
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    client.start();
    client.sendJson({ event: 'media', streamSid: identity.streamSid, media: { track: 'inbound', timestamp: '0', payload: '!!not*base64!!' } });
    client.sendJson({ event: 'media', streamSid: identity.streamSid, media: { track: 'inbound', timestamp: 'soon', payload: 'AAAA' } });
    client.sendJson({ event: 'media', streamSid: identity.streamSid, media: { track: 'outbound', timestamp: '0', payload: audio.subarray(0, FRAME_BYTES).toString('base64') } });
    client.sendJson({ event: 'start', start: { streamSid: 'x' } });
    client.sendJson({ event: 'dtmf', streamSid: identity.streamSid, dtmf: { track: 'inbound_track', digit: '5' } });
    client.sendJson({ event: 'mark', streamSid: identity.streamSid, mark: { name: 'prompt-played' } });
    await client.streamAudio(audio, { realTime: false });
    await client.finish();

    const stored = await storedStream(store, identity.streamSid);
    assert.equal(stored.status, 'completed');
    assertSameSamples(stored.channels[0]!, decoded(audio), 'caller track');
  });

  it('keeps the audio of a stream cut off without stop as partial, while another stream goes on', async () => {
    const audio = await speechMulaw(PHRASE);
    const cutIdentity = { callSid: newCallSid(), streamSid: newStreamSid() };
    const cut = await TwilioStreamClient.connect(url, cutIdentity);
    cut.connected();
    cut.start();
    const sentBeforeCut = audio.subarray(0, 50 * FRAME_BYTES); // one second
    const other = streamCall(url, audio);
    await cut.streamAudio(sentBeforeCut);
    await cut.cut();
    const { streamSid: otherSid } = await other;

    const partial = await storedStream(store, cutIdentity.streamSid);
    assert.equal(partial.status, 'partial');
    assertSameSamples(partial.channels[0]!, decoded(sentBeforeCut), 'cut stream');
    const whole = await storedStream(store, otherSid);
    assert.equal(whole.status, 'completed');
    assertSameSamples(whole.channels[0]!, decoded(audio), 'concurrent stream');
  });

  it('closes a stream that sends an oversized message (1009) and keeps what it had as partial', async () => {
    const audio = silenceMulaw(400);
    const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
    const client = await TwilioStreamClient.connect(url, identity);
    client.connected();
    client.start();
    await client.streamAudio(audio, { realTime: false });
    client.ws.send(JSON.stringify({ event: 'media', media: { payload: 'A'.repeat(200_000) } }));
    const closed = await client.closed;
    assert.equal(closed.code, 1009);
    const stored = await storedStream(store, identity.streamSid);
    assert.equal(stored.status, 'partial');
    assert.equal(stored.channels[0]!.length, audio.length);
  });

  it('survives a peer that sends half a WebSocket frame and vanishes', async () => {
    const { port } = new URL(api.url);
    const twilio = (await import('twilio')).default;
    const signature = twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, `ws://127.0.0.1:${port}/telephony/media-stream`, {});
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `GET /telephony/media-stream HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Twilio-Signature: ${signature}\r\n\r\n`,
    );
    await new Promise((resolve) => socket.once('data', resolve));
    socket.write(Buffer.from([0x81, 0xfe, 0x01])); // a masked text frame header, cut short
    socket.destroy();
    await sleep(100);
    const { streamSid } = await streamCall(url, silenceMulaw(200));
    assert.equal((await storedStream(store, streamSid)).status, 'completed');
  });

  it('fills a dropout with silence so that the recording keeps the call time', async () => {
    const audio = await speechMulaw(PHRASE);
    const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
    const client = await TwilioStreamClient.connect(url, identity);
    client.connected();
    client.start();
    const lost = new Set([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]); // 200 ms never arrive
    await client.streamAudio(audio, { skipFrames: lost });
    await client.finish();

    const stored = await storedStream(store, identity.streamSid);
    const sentMs = (audio.length / 8000) * 1000;
    assert.ok(Math.abs(stored.durationMs - sentMs) <= 50, `duration ${stored.durationMs} ms for a call of ${sentMs} ms`);
    const expected = decoded(audio);
    expected.fill(0, 20 * FRAME_BYTES, 30 * FRAME_BYTES);
    assertSameSamples(stored.channels[0]!, expected, 'caller track with a dropout');
  });

  it('does not mix two concurrent streams', async () => {
    const [first, second] = await Promise.all([speechMulaw(PHRASE), speechMulaw(OTHER_PHRASE)]);
    const [a, b] = await Promise.all([streamCall(url, first), streamCall(url, second)]);
    assertSameSamples((await storedStream(store, a.streamSid)).channels[0]!, decoded(first), 'first stream');
    assertSameSamples((await storedStream(store, b.streamSid)).channels[0]!, decoded(second), 'second stream');
  });

  it('records both tracks as a stereo WAV, the caller on the left', async () => {
    const [caller, prompt] = await Promise.all([speechMulaw(PHRASE), speechMulaw(OTHER_PHRASE)]);
    const identity = { callSid: newCallSid(), streamSid: newStreamSid(), tracks: ['inbound', 'outbound'] as ('inbound' | 'outbound')[] };
    const client = await TwilioStreamClient.connect(url, identity);
    client.connected();
    client.start();
    await Promise.all([client.streamAudio(caller, { track: 'inbound', realTime: false }), client.streamAudio(prompt, { track: 'outbound', realTime: false })]);
    await client.finish();
    const stored = await storedStream(store, identity.streamSid);
    assert.equal(stored.channels.length, 2);
    const samples = Math.max(caller.length, prompt.length);
    const left = new Int16Array(samples);
    left.set(decoded(caller));
    const right = new Int16Array(samples);
    right.set(decoded(prompt));
    assertSameSamples(stored.channels[0]!, left, 'left (caller)');
    assertSameSamples(stored.channels[1]!, right, 'right (outbound)');
  });

  it('on shutdown closes open streams and stores their audio as partial before it returns', async () => {
    const ownApi = await startApi({ attachmentStore: store });
    const audio = await speechMulaw(PHRASE);
    const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
    const client = await TwilioStreamClient.connect(mediaStreamWsUrl(ownApi.url), identity);
    client.connected();
    client.start();
    const sent = audio.subarray(0, 25 * FRAME_BYTES);
    await client.streamAudio(sent);
    await sleep(100);
    assert.equal(ownApi.server.mediaStreams.activeStreams, 1);
    await ownApi.close();
    assert.equal((await client.closed).code, 1001);
    // Stored by the time close() resolved: nothing to wait for.
    const recording = await prisma.recording.findUniqueOrThrow({ where: { streamSid: identity.streamSid } });
    assert.equal(recording.status, 'partial');
    assertSameSamples((await storedStream(store, identity.streamSid)).channels[0]!, decoded(sent), 'stream open at shutdown');
  });

  it('refuses a second stream under a StreamSid already recorded', async () => {
    const identity = await streamCall(url, silenceMulaw(100));
    await storedStream(store, identity.streamSid);
    const again = await TwilioStreamClient.connect(url, identity);
    again.connected();
    again.start();
    const closed = await again.closed;
    assert.equal(closed.code, 1008);
    assert.equal(await prisma.recording.count({ where: { streamSid: identity.streamSid } }), 1);
  });
});
