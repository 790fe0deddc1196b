// Benchmark of the case API over real HTTP: p50/p99 latency of `GET /api/cases` with typical
// filters on 100k and 1M cases, and of a command (an Update through the worker into the
// projection).   npm run bench:api      (BENCH_SIZES=100000,1000000 BENCH_REQUESTS=200)
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import pg from 'pg';
import { createApp } from '../api/app';
import { signAccessToken } from '../api/auth/tokens';
import { loadEnv } from '../config/env';
import { temporalDataConverter } from '../config/temporal';
import { createLogger } from '../config/logger';
import { DiskStore } from '../storage/diskStore';
import { telephonyDeps } from '../telephony/deps';
import { insertSyntheticCases } from '../prisma/seed/syntheticCases';
import { waitFor } from '../scripts/lib/ports';
import { commandUpdates } from '../workflows/petition/definitions';
import { log, percentile, startBenchStack } from './stack';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const TASK_QUEUE = 'bench-api';
const SECRET = 'bench-jwt-secret-0123456789-0123456789';

const LIST_QUERIES: [string, object, string][] = [
  ['newest of a status (dispatcher)', { status: ['dispatched', 'signed'] }, 'dispatcher'],
  ['red cases of a unit subtree (dispatcher)', { unitId: 'donghu', warningLevel: ['red'] }, 'dispatcher'],
  ['overdue cases (supervisor board)', { overdue: true }, 'dispatcher'],
  ['due in the next week', { dueFrom: '2026-11-23T00:00:00+08:00', dueTo: '2026-11-30T00:00:00+08:00' }, 'dispatcher'],
  ['a unit handler’s own cases', { status: ['signed'] }, 'unitHandler'],
  ['full-text search, rare phrase', { q: '编号77777' }, 'dispatcher'],
  ['caller history by phone', { citizenPhone: '+8613900012345' }, 'dispatcher'],
];

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`;
}

async function timeRequests(count: number, request: () => Promise<Response>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  const stack = await startBenchStack(TASK_QUEUE);
  const { prisma, connection } = stack;
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  const app = createApp({
    prisma, temporal: connection, namespace: 'default', dataConverter: temporalDataConverter(loadEnv()), taskQueue: TASK_QUEUE, log: createLogger('bench-api', 'warn'), jwtSecret: SECRET, publicLinkSecret: SECRET, accessTtlSeconds: 3600, version: 'bench', adminUiDir: '/nonexistent',
    // Never written: the benchmark uploads nothing.
    attachmentStore: new DiskStore(path.join(os.tmpdir(), 'bench-attachments')), attachmentMaxBytes: 1024 * 1024,
    twilio: telephonyDeps(loadEnv()),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Tokens carry the user's session version, which the API checks (api/auth/sessionGuard.ts).
  const sessionVersionOf = async (id: string) => (await prisma.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;
  const tokens: Record<string, string> = {
    dispatcher: signAccessToken({ sub: 'user-dispatcher', username: 'dispatcher', roles: ['dispatcher'], unitId: 'hotline', sv: await sessionVersionOf('user-dispatcher') }, SECRET, 3600),
    unitHandler: signAccessToken({ sub: 'user-district-handler', username: 'donghu', roles: ['unitHandler'], unitId: 'donghu', sv: await sessionVersionOf('user-district-handler') }, SECRET, 3600),
  };
  try {
    let inserted = 0;
    for (const size of SIZES) {
      log(`inserting cases up to ${size.toLocaleString('en')}`);
      await insertSyntheticCases((sql) => pool.query(sql), inserted + 1, size);
      inserted = size;
      for (const [label, filter, user] of LIST_QUERIES) {
        const query = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,24]&sort=["registeredAt","DESC"]`;
        const samples = await timeRequests(REQUESTS, () => fetch(`${base}/api/cases?${query}`, { headers: { authorization: `Bearer ${tokens[user]}` } }));
        log(`  ${size.toLocaleString('en')} cases · GET /api/cases · ${label}: ${percentiles(samples)}`);
      }
    }

    // A command: an Update through the worker, answered after the projection is written.
    const client = new Client({ connection, dataConverter: temporalDataConverter(loadEnv()) });
    const caseId = '2099010100001';
    await client.workflow.start('petitionWorkflow', {
      args: [{ registration: { caseId, channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', urgency: 'normal', title: '基准', content: '基准测试', citizenName: null, citizenPhone: null, address: null, receivedAt: new Date().toISOString(), registeredBy: { id: 'user-operator', roles: ['operator'], unitId: 'hotline' } } }],
      taskQueue: TASK_QUEUE,
      workflowId: caseId,
    });
    await waitFor('the worker', async () => {
      await client.workflow.getHandle(caseId).executeUpdate(commandUpdates.dispatch, { args: [{ input: { leadUnitId: 'donghu' }, actor: { id: 'user-dispatcher', roles: ['dispatcher'], unitId: 'hotline' } }] });
    }, 120_000, 1000);
    const urges = await timeRequests(Math.min(REQUESTS, 150), () =>
      fetch(`${base}/api/cases/${caseId}/commands/urge`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.dispatcher}` }, body: JSON.stringify({ reason: '请加快办理' }) }),
    );
    log(`  command POST /api/cases/:id/commands/urge (with ${inserted.toLocaleString('en')} cases): ${percentiles(urges)}`);
  } finally {
    server.close();
    await pool.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
