// Benchmark of intake over real HTTP: p50/p99 latency of `POST /api/cases` one at a time and
// with C at once (each with its own Idempotency-Key), against a Temporal dev server (SQLite) and
// one worker; how many answers came before their case was listed (0 is intake's promise) and
// when those cases were listed; 503s are retried with the same key, as a client does.
//   npm run bench:intake      (BENCH_REQUESTS=200 BENCH_CONCURRENCY=20)
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../api/app';
import { signAccessToken } from '../api/auth/tokens';
import { loadEnv } from '../config/env';
import { temporalDataConverter } from '../config/temporal';
import { createLogger } from '../config/logger';
import { DiskStore } from '../storage/diskStore';
import { telephonyDeps } from '../telephony/deps';
import { log, percentile, startBenchStack } from './stack';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const TASK_QUEUE = 'bench-intake';
const SECRET = 'bench-jwt-secret-0123456789-0123456789';

interface Sample {
  ms: number;
  status: number;
  /** The case's row existed when the answer arrived. */
  listed: boolean;
  /** From sending to the case's row existing (polled after an answer that came before it). */
  listedMs: number;
  /** 503 answers retried with the same key. */
  retries: number;
}

function summary(samples: Sample[]): string {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const statuses = [...counts].map(([status, count]) => `${status}×${count}`).join(' ');
  const listed = samples.map((s) => s.listedMs).sort((a, b) => a - b);
  const retries = samples.reduce((sum, s) => sum + s.retries, 0);
  return `answer p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms; ${statuses}; 503 retried: ${retries}; answered before listed: ${samples.filter((s) => !s.listed).length}; listed p50 ${percentile(listed, 50).toFixed(0)} ms, p99 ${percentile(listed, 99).toFixed(0)} ms`;
}

async function main(): Promise<void> {
  const stack = await startBenchStack(TASK_QUEUE);
  const { prisma, connection } = stack;
  const app = createApp({
    prisma, temporal: connection, namespace: 'default', dataConverter: temporalDataConverter(loadEnv()), taskQueue: TASK_QUEUE, log: createLogger('bench-intake', 'warn'), jwtSecret: SECRET, publicLinkSecret: loadEnv().PUBLIC_LINK_SECRET, accessTtlSeconds: 3600, version: 'bench', adminUiDir: '/nonexistent',
    attachmentStore: new DiskStore(path.join(os.tmpdir(), 'bench-attachments')), attachmentMaxBytes: 1024 * 1024,
    twilio: telephonyDeps(loadEnv()), databaseUrl: stack.databaseUrl,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = signAccessToken({ sub: 'user-operator', username: 'operator', roles: ['operator'], unitId: 'hotline', sv: (await prisma.user.findUniqueOrThrow({ where: { id: 'user-operator' }, select: { sessionVersion: true } })).sessionVersion }, SECRET, 3600);
  let n = 0;

  const intake = async (): Promise<Sample> => {
    n += 1;
    const body = { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: `夜市占道 ${n}`, content: '解放路夜市占道经营。', citizenPhone: `+86139${String(10_000_000 + n)}`, address: `东湖区解放路${n}号` };
    const key = randomUUID();
    const started = performance.now();
    const send = () => fetch(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key }, body: JSON.stringify(body) });
    let response = await send();
    let retries = 0;
    for (; response.status === 503 && retries < 10; retries++) {
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      response = await send();
    }
    const answer = (await response.json()) as { caseId?: string };
    const ms = performance.now() - started;
    if (!answer.caseId) throw new Error(`HTTP ${response.status}: ${JSON.stringify(answer)}`);
    const exists = async () => (await prisma.case.findUnique({ where: { id: answer.caseId }, select: { id: true } })) !== null;
    const listed = await exists();
    while (!(await exists())) await new Promise((resolve) => setTimeout(resolve, 10));
    return { ms, status: response.status, listed, listedMs: performance.now() - started, retries };
  };

  try {
    log('warming up (10 intakes)');
    for (let i = 0; i < 10; i++) await intake();
    const sequential: Sample[] = [];
    for (let i = 0; i < REQUESTS; i++) sequential.push(await intake());
    log(`POST /api/cases, ${REQUESTS} one at a time: ${summary(sequential)}`);
    const concurrent: Sample[] = [];
    while (concurrent.length < REQUESTS) concurrent.push(...(await Promise.all(Array.from({ length: CONCURRENCY }, () => intake()))));
    log(`POST /api/cases, ${concurrent.length} with ${CONCURRENCY} at once: ${summary(concurrent)}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await (app.locals.intake as { close(): Promise<void> } | undefined)?.close();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
