// Benchmark of the IVR's TwiML webhooks over real HTTP, signed as Twilio signs them: p50/p99
// latency of POST /telephony/voice/incoming (a new call: its row, the rule settings, the queue
// length, the prompt) and of one menu step (3 → the case query prompt) with N calls at once.
//   npm run bench:twiml        (BENCH_CALLS=400 BENCH_CONCURRENCY=1,10,50)
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporalDataConverter } from '../config/temporal';
import { loadEnv } from '../config/env';
import twilio from 'twilio';
import { createApp } from '../api/app';
import { createLogger } from '../config/logger';
import { createPrismaClient } from '../prisma/client';
import { DiskStore } from '../storage/diskStore';
import { createTwilioClient } from '../telephony/twilioClient';
import { log, percentile, withFreshDatabase } from './stack';

const CALLS = Number(process.env.BENCH_CALLS ?? 400);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number);
const AUTH_TOKEN = 'bench-twilio-auth-token-0123456789';
const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const SECRET = 'bench-jwt-secret-0123456789-0123456789';

function signedPost(url: string, params: Record<string, string>): Promise<Response> {
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
}

async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  const body = await response.text();
  if (!response.ok || !body.includes('<Response>')) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
  return performance.now() - started;
}

/** Runs `count` calls through `step`, `concurrency` at a time; the latencies of each request. */
async function run(count: number, concurrency: number, step: (i: number) => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) samples.push(await step(next++));
  }));
  return samples.sort((a, b) => a - b);
}

const figures = (sorted: number[]) => `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`;

async function main(): Promise<void> {
  await withFreshDatabase('hotline_bench', async (databaseUrl) => {
    const prisma = createPrismaClient(databaseUrl);
    // Operators on their seats and a queue that never fills: every call gets the menu.
    await prisma.ruleSetting.update({ where: { key: 'ivr.seatHours' }, data: { value: { start: '00:00', end: '23:59', timeZone: 'Asia/Shanghai' } } });
    const app = createApp({
      prisma, temporal: Connection.lazy({ address: '127.0.0.1:1' }), namespace: 'default', dataConverter: temporalDataConverter(loadEnv()), taskQueue: 'bench-twiml', log: createLogger('bench-twiml', 'warn'), jwtSecret: SECRET, publicLinkSecret: SECRET, accessTtlSeconds: 3600, version: 'bench', adminUiDir: '/nonexistent',
      attachmentStore: new DiskStore(path.join(os.tmpdir(), 'bench-attachments')), attachmentMaxBytes: 1024 * 1024,
      twilio: { authToken: AUTH_TOKEN, client: createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: 'http://127.0.0.1:1' }), apiBaseUrl: 'http://127.0.0.1:1', fromNumber: '+8653112345' },
    });
    const http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      for (const concurrency of CONCURRENCY) {
        const calls = Array.from({ length: CALLS }, (_, i) => ({ CallSid: `CA${randomBytes(16).toString('hex')}`, From: `+86139${String(i).padStart(8, '0')}`, To: '+8653112345', AccountSid: ACCOUNT_SID, Direction: 'inbound', ApiVersion: '2010-04-01' }));
        const incoming = await run(CALLS, concurrency, (i) => timed(() => signedPost(`${base}/telephony/voice/incoming`, { ...calls[i]!, CallStatus: 'ringing' })));
        const menu = await run(CALLS, concurrency, (i) => timed(() => signedPost(`${base}/telephony/voice/menu?attempt=1`, { ...calls[i]!, CallStatus: 'in-progress', Digits: '3' })));
        log(`${CALLS} calls, ${concurrency} at once · POST /telephony/voice/incoming: ${figures(incoming)}`);
        log(`${CALLS} calls, ${concurrency} at once · POST /telephony/voice/menu (3 → case query): ${figures(menu)}`);
      }
    } finally {
      http.close();
      await prisma.$disconnect();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
