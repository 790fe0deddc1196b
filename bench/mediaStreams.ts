// How many concurrent Media Streams one API process takes with no dropped frames. For each
// level N (BENCH_STREAMS, default 25,50,100,200,400) N signed WebSocket streams send Mandarin
// speech in 20 ms µ-law frames, paced in real time for BENCH_SECONDS (default 10), into one API
// process (api/main.ts, a child process, so its CPU is its own) on a fresh database. Per level:
// frames the server recorded vs frames sent, the server's p99 inter-arrival jitter (from its
// "media stream recorded" log lines; it includes the senders' lateness, also shown), the API's
// event-loop delay (its "media streams load" lines: how long a ready frame waited for the
// server, its own share of any lag), the API's CPU, and the streams stored as completed.
//   npm run bench:streams        (BENCH_STREAMS=25,50,100 BENCH_SECONDS=10)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { loadEnv, PROJECT_ROOT } from '../config/env';
import { createFreshDatabase, scratchServer } from '../scripts/db/freshDatabase';
import { freePort, waitFor } from '../scripts/lib/ports';
import { dropDatabase } from '../scripts/services/postgres';
import { FRAME_BYTES, FRAME_MS, mediaStreamWsUrl, newCallSid, newStreamSid, sleep, speechMulaw, TwilioStreamClient } from '../tests/support/mediaStreams';
import { log, percentile, rssMiB } from './stack';

const LEVELS = (process.env.BENCH_STREAMS ?? '25,50,100,200,400,800').split(',').map(Number);
/** Past this the load generator itself is not keeping real time (it shares the machine). */
const SENDER_REAL_TIME_MS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const AUTH_TOKEN = 'bench-twilio-auth-token-0123456789';
/** The API's PUBLIC_LINK_SECRET: the streams' per-call tokens are signed with it. */
const LINK_SECRET = 'bench-public-link-secret-0123456789-abcdef';
const FRAMES = (SECONDS * 1000) / FRAME_MS;

