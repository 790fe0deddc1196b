// TRANSCRIBER=funasr against a local server that speaks the FunASR runtime's WebSocket protocol
// and answers with the recorded 2pass exchange (tests/fixtures/funasr/): what the product sends
// (the start message, the PCM as it came, the end of the audio), how it reads the answers
// (interim pieces, corrected sentences timed on the call), and that a recogniser that is away or
// stalls costs the transcript, never the end of the stream. Then through the Media Streams server:
// the corrected sentences become the call's transcript.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { mulaw } from 'alawmulaw';
import pino from 'pino';
import { loadEnv } from '../../config/env';
import { DiskStore } from '../../storage/diskStore';
import { createTranscriber } from '../../telephony/transcription/createTranscriber';
import { funasrTranscriber, type FunasrMode } from '../../telephony/transcription/funasr';
import type { StreamTrack, TranscriptSegmentEvent } from '../../telephony/transcription/transcriber';
import { testPrisma } from '../support/db';
import { startFunasrServer, twoPassExchange } from '../support/funasrServer';
import { startApi } from '../support/http';
import { mediaStreamWsUrl, newCallSid, newStreamSid, TwilioStreamClient } from '../support/mediaStreams';
import { waitUntil } from '../support/petitions';

/** A logger whose lines the test reads. */
function capturedLog() {
  const lines: { msg: string; [key: string]: unknown }[] = [];
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { log: pino({ level: 'debug' }, sink), lines };
}

/** `ms` of a 440 Hz tone as 20 ms chunks of 8 kHz PCM, the way the Media Streams server hands them out. */
function* toneChunks(track: StreamTrack, fromMs: number, ms: number) {
  for (let at = 0; at < ms; at += 20) {
    const pcm = new Int16Array(160);
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * ((at * 8) + i)) / 8000));
    yield { track, startMs: fromMs + at, pcm, mulaw: mulaw.encode(pcm) };
  }
}

