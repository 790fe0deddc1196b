// The transcription seam of the Media Streams server, with a real Transcriber written here: it
// "hears" every second of the call whose loudness is above a threshold and reports it as a
// segment (interim while the second fills, final when it is complete). What is checked is the
// plumbing: audio reaches the transcriber on the call's time line, final segments become
// TranscriptSegment rows of the call, interim ones do not, and a failing transcriber costs the
// transcript, never the recording.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mulaw } from 'alawmulaw';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { DiskStore } from '../../storage/diskStore';
import { createTranscriber } from '../../telephony/transcription/createTranscriber';
import type { AudioChunk, Transcriber } from '../../telephony/transcription/transcriber';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { mediaStreamWsUrl, newCallSid, newStreamSid, silenceMulaw, speechMulaw, TwilioStreamClient } from '../support/mediaStreams';
import { waitUntil } from '../support/petitions';

const prisma = testPrisma();
const SAMPLES_PER_SECOND = 8000;
const LOUD_RMS = 300;

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** The seconds of `audio` (from its start) loud enough to count as speech. */
function loudSeconds(audio: Int16Array): number[] {
  const seconds: number[] = [];
  for (let start = 0; start < audio.length; start += SAMPLES_PER_SECOND) {
    if (rms(audio.subarray(start, start + SAMPLES_PER_SECOND)) > LOUD_RMS) seconds.push(start / SAMPLES_PER_SECOND);
  }
  return seconds;
}

/** Hears loud seconds, per track, placing each chunk where the server says it starts. */
const loudSecondsTranscriber: Transcriber = {
  name: 'loudSeconds (test)',
  startSession(_info, onSegment) {
    const tracks = new Map<string, { second: number; samples: Int16Array; filled: number }>();
    const judge = (track: string, state: { second: number; samples: Int16Array; filled: number }) => {
      if (state.filled === 0 || rms(state.samples.subarray(0, state.filled)) <= LOUD_RMS) return;
      const startMs = state.second * 1000;
      onSegment({ startMs, endMs: startMs + (state.filled / SAMPLES_PER_SECOND) * 1000, text: `${track} 第${state.second}秒有人说话`, speaker: track, final: true });
    };
    return {
      write(chunk: AudioChunk) {
        let state = tracks.get(chunk.track);
        for (let i = 0; i < chunk.pcm.length; i++) {
          const position = Math.round(chunk.startMs * 8) + i;
          const second = Math.floor(position / SAMPLES_PER_SECOND);
          if (!state || state.second !== second) {
            if (state) judge(chunk.track, state);
            state = { second, samples: new Int16Array(SAMPLES_PER_SECOND), filled: 0 };
            tracks.set(chunk.track, state);
            onSegment({ startMs: second * 1000, endMs: second * 1000, text: 'interim guess', final: false });
          }
          state.samples[position % SAMPLES_PER_SECOND] = chunk.pcm[i]!;
          state.filled = (position % SAMPLES_PER_SECOND) + 1;
        }
      },
      async end() {
        for (const [track, state] of tracks) judge(track, state);
      },
    };
  },
};

const brokenTranscriber: Transcriber = {
  name: 'broken (test)',
  startSession() {
    return {
      write() {
        throw new Error('the speech service is unreachable');
      },
      end: () => Promise.reject(new Error('the speech service is unreachable')),
    };
  },
};

async function streamAndWait(url: string, audio: Buffer): Promise<{ callSid: string; status: string; durationMs: number }> {
  const identity = { callSid: newCallSid(), streamSid: newStreamSid() };
  const client = await TwilioStreamClient.connect(url, identity);
  client.connected();
  client.start();
  await client.streamAudio(audio);
  await client.finish();
  let status = 'inProgress';
  let durationMs = 0;
  await waitUntil(async () => {
    const row = await prisma.recording.findUnique({ where: { streamSid: identity.streamSid } });
    status = row?.status ?? 'inProgress';
    durationMs = row?.durationMs ?? 0;
    return status !== 'inProgress';
  });
  return { callSid: identity.callSid, status, durationMs };
}

describe('Media Streams transcription', function () {
  this.timeout(60_000);
  let storeDir: string;
  const apis: RunningApi[] = [];

  before(async () => {
    storeDir = await mkdtemp(path.join(os.tmpdir(), 'transcription-test-'));
  });

  after(async () => {
    await Promise.all(apis.map((api) => api.close()));
    await rm(storeDir, { recursive: true, force: true });
  });

  async function apiWith(transcriber: Transcriber): Promise<string> {
    const api = await startApi({ attachmentStore: new DiskStore(storeDir), transcriber });
    apis.push(api);
    return mediaStreamWsUrl(api.url);
  }

  it('stores the final segments a transcriber reports as the call’s transcript, timed on the call (interim ones are not kept)', async () => {
    const url = await apiWith(loudSecondsTranscriber);
    // A second of silence first: the speech starts one second into the call.
    const audio = Buffer.concat([silenceMulaw(1000), await speechMulaw('您好，我要反映解放路夜市占道经营的问题。'), silenceMulaw(1000)]);
    const expectedSeconds = loudSeconds(mulaw.decode(audio));
    assert.ok(expectedSeconds.length >= 2 && expectedSeconds[0]! >= 1, `speech seconds ${expectedSeconds}`);

    const { callSid, status } = await streamAndWait(url, audio);
    assert.equal(status, 'completed');
    const segments = await prisma.transcriptSegment.findMany({ where: { callId: callSid }, orderBy: { startMs: 'asc' } });
    assert.deepEqual(
      segments.map((segment) => segment.startMs),
      expectedSeconds.map((second) => second * 1000),
    );
    assert.ok(segments.every((segment) => segment.speaker === 'inbound' && segment.endMs > segment.startMs && !segment.text.includes('interim')));
    assert.equal(segments[0]!.text, `inbound 第${expectedSeconds[0]}秒有人说话`);
  });

  it('stores no transcript for a silent call', async () => {
    const url = await apiWith(loudSecondsTranscriber);
    const { callSid, status } = await streamAndWait(url, silenceMulaw(1500));
    assert.equal(status, 'completed');
    assert.equal(await prisma.transcriptSegment.count({ where: { callId: callSid } }), 0);
  });

  it('still records the call when the transcriber fails', async () => {
    const url = await apiWith(brokenTranscriber);
    const audio = await speechMulaw('请问我的工单现在办理到哪一步了？');
    const { callSid, status, durationMs } = await streamAndWait(url, audio);
    assert.equal(status, 'completed');
    assert.ok(Math.abs(durationMs - (audio.length / 8000) * 1000) <= 50);
    assert.equal(await prisma.transcriptSegment.count({ where: { callId: callSid } }), 0);
  });

  it('defaults to no transcriber (TRANSCRIBER=none)', () => {
    const env = loadEnv({});
    assert.equal(env.TRANSCRIBER, 'none');
    assert.equal(createTranscriber(env, createLogger('test')).name, 'none');
    assert.throws(() => loadEnv({ TRANSCRIBER: 'cloud' }), /TRANSCRIBER/);
  });
});