/** The API's "media streams load" lines: event-loop delay over the 5 s before `at` (epoch ms, the line's own time). */
interface LoadSample {
  at: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

interface Recorded {
  outcome: string;
  frames: number;
  jitterP99Ms: number;
  jitterMaxMs: number;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

async function runLevel(url: string, streams: number, audio: Buffer, recorded: Map<string, Recorded>, loads: LoadSample[], apiPid: number) {
  const clients = await Promise.all(
    Array.from({ length: streams }, () => TwilioStreamClient.connect(url, { callSid: newCallSid(), streamSid: newStreamSid() }, { authToken: AUTH_TOKEN, streamTokenSecret: LINK_SECRET })),
  );
  for (const client of clients) {
    client.connected();
    client.start();
  }
  const cpuBefore = cpuSeconds(apiPid);
  const startedAt = Date.now();
  const started = performance.now();
  const lateness: number[] = [];
  // One ticker for all streams: every 20 ms each stream sends its next frame.
  for (let frame = 0; frame < FRAMES; frame++) {
    const due = started + frame * FRAME_MS;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lateness.push(Math.max(0, performance.now() - due));
    const offset = (frame * FRAME_BYTES) % (audio.length - FRAME_BYTES);
    const bytes = audio.subarray(offset, offset + FRAME_BYTES);
    for (const client of clients) client.media(bytes);
  }
  const endedAt = Date.now();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = ((cpuSeconds(apiPid) - cpuBefore) / wallSeconds) * 100;
  const rss = rssMiB(apiPid);
  await Promise.all(clients.map((client) => client.finish()));
  const sids = clients.map((client) => client.identity.streamSid);
  await waitFor('every stream stored', async () => {
    const missing = sids.filter((sid) => !recorded.has(sid)).length;
    if (missing > 0) throw new Error(`${missing} streams not yet stored`);
  }, 120_000, 250);
  const results = sids.map((sid) => recorded.get(sid)!);
  const sent = clients.reduce((sum, client) => sum + client.framesSent.inbound, 0);
  const received = results.reduce((sum, result) => sum + result.frames, 0);
  const jitter = results.map((result) => result.jitterP99Ms).sort((a, b) => a - b);
  const sortedLateness = [...lateness].sort((a, b) => a - b);
  // Lines written while the frames flowed (the first second, spent connecting, left out).
  const window = loads.filter((load) => load.at > startedAt + 1000 && load.at <= endedAt + 1000);
  return {
    streams,
    sent,
    received,
    dropped: sent - received,
    completed: results.filter((result) => result.outcome === 'completed').length,
    jitterP99: percentile(jitter, 50),
    jitterP99Worst: jitter[jitter.length - 1]!,
    jitterMaxWorst: Math.max(...results.map((result) => result.jitterMaxMs)),
    senderLateP99: percentile(sortedLateness, 99),
    loopDelayP99: Math.max(0, ...window.map((load) => load.loopDelayP99Ms)),
    loopDelayMax: Math.max(0, ...window.map((load) => load.loopDelayMaxMs)),
    cpu,
    rss,
  };
}

async function main(): Promise<void> {
  const server = await scratchServer(loadEnv(), log);
  const database = await createFreshDatabase(server.serverUrl, 'hotline_bench_streams', log);
  const databaseUrl = database.appUrl;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-streams-'));
  const port = await freePort();
  const apiEnv: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, API_HOST: '127.0.0.1', API_PORT: String(port), DATA_DIR: dataDir,
    // Temporal is never reached: streams need PostgreSQL and the attachment store only.
    TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_LINK_SECRET: LINK_SECRET, TEMPORAL_ADDRESS: '127.0.0.1:1',
  };
  delete apiEnv.PUBLIC_BASE_URL; // the streams are signed for the loopback URL
  delete apiEnv.ATTACHMENT_DIR;
  const api = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: PROJECT_ROOT,
    env: apiEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const recorded = new Map<string, Recorded>();
  const loads: LoadSample[] = [];
  readline.createInterface({ input: api.stdout! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { time?: string; msg?: string; streamSid?: string; outcome?: string; frames?: number; jitterP99Ms?: number; jitterMaxMs?: number; loopDelayP99Ms?: number; loopDelayMaxMs?: number };
      if (entry.msg === 'media streams load') {
        loads.push({ at: Date.parse(entry.time!), loopDelayP99Ms: entry.loopDelayP99Ms!, loopDelayMaxMs: entry.loopDelayMaxMs! });
      } else if (entry.msg === 'media stream recorded' && entry.streamSid) {
        recorded.set(entry.streamSid, { outcome: entry.outcome!, frames: entry.frames!, jitterP99Ms: entry.jitterP99Ms!, jitterMaxMs: entry.jitterMaxMs! });
      } else if (entry.msg && /could not|failed/.test(entry.msg)) {
        log(`api: ${line.slice(0, 300)}`);
      }
    } catch {
      // not a log line
    }
  });
  const results: Awaited<ReturnType<typeof runLevel>>[] = [];
  try {
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitFor('the API', async () => {
      await fetch(`${apiUrl}/healthz`);
    }, 60_000);
    const audio = await speechMulaw('您好，我要反映解放路夜市占道经营的问题，摊贩每天晚上占用人行道，行人只能走到机动车道上，非常危险。');
    log(`${SECONDS} s of 20 ms frames per stream, ${os.cpus().length} cores; API pid ${api.pid}`);
    for (const streams of LEVELS) {
      const result = await runLevel(mediaStreamWsUrl(apiUrl), streams, audio, recorded, loads, api.pid!);
      results.push(result);
      log(
        `${String(streams).padStart(4)} streams: frames ${result.received}/${result.sent} (dropped ${result.dropped}), completed ${result.completed}/${streams}, ` +
          `server jitter p99 ${result.jitterP99} ms (median stream; worst stream ${result.jitterP99Worst} ms, max ${result.jitterMaxWorst} ms), ` +
          `API event-loop delay p99 ${result.loopDelayP99} ms (max ${result.loopDelayMax} ms), sender lateness p99 ${result.senderLateP99.toFixed(1)} ms, API CPU ${result.cpu.toFixed(0)} % of a core, RSS ${result.rss.toFixed(0)} MiB`,
      );
      if (result.dropped > 0 || result.completed < streams) break;
      await sleep(2000);
    }
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await dropDatabase(database.superuserUrl);
    server.release();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const clean = results.filter((result) => result.dropped === 0 && result.completed === result.streams);
  log(clean.length > 0 ? `largest level with no dropped frames: ${clean[clean.length - 1]!.streams} concurrent streams` : 'every level dropped frames');
  const realTime = clean.filter((result) => result.senderLateP99 <= SENDER_REAL_TIME_MS);
  if (realTime.length < clean.length) {
    log(`senders kept real time (p99 lateness ≤ ${SENDER_REAL_TIME_MS} ms) up to ${realTime.at(-1)?.streams ?? 'no'} streams; above that the load generator, not the API, set the pace`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