async function transcribe(url: string, options: { mode?: FunasrMode; hotwords?: string; tracks?: [StreamTrack, number][]; audioMs?: number; finalAnswerTimeoutMs?: number } = {}) {
  const { log, lines } = capturedLog();
  const transcriber = funasrTranscriber({ url, mode: options.mode ?? '2pass', hotwords: options.hotwords, log, finalAnswerTimeoutMs: options.finalAnswerTimeoutMs });
  const segments: TranscriptSegmentEvent[] = [];
  const callSid = newCallSid();
  const tracks = options.tracks ?? [['inbound', 1000]];
  const session = transcriber.startSession({ callSid, streamSid: newStreamSid(), tracks: tracks.map(([track]) => track), sampleRate: 8000 }, (segment) => segments.push(segment));
  const sent = new Map<StreamTrack, Buffer[]>();
  const chunks = tracks.map(([track, fromMs]) => [...toneChunks(track, fromMs, options.audioMs ?? 3200)]);
  // Interleaved as on a call, in real time-ish batches so that answers come while audio flows.
  for (let i = 0; i < chunks[0]!.length; i++) {
    for (const trackChunks of chunks) {
      const chunk = trackChunks[i]!;
      session.write(chunk);
      sent.set(chunk.track, [...(sent.get(chunk.track) ?? []), Buffer.from(chunk.pcm.buffer)]);
    }
    if (i % 15 === 14) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ending = Date.now();
  await session.end();
  return { callSid, segments, sent, lines, endTookMs: Date.now() - ending };
}

describe('FunASR transcriber (TRANSCRIBER=funasr)', function () {
  this.timeout(60_000);

  it('sends the start message, the PCM as it came and the end of the audio, one connection a track', async () => {
    const server = await startFunasrServer(twoPassExchange());
    try {
      const { callSid, sent } = await transcribe(server.url, { hotwords: '{"占道经营":30}', tracks: [['inbound', 1000], ['outbound', 1000]] });
      assert.equal(server.connections.length, 2);
      for (const track of ['inbound', 'outbound'] as const) {
        const connection = server.connections.find((c) => c.start?.wav_name === `${callSid}-${track}`)!;
        assert.deepEqual(connection.start, { mode: '2pass', wav_name: `${callSid}-${track}`, wav_format: 'pcm', audio_fs: 8000, is_speaking: true, chunk_size: [5, 10, 5], itn: true, hotwords: '{"占道经营":30}' });
        assert.ok(connection.audio.equals(Buffer.concat(sent.get(track)!)), 'the 16-bit little-endian PCM, every sample, in order');
        assert.deepEqual(connection.controls, [{ is_speaking: false }]);
      }
    } finally {
      await server.close();
    }
  });

  it('reports the pieces as interim segments and each corrected sentence as a final one, timed on the call', async () => {
    const server = await startFunasrServer(twoPassExchange());
    try {
      const { segments } = await transcribe(server.url);
      assert.deepEqual(segments.map((s) => [s.text, s.final, s.speaker]), [
        ['您好我要', false, 'inbound'],
        ['您好我要反映', false, 'inbound'],
        ['您好，我要反映。', true, 'inbound'],
        ['解放路夜市', false, 'inbound'],
        ['解放路夜市占道经营。', true, 'inbound'],
      ]);
      // The recogniser counts from the track's first sample, which came 1 s into the call.
      const finals = segments.filter((s) => s.final).map((s) => [s.startMs, s.endMs]);
      assert.deepEqual(finals, [[1200, 2500], [2900, 3900]]);
      const second = segments[3]!;
      assert.ok(second.startMs >= 2500, 'the next sentence starts where the corrected one ended');
    } finally {
      await server.close();
    }
  });

  it('times a sentence where it was heard when its timestamps do not fit the audio sent', async () => {
    const answers = twoPassExchange();
    // A runtime whose timestamps run past the audio it received (another time line).
    const last = answers[answers.length - 1]!;
    last.message = { ...last.message, stamp_sents: [{ start: 1900, end: 99_000 }], timestamp: undefined };
    const server = await startFunasrServer(answers);
    try {
      const { segments } = await transcribe(server.url);
      const final = segments.filter((s) => s.final)[1]!;
      assert.deepEqual([final.text, final.startMs, final.endMs], ['解放路夜市占道经营。', 2500, 4200]);
    } finally {
      await server.close();
    }
  });

  it('keeps each piece in online mode, where no correction comes', async () => {
    const server = await startFunasrServer([
      { afterAudioMs: 600, message: { mode: 'online', text: '您好我要', is_final: false } },
      { afterAudioMs: 1200, message: { mode: 'online', text: '反映', is_final: false } },
      { atEnd: true, message: { mode: 'online', text: '', is_final: true } },
    ]);
    try {
      const { segments } = await transcribe(server.url, { mode: 'online' });
      assert.equal(server.connections[0]!.start!.mode, 'online');
      assert.deepEqual(segments.map((s) => [s.text, s.final]), [['您好我要', true], ['反映', true]]);
      assert.ok(segments[0]!.startMs === 1000 && segments[0]!.endMs <= segments[1]!.startMs, 'one after the other from the first sample');
    } finally {
      await server.close();
    }
  });

  it('ends at once, with a warning and no transcript, when the recogniser cannot be reached', async () => {
    const server = await startFunasrServer([]);
    const url = server.url;
    await server.close();
    const { segments, lines, endTookMs } = await transcribe(url);
    assert.deepEqual(segments, []);
    assert.ok(endTookMs < 2000, `end took ${endTookMs} ms`);
    assert.ok(lines.some((line) => line.msg.includes('FunASR recognition failed')), JSON.stringify(lines));
  });

  it('stops waiting for a final answer that never comes', async () => {
    const server = await startFunasrServer(twoPassExchange(), { finalAnswer: false });
    try {
      const { segments, lines, endTookMs } = await transcribe(server.url, { finalAnswerTimeoutMs: 300 });
      assert.ok(endTookMs >= 250 && endTookMs < 3000, `end took ${endTookMs} ms`);
      assert.deepEqual(segments.filter((s) => s.final).map((s) => s.text), ['您好，我要反映。']);
      assert.ok(lines.some((line) => line.msg.includes('no final answer in time')));
    } finally {
      await server.close();
    }
  });

  it('is chosen by TRANSCRIBER=funasr, which needs a ws:// or wss:// FUNASR_URL', () => {
    const { log } = capturedLog();
    assert.equal(createTranscriber(loadEnv({ TRANSCRIBER: 'funasr', FUNASR_URL: 'ws://asr.intranet:10095' }), log).name, 'funasr');
    assert.throws(() => loadEnv({ TRANSCRIBER: 'funasr' }), /FUNASR_URL: required when TRANSCRIBER=funasr/);
    assert.throws(() => loadEnv({ TRANSCRIBER: 'funasr', FUNASR_URL: 'http://asr.intranet:10095' }), /FUNASR_URL: must be a ws:\/\/ or wss:\/\/ URL/);
    assert.throws(() => loadEnv({ TRANSCRIBER: 'funasr', FUNASR_URL: 'ws://asr', FUNASR_HOTWORDS: '占道经营' }), /FUNASR_HOTWORDS/);
  });

  it('turns a call’s streamed speech into its transcript through the Media Streams server', async () => {
    const server = await startFunasrServer(twoPassExchange());
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'funasr-test-'));
    const { log } = capturedLog();
    const api = await startApi({ attachmentStore: new DiskStore(storeDir), transcriber: funasrTranscriber({ url: server.url, mode: '2pass', log }) });
    try {
      const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
      const client = await TwilioStreamClient.connect(mediaStreamWsUrl(api.url), identity);
      client.connected();
      client.start();
      const tone = Buffer.concat([...toneChunks('inbound', 0, 3200)].map((chunk) => Buffer.from(chunk.mulaw)));
      await client.streamAudio(tone);
      await client.finish();
      const prisma = testPrisma();
      await waitUntil(async () => (await prisma.recording.findUnique({ where: { streamSid: identity.streamSid } }))?.status === 'completed');
      const rows = await prisma.transcriptSegment.findMany({ where: { callId: identity.callSid }, orderBy: { startMs: 'asc' } });
      assert.deepEqual(rows.map((r) => [r.text, r.speaker, r.startMs, r.endMs]), [
        ['您好，我要反映。', 'inbound', 200, 1500],
        ['解放路夜市占道经营。', 'inbound', 1900, 2900],
      ]);
      assert.ok(server.connections[0]!.audio.length >= 3200 * 16 - 320, 'the whole call went to the recogniser');
    } finally {
      await api.close();
      await server.close();
      await rm(storeDir, { recursive: true, force: true });
    }
  });
});
